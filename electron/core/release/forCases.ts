/** The release service as the case workspace reads it (cases/caseReleases.ts), with approvers' names for the screen. */
import type { CaseReleases } from '../cases/caseReleases';
import type { ReleaseService } from './releaseService';

export function releasesForCases(releases: ReleaseService, describe: (staffId: string) => Promise<{ displayName: string } | undefined>): CaseReleases {
  return {
    history: (caseId) => releases.history(caseId),
    endForCase: (caseId) => releases.endForCase(caseId),
    nameOf: async (staffId) => (await describe(staffId))?.displayName ?? null,
  };
}
