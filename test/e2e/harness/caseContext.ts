/**
 * A case workspace for the e2e: a real vault (temp folder, the sample list imported by the real
 * importer) and the real CaseService; the applicant copy is rendered by the harness's Chromium and
 * written to a temp folder so tests can extract its text. Test-only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseService } from '../../../electron/core/cases/caseService';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import type { Role, StaffAuthenticator } from '../../../electron/core/ports';
import type { LookupLimits } from '../../../shared/policy/cameraPolicy';
import { Vault } from '../../../electron/core/vault/vault';
import type { AppContext } from '../../../electron/ipc/context';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { MemoryAudit, fakeStaff } from '../../fakes/policy';
import { FIXTURES, tempDir } from '../../unit/vault/helpers';
import type { HarnessTools } from './app';
import { testClock } from '../../clock';

export interface CaseFixture {
  vault: Vault;
  persons: ProtectedPerson[];
  audit: MemoryAudit;
  pdfDir: string;
  context(tools: HarnessTools): Partial<AppContext>;
  close(): Promise<void>;
}

export const CASE_STAFF: Record<string, { pin: string; roles: Role[] }> = {
  C001: { pin: '480913', roles: ['clerk'] },
  L001: { pin: '720594', roles: ['lead'] },
  A001: { pin: '305816', roles: ['admin'] },
};

/** `limits` replaces the strict lookup limits (issue 14) — only for the renderer bench, which types 40 protected persons in a row. */
export async function caseFixture(opts: { auth?: StaffAuthenticator; limits?: LookupLimits } = {}): Promise<CaseFixture> {
  const bytes = readFileSync(join(FIXTURES, 'protected-sample.csv'));
  const parsed = parseProtectedList(bytes);
  if (!parsed.ok) throw new Error('the sample list did not parse');
  const { vault } = await Vault.create({ dataDir: tempDir('cs-e2e-case-') });
  const committed = await vault.commit(bytes);
  if (!committed.ok) throw new Error('the sample list did not import');
  const audit = new MemoryAudit();
  const auth = opts.auth ?? fakeStaff(CASE_STAFF);
  const service = new CaseService({ lookup: () => vault, audit, auth, clock: testClock, maskedFields: () => DEFAULT_MASKED_FIELDS, ...(opts.limits && { limits: () => opts.limits! }) });
  const pdfDir = mkdtempSync(join(tmpdir(), 'cs-e2e-pdf-'));
  return {
    vault,
    persons: parsed.persons,
    audit,
    pdfDir,
    context: (tools) => ({
      vaultState: () => 'open',
      cases: {
        service,
        clerk: () => 'C001',
        clerkRoles: () => ['clerk'],
        saveApplicantCopy: async (html, name) => {
          const pdf = await tools.pdf(html);
          writeFileSync(join(pdfDir, name), pdf);
          return { saved: true, location: name };
        },
      },
    }),
    close: () => vault.close(),
  };
}
