/**
 * The whole counter as the app wires it, for the e2e: the real core (vault with the sample list, staff,
 * sessions, unmask), the real case service, the photo-request log — all writing to one recording audit
 * sink that applies the audit chain's own validation. Test-only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseService } from '../../../electron/core/cases/caseService';
import { coreContext } from '../../../electron/ipc/coreContext';
import type { AppContext } from '../../../electron/ipc/context';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { createTestCore, type TestCore, type TestCoreOptions } from '../../fakes/core';
import { testPolicyContext } from '../../fakes/policy';
import type { HarnessTools } from './app';
import { testClock } from '../../clock';

export interface FullCounter {
  core: TestCore;
  pdfDir: string;
  context(tools: HarnessTools): Partial<AppContext>;
  close(): Promise<void>;
}

export async function fullCounter(opts: TestCoreOptions = {}): Promise<FullCounter> {
  const core = await createTestCore(opts);
  const cases = new CaseService({ lookup: () => core.vault, audit: core.audit, auth: core.staff, clock: testClock, maskedFields: () => DEFAULT_MASKED_FIELDS });
  const pdfDir = mkdtempSync(join(tmpdir(), 'cs-e2e-pdf-'));
  return {
    core,
    pdfDir,
    context: (tools) => ({
      ...coreContext(core),
      policy: testPolicyContext({ audit: core.audit, actor: 'terminal' }),
      cases: {
        service: cases,
        clerk: () => core.sessions.currentStaffId(),
        clerkRoles: () => core.sessions.currentRoles(),
        sessions: core.sessions,
        saveApplicantCopy: async (html, name) => {
          writeFileSync(join(pdfDir, name), await tools.pdf(html));
          return { saved: true, location: name };
        },
      },
    }),
    close: async () => {
      await cases.closeAll();
      await core.close().catch(() => undefined);
    },
  };
}
