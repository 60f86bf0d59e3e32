/** First-run setup and terminal enrolment (SPEC F9, F13). */
export { SetupService, type AdminInput, type SetupDeps, type SetupStage, type SetupStatus } from './setupService';
export { setupErrors } from './errors';
export { confirmsLastGroups, keyGroups, recoverySheetHtml } from './recoveryKeyView';
export type { ImportProgress } from './importStep';
