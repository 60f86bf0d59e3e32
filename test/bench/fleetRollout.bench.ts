/**
 * The rollout of twenty counter PCs (issue 18, docs/IT.md), timed step by step in temporary folders on one machine:
 * the station's repository (two administrators' PIN-derived keys), one release of the sample list, then for each
 * terminal: its vault from the station's backup (what `cli restore` does on the PC), enrolment with the drop folder
 * (the root checked against the recovery key) and the first pick-up (verify with TUF, decrypt, import the list).
 * What a person does at the PC (installing, typing the recovery key, walking over) is not in these figures.
 * `npm run bench -- fleetRollout` runs this case alone; CS_FLEET_ROLLOUT_TERMINALS changes the count (default 20).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain } from '../../electron/core/audit/open';
import { FleetTerminal } from '../../electron/core/fleet/terminal';
import { FleetStationDesk } from '../../electron/core/fleet/stationDesk';
import { DEFAULT_ARGON2 } from '../../electron/core/staff/pinHash';
import { restoreBackup, writeBackup } from '../../electron/core/vault/backup';
import { Vault } from '../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../shared/policy/cameraPolicy';
import { fakeStaff } from '../fakes/policy';
import { FIXTURES, tempDir } from '../unit/vault/helpers';
import type { Report } from './run.mjs';
import { benchWallClock } from '../clock';

export const name = 'fleetRollout';
const N = Number(process.env.CS_FLEET_ROLLOUT_TERMINALS ?? 20);
const staff = fakeStaff({ A0001: { pin: '682015', roles: ['admin'] }, A0002: { pin: '682016', roles: ['admin'] } });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(report: Report): Promise<void> {
  const clock = benchWallClock;
  const stationDir = join(tempDir('cs-bench-rollout-'), 'station');
  const { vault: station, recoveryKey } = await Vault.create({ dataDir: stationDir, clock });
  await station.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')));
  const chain = await openAuditChain(station, { dataDir: stationDir, terminal: 'T-5a7e0000', clock, dailyCheckpoint: false });
  const drop = tempDir('cs-bench-rollout-drop-');
  const desk = await FleetStationDesk.open({ vault: station, dataDir: stationDir, dropDir: drop, audit: chain, auth: staff, clock, policy: () => DEFAULT_CAMERA_POLICY, argon2: DEFAULT_ARGON2 });
  const A1 = { staffId: 'A0001', pin: '682015' };
  const A2 = { staffId: 'A0002', pin: '682016' };

  let t = performance.now();
  await desk.create({ recoveryKey, admins: [A1, A2] });
  report('station: create the repository (2 administrators, Argon2id 64 MiB each)', (performance.now() - t) / 1000, 's');
  t = performance.now();
  const rel = await desk.release({ recoveryKey, exportDate: '2026-05-11', contentHash: 'c'.repeat(64), first: A1, second: A2 });
  report(`station: build, sign (2 administrators) and publish package v${rel.version} (${rel.persons} persons)`, (performance.now() - t) / 1000, 's');
  t = performance.now();
  const backup = join(tempDir('cs-bench-rollout-bk-'), 'v.csbackup');
  await writeBackup(station, stationDir, backup, recoveryKey, clock());
  report('station: write the backup every terminal starts from', (performance.now() - t) / 1000, 's');

  const restore: number[] = [];
  const enrol: number[] = [];
  const apply: number[] = [];
  const all = performance.now();
  for (let i = 1; i <= N; i++) {
    const id = `T-${(0xa0000000 + i).toString(16)}`;
    const dir = tempDir(`cs-bench-rollout-t${i}-`);
    t = performance.now();
    await restoreBackup({ dataDir: dir }, backup, recoveryKey);
    const vault = await Vault.openWithRecovery({ dataDir: dir, clock }, recoveryKey);
    restore.push(performance.now() - t);
    const audit = await openAuditChain(vault, { dataDir: dir, terminal: id, clock, dailyCheckpoint: false });
    // The machine-wide marks file (ProgramData on a PC) in a folder of this run's own: `join(dir, '..')` was the shared
    // temp folder, where the previous run's file (another lineage, so its MAC fails) held terminal 1 as rolled back.
    const machineFile = join(tempDir(`cs-bench-rollout-m${i}-`), 'fleet-marks.json');
    const deps = { vault, dataDir: dir, dropDir: drop, terminalId: id, machineFile, audit, clock, staff: async () => null };
    t = performance.now();
    const ft = await FleetTerminal.enrol(deps, recoveryKey);
    enrol.push(performance.now() - t);
    t = performance.now();
    const s = await ft.check();
    apply.push(performance.now() - t);
    if (s.state !== 'current' && s.state !== 'updated') throw new Error(`terminal ${i}: ${s.state} ${s.error?.code ?? ''}`);
    await audit.close();
    await vault.close();
  }
  const total = (performance.now() - all) / 1000;
  report(`per terminal: vault from the backup (median of ${N})`, median(restore) / 1000, 's');
  report(`per terminal: enrol with the drop folder (median of ${N})`, median(enrol) / 1000, 's');
  report(`per terminal: first pick-up, verify and apply v1 (median of ${N})`, median(apply) / 1000, 's');
  report(`${N} terminals one after another: restore + enrol + first pick-up`, total, 's');
  await chain.close();
  await station.close();
}
