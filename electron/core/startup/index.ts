export { findDebugSwitch } from './debugSwitches';
export { startupErrors } from './errors';
export { startupFailureForStage, startupFailureFrom, type StartupFailure } from './failure';
export { checkDataDir, checkPolicyReadable } from './preflight';
export { escapeHtml, startupFailureHtml, STARTUP_FAILURE_CSS, STARTUP_FAILURE_PAGE, STARTUP_FAILURE_STYLES, STARTUP_QUIT_PATH } from './screen';
