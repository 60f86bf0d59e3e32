export { StaffService, type StaffServiceDeps, type StaffState, type StaffSummary, type BootstrapAdmin } from './service';
export type { StaffChange, ProposedChange, ConfirmInput } from './changes';
export type { PinCheckResult } from './pinCheck';
export { DEFAULT_ARGON2, OWASP_MIN, type Argon2Params } from './pinHash';
export { pinPolicyViolation, normalisePin, PIN_MIN, PIN_MAX } from './pinPolicy';
export { LOCK_AFTER_FAILURES, delaySecondsAfter } from './throttle';
export { staffErrors } from './errors';
export { PEPPER_FILE } from './pepper';
