/**
 * A counter PC whose list was imported twenty days ago (issue 18): the real FleetRuntime reads the vault's last
 * import as the list's date, so the red banner shows on every screen and a case opens only with a lead's PIN.
 * Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseService } from '../../../electron/core/cases/caseService';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import { Vault } from '../../../electron/core/vault/vault';
import type { AppContext } from '../../../electron/ipc/context';
import { DEFAULT_CAMERA_POLICY, DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { testClock, testNow, testNowMs } from '../../clock';
import { fakeStaff, MemoryAudit } from '../../fakes/policy';
import { FIXTURES, tempDir } from '../../unit/vault/helpers';
import { CASE_STAFF } from './caseContext';

export const STALE_DAYS = 20;

export async function staleListCounter(): Promise<{ audit: MemoryAudit; context: Partial<AppContext>; close(): Promise<void> }> {
  const dataDir = tempDir('cs-e2e-stale-');
  const { vault } = await Vault.create({ dataDir, clock: () => new Date(testNowMs() - STALE_DAYS * 86_400_000) });
  if (!(await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok) throw new Error('the sample list did not import');
  const audit = new MemoryAudit();
  const auth = fakeStaff(CASE_STAFF);
  const service = new CaseService({ lookup: () => vault, audit, auth, clock: testClock, maskedFields: () => DEFAULT_MASKED_FIELDS });
  const runtime = await FleetRuntime.open({
    vault, dataDir, terminalId: 'T-0c0c0001', machineFile: join(dataDir, '..', 'marks.json'), policyPath: join(dataDir, '..', 'policy.json'),
    audit, auth, clock: testNow, policy: () => DEFAULT_CAMERA_POLICY, timers: { every: () => () => undefined },
  });
  return {
    audit,
    context: {
      vaultState: () => 'open',
      cases: { service, clerk: () => 'C001', clerkRoles: () => ['clerk'], saveApplicantCopy: async () => ({ saved: false, location: '' }) },
      fleet: { runtime, actor: async () => ({ staffId: 'C001', roles: ['clerk'] }) },
    },
    close: async () => {
      await service.closeAll();
      await vault.close();
    },
  };
}
