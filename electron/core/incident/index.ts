/** The incident record (SPEC F12). */
export { IncidentLog, type Incident, type IncidentInput, type IncidentSummary, type IncidentDeps } from './records';
export { reportClocks, SOKUHO_DAYS, SOKUHO_WARN_FROM_DAY, KAKUHO_DAYS, KAKUHO_IMPROPER_DAYS, type ReportClock, type ReportKind, type ClockState } from './deadlines';
export { incidentErrors } from './errors';
