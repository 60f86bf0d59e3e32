/**
 * The counter with temporary releases (issue 22) for the e2e: the whole counter as fullContext.ts wires it, plus the
 * release service behind both the case workspace and list:releaseGrant. The release service's clock can be moved
 * forward by the test (`advanceReleaseClock`), so the spec sees a release end without waiting hours. Test-only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseService } from '../../../electron/core/cases/caseService';
import { ListUpdateService } from '../../../electron/core/list';
import { releasesForCases, ReleaseService } from '../../../electron/core/release';
import { coreContext } from '../../../electron/ipc/coreContext';
import type { AppContext } from '../../../electron/ipc/context';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { createTestCore, type TestCore } from '../../fakes/core';
import { testPolicyContext } from '../../fakes/policy';
import type { HarnessTools } from './app';
import { testClock } from '../../clock';

export interface ReleaseCounter {
  core: TestCore;
  releases: ReleaseService;
  advanceReleaseClock(seconds: number): void;
  context(tools: HarnessTools): Partial<AppContext>;
  close(): Promise<void>;
}

export async function releaseCounter(): Promise<ReleaseCounter> {
  const core = await createTestCore({ sweepMs: 250 });
  let shiftMs = 0;
  const releaseClock = () => new Date(testClock().getTime() + shiftMs);
  const releases = await ReleaseService.open({
    db: core.vault.database, key: core.vault.serviceKey('releases'), audit: core.audit, auth: core.staff, clock: releaseClock,
    exists: async (id) => (await core.vault.bodyOf(id)) !== undefined, stopped: async () => null,
  });
  const cases = new CaseService({
    lookup: () => core.vault, audit: core.audit, auth: core.staff, clock: testClock, maskedFields: () => DEFAULT_MASKED_FIELDS,
    releases: () => releasesForCases(releases, (id) => core.staff.describe(id)),
  });
  const pdfDir = mkdtempSync(join(tmpdir(), 'cs-e2e-pdf-'));
  return {
    core,
    releases,
    advanceReleaseClock: (s) => void (shiftMs += s * 1000),
    context: (tools) => ({
      ...coreContext(core),
      policy: testPolicyContext({ audit: core.audit, actor: 'terminal' }),
      cases: {
        service: cases, clerk: () => core.sessions.currentStaffId(), clerkRoles: () => core.sessions.currentRoles(), sessions: core.sessions,
        saveApplicantCopy: async (html, name) => {
          writeFileSync(join(pdfDir, name), await tools.pdf(html));
          return { saved: true, location: name };
        },
      },
      list: {
        service: new ListUpdateService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: testClock }),
        releases,
        actor: async () => {
          const s = await core.sessions.current();
          return s ? { staffId: s.staffId, roles: s.roles } : null;
        },
        chooseListFile: async () => null,
        saveBundle: async () => ({ saved: false, location: '' }),
      },
    }),
    close: async () => {
      await cases.closeAll();
      await core.close().catch(() => undefined);
    },
  };
}
