/** The monthly review (SPEC F11). */
export { MonthlyReview, type ReviewDeps, type ReviewStatus, type SignOff, type PinEntry } from './service';
export { buildMonthlyReport, type MonthlyReport, type Anomaly, type DayCounts } from './report';
export { FIVE_RULES, type Rule } from './rules';
export { DEFAULT_OFFICE_HOURS, withinOfficeHours, type OfficeHours } from './officeHours';
export { reviewErrors } from './errors';
