/**
 * A station not yet set up for the fleet, one terminal restored from its backup, and an administrator logged in at
 * the station (issue 18), for the station desk's screens: the real FleetRuntime and desk behind the real router.
 * `sendSegment` has the terminal write an audit segment into the drop folder so the station knows one terminal.
 * Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain } from '../../../electron/core/audit/open';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import { writeSegment } from '../../../electron/core/fleet/segment';
import { createLeadServices } from '../../../electron/core/leads';
import { OWASP_MIN } from '../../../electron/core/staff/pinHash';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import type { AppContext } from '../../../electron/ipc';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { testNow } from '../../clock';
import { fakeStaff } from '../../fakes/policy';
import { FIXTURES, tempDir } from '../../unit/vault/helpers';

export const ADMIN_1 = { staffId: 'A0001', pin: '682015' };
export const ADMIN_2 = { staffId: 'A0002', pin: '682016' };
export const LEAD = { staffId: 'L0001', pin: '482915' };
export const TERMINAL = 'T-1a2b3c01';
const staff = fakeStaff({ A0001: { pin: ADMIN_1.pin, roles: ['admin'] }, A0002: { pin: ADMIN_2.pin, roles: ['admin'] }, L0001: { pin: LEAD.pin, roles: ['lead'] } });

export interface StationDeskFixture {
  recoveryKey: string;
  drop: string;
  persons: number;
  runtime: FleetRuntime;
  context: Partial<AppContext>;
  sendSegment(): Promise<void>;
  close(): Promise<void>;
}

export async function stationDeskFixture(): Promise<StationDeskFixture> {
  const clock = testNow;
  const stationDir = join(tempDir('cs-e2e-desk-'), 'station');
  const { vault, recoveryKey } = await Vault.create({ dataDir: stationDir, clock });
  if (!(await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok) throw new Error('sample list must import');
  const backup = join(tempDir('cs-e2e-desk-bk-'), 'v.csbackup');
  await writeBackup(vault, stationDir, backup, recoveryKey, clock());
  const termDir = tempDir('cs-e2e-desk-t1-');
  await restoreBackup({ dataDir: termDir }, backup, recoveryKey);
  const tv = await Vault.openWithRecovery({ dataDir: termDir, clock }, recoveryKey);
  const tchain = await openAuditChain(tv, { dataDir: termDir, terminal: TERMINAL, clock, dailyCheckpoint: false });
  const drop = tempDir('cs-e2e-desk-drop-');
  const leads = await createLeadServices({ vault, dataDir: stationDir, terminal: 'T-5a7e0001', clock, auth: staff, listStaff: async () => ['A0001', 'A0002', 'L0001'] });
  const runtime = await FleetRuntime.open({
    vault, dataDir: stationDir, terminalId: 'T-5a7e0001', machineFile: join(stationDir, '..', 'marks.json'), policyPath: join(stationDir, '..', 'policy.json'),
    audit: leads.chain, auth: staff, clock, policy: () => DEFAULT_CAMERA_POLICY, timers: { every: () => () => undefined }, argon2: OWASP_MIN,
  });
  await runtime.configure({ first: ADMIN_1, second: ADMIN_2 }, { mode: 'station', dropDir: drop });
  const admin = async () => ({ staffId: ADMIN_1.staffId, roles: ['admin' as const, 'lead' as const] });
  return {
    recoveryKey, drop, persons: (await vault.status()).persons, runtime,
    context: { vaultState: () => 'open', leads: { services: leads, saveExport: async () => ({ location: '' }), actor: admin }, fleet: { runtime, actor: admin } },
    async sendSegment() {
      await tchain.append({ action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: 'D0001' }] });
      await tchain.drain();
      await writeSegment({ vault: tv, terminal: TERMINAL, outDir: join(drop, 'segments'), clock, audit: tchain });
      await (await runtime.stationDesk()).importSegments();
    },
    async close() {
      runtime.stop();
      await tchain.close().catch(() => undefined);
      await tv.close().catch(() => undefined);
      await leads.close();
      await vault.close();
    },
  };
}
