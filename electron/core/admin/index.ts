/** Administration tasks (issue 17), written once for the `--admin` mode, the administration screen and the dev CLI. */
export { withAdmin, openAdminVault, type AdminAccess, type AdminEnv, type AdminHandle } from './access';
export { requireAdmin, requireAdminPair, type AdminCredential } from './auth';
export { adminErrors } from './errors';
export { ADMIN_EXIT, EXIT_TABLE, adminExitCodeOf, exitTableText } from './exitCodes';
export { enrolledAccounts } from './enrolment';
export { collectStatus, type AdminStatus } from './status';
export { makeSupportBundle, SUPPORT_FORMAT, type SupportBundle } from './support';
export * from './tasks';
export { runAdminCommand, adminHelp, ADMIN_TASKS, type AdminIo, type AdminRun } from './command';
export { statusText, verifyText, paperCheckpoint, jst } from './text';
export { policySignTask, parseDraft } from './policySign';
export { AppAdminService, type AdminProgress } from './appAdmin';
