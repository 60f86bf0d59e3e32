/** Temporary release (一時解除, SPEC F20, issue 22): one person, one form kind, one case, hours, two approvers; ends by itself. */
export { ReleaseService, RELEASE_REASONS, MAX_RELEASE_HOURS, type Release, type ReleaseStatus, type EndCause, type ReleaseDeps } from './releaseService';
export { releaseErrors } from './errors';
export { releasesForCases } from './forCases';
