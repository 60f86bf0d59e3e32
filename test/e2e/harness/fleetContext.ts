/**
 * A station and three terminals of one lineage (issue 19) for the e2e screens: three terminal vaults restored from
 * the station's backup, each with its own audit chain seeded with a month at the counter, their segments in a drop
 * folder; T2's second segment edited on the way, T3 silent since five days. The station imports them with the real
 * FleetRuntime and desk, and the context carries a lead logged in at the station. Test-only.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain } from '../../../electron/core/audit/open';
import { previousMonth, jstMonth } from '../../../electron/core/audit/time';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import { writeSegment } from '../../../electron/core/fleet/segment';
import { createLeadServices, type LeadServices } from '../../../electron/core/leads';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import type { AppContext } from '../../../electron/ipc';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { testNow, testNowMs } from '../../clock';
import { fakeStaff } from '../../fakes/policy';
import { FIXTURES, tempDir } from '../../unit/vault/helpers';

export const FLEET_LEAD = { staffId: 'L0001', pin: '482915' };
export const FLEET_SECOND = { staffId: 'L0002', pin: '739164' };
const staff = fakeStaff({ L0001: { pin: FLEET_LEAD.pin, roles: ['lead'] }, L0002: { pin: FLEET_SECOND.pin, roles: ['lead'] }, S0001: { pin: '561827', roles: ['clerk'] }, A0001: { pin: '682015', roles: ['admin'] }, A0002: { pin: '682016', roles: ['admin'] } });
export const TERMINALS = ['T-1a2b3c01', 'T-1a2b3c02', 'T-1a2b3c03'] as const;

export interface FleetFixture {
  month: string;
  station: LeadServices;
  runtime: FleetRuntime;
  context: Partial<AppContext>;
  close(): Promise<void>;
}

const DAY = 86_400_000;
type Terminal = { id: string; vault: Vault; chain: Awaited<ReturnType<typeof openAuditChain>> };

export async function fleetFixture(): Promise<FleetFixture> {
  let fixed: Date | null = null;
  const clock = () => fixed ?? testNow();
  const stationDir = join(tempDir('cs-e2e-fleet-'), 'station');
  const { vault, recoveryKey } = await Vault.create({ dataDir: stationDir, clock });
  if (!(await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok) throw new Error('sample list must import');
  const backup = join(tempDir('cs-e2e-fleet-bk-'), 'v.csbackup');
  await writeBackup(vault, stationDir, backup, recoveryKey, clock());
  const drop = tempDir('cs-e2e-fleet-drop-');
  const segDir = join(drop, 'segments');
  const month = previousMonth(jstMonth(testNow()));
  const at = (day: number, hhmm: string) => new Date(`${month}-${String(day).padStart(2, '0')}T${hhmm}:00+09:00`);

  const terminals: Terminal[] = [];
  for (const id of TERMINALS) {
    const dir = tempDir(`cs-e2e-fleet-${id}-`);
    await restoreBackup({ dataDir: dir }, backup, recoveryKey);
    const tv = await Vault.openWithRecovery({ dataDir: dir, clock }, recoveryKey);
    const chain = await openAuditChain(tv, { dataDir: dir, terminal: id, clock, dailyCheckpoint: false });
    terminals.push({ id, vault: tv, chain });
  }
  const [t1, t2, t3] = terminals as [Terminal, Terminal, Terminal];
  // A month at three counters: S0002 looks up on two PCs (an outlier across them, on neither alone).
  for (let day = 1; day <= 26; day += 1) {
    fixed = at(day, '10:00');
    for (const [t, n] of [[t1, 2], [t2, 2], [t3, 2]] as const) {
      for (let i = 0; i < n; i++) await t.chain.append({ action: 'lookup.hit', actors: [`S000${(i % 2) + 1}`], targets: [{ recordId: `D${String(((day * 5 + i) % 140) + 1).padStart(4, '0')}` }] });
    }
    if (day % 4 === 0) for (const t of [t1, t2]) for (let i = 0; i < 24; i++) await t.chain.append({ action: 'lookup.hit', actors: ['S0003'], targets: [{ recordId: `D00${10 + (i % 60)}` }] });
    if (day % 6 === 0) {
      await t2.chain.append({ action: 'unmask.requested', actors: ['S0001'], targets: [{ recordId: 'D0003', field: 'address' }] });
      await t2.chain.append({ action: 'unmask.refused', actors: ['S0001', 'L0001'], targets: [{ recordId: 'D0003', field: 'address' }] });
    }
  }
  fixed = at(12, '19:40');
  await t3.chain.append({ action: 'unmask.approved', actors: ['S0002', 'L0002'], targets: [{ recordId: 'D0021', field: 'address' }] });
  fixed = at(14, '11:00');
  await t2.chain.append({ action: 'incident.recorded', actors: ['L0001'], targets: [{ recordId: 'INC-260514-K7QX' }], detail: { improperPurpose: false } });
  await t1.chain.append({ action: 'review.reconfirmed', actors: ['S0001'], detail: { month, rules: 5 } });
  await t3.chain.append({ action: 'review.reconfirmed', actors: ['S0002'], detail: { month, rules: 5 } });
  fixed = null;

  const station = await createLeadServices({ vault, dataDir: stationDir, terminal: 'T-5a7e0001', clock, auth: staff, listStaff: async () => ['L0001', 'L0002', 'S0001', 'S0002', 'S0003'] });
  const runtime = await FleetRuntime.open({
    vault, dataDir: stationDir, terminalId: 'T-5a7e0001', machineFile: join(stationDir, '..', 'marks.json'), policyPath: join(stationDir, '..', 'policy.json'),
    audit: station.chain, auth: staff, clock, policy: () => DEFAULT_CAMERA_POLICY, timers: { every: () => () => undefined },
  });
  const seg = async (t: Terminal) => {
    await t.chain.drain();
    return writeSegment({ vault: t.vault, terminal: t.id, outDir: segDir, clock, audit: t.chain });
  };
  // T3 was last heard from five days ago: accepted then, silent since.
  fixed = new Date(testNowMs() - 5 * DAY);
  await seg(t3);
  await runtime.configure({ first: { staffId: 'A0001', pin: '682015' }, second: { staffId: 'A0002', pin: '682016' } }, { mode: 'station', dropDir: drop });
  fixed = null;
  await seg(t1);
  await seg(t2);
  await (await runtime.stationDesk()).importSegments();
  // T2's next segment is edited on the way (a 管理番号 changed in one entry).
  fixed = new Date(testNowMs() - 3_600_000);
  await t2.chain.append({ action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: 'D0099' }] });
  fixed = null;
  const second = (await seg(t2))!;
  writeFileSync(second.file, readFileSync(second.file, 'utf8').replace('D0099', 'D0098'));
  await (await runtime.stationDesk()).importSegments();
  if (readdirSync(segDir).length !== 4) throw new Error('four segments expected');

  const context: Partial<AppContext> = {
    vaultState: () => 'open',
    leads: { services: station, saveExport: async () => ({ location: '' }), actor: async () => ({ staffId: FLEET_LEAD.staffId, roles: ['lead'] }) },
    fleet: { runtime, actor: async () => ({ staffId: FLEET_LEAD.staffId, roles: ['lead'] }) },
  };
  return {
    month, station, runtime, context,
    async close() {
      runtime.stop();
      for (const t of terminals) {
        await t.chain.close().catch(() => undefined);
        await t.vault.close().catch(() => undefined);
      }
      await station.close();
      await vault.close();
    },
  };
}
