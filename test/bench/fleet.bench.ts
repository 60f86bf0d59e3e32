/**
 * Fleet figures for issue 19: the station verifying and merging a year of three terminals' audit segments.
 * Three terminal vaults of one lineage (restored from the station's backup), each with a year of working days at
 * CS_FLEET_BENCH_PER_DAY entries a day (default 200, a busy counter) and one segment a day, as the daily timer writes
 * them; then the station imports every segment (each terminal's chain verified on its own: links, hashes, MACs,
 * the signed head, continuity) into the merged store, and builds one month's fleet review.
 * `npm run bench -- fleet` runs this case alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain } from '../../electron/core/audit/open';
import { writeSegment } from '../../electron/core/fleet/segment';
import { FleetStationDesk } from '../../electron/core/fleet/stationDesk';
import { restoreBackup, writeBackup } from '../../electron/core/vault/backup';
import { Vault } from '../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../shared/policy/cameraPolicy';
import { fakeStaff } from '../fakes/policy';
import { FIXTURES, tempDir } from '../unit/vault/helpers';
import type { Report } from './run.mjs';

export const name = 'fleet';
const PER_DAY = Number(process.env.CS_FLEET_BENCH_PER_DAY ?? 200);
const DAYS = Number(process.env.CS_FLEET_BENCH_DAYS ?? 245);
const TERMINALS = ['T-be0c0001', 'T-be0c0002', 'T-be0c0003'];
const START = Date.parse('2026-04-01T09:00:00+09:00');
const DAY = 86_400_000;

export async function run(report: Report): Promise<void> {
  let now = START;
  const clock = () => new Date(now);
  const stationDir = join(tempDir('cs-bench-fleet-'), 'station');
  const { vault: station, recoveryKey } = await Vault.create({ dataDir: stationDir, clock });
  await station.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')));
  const backup = join(tempDir('cs-bench-fleet-bk-'), 'v.csbackup');
  await writeBackup(station, stationDir, backup, recoveryKey, clock());
  const drop = tempDir('cs-bench-fleet-drop-');
  const segDir = join(drop, 'segments');

  let t = performance.now();
  for (const id of TERMINALS) {
    const dir = tempDir(`cs-bench-fleet-${id}-`);
    await restoreBackup({ dataDir: dir }, backup, recoveryKey);
    const vault = await Vault.openWithRecovery({ dataDir: dir, clock }, recoveryKey);
    const chain = await openAuditChain(vault, { dataDir: dir, terminal: id, clock, dailyCheckpoint: false });
    for (let d = 0; d < DAYS; d++) {
      now = START + Math.floor(d * 1.45) * DAY;
      await Promise.all(Array.from({ length: PER_DAY }, (_, i) => chain.append({ action: i % 25 === 0 ? 'unmask.requested' : 'lookup.hit', actors: [`S${String(i % 12).padStart(4, '0')}`], targets: [{ recordId: `D${String((i % 140) + 1).padStart(4, '0')}` }] })));
      await chain.drain();
      await writeSegment({ vault, terminal: id, outDir: segDir, clock, audit: chain });
    }
    await chain.close();
    await vault.close();
  }
  report(`write a year of segments (3 terminals × ${DAYS} days × ${PER_DAY} entries, chain appends included)`, (performance.now() - t) / 1000, 's');

  const chain = await openAuditChain(station, { dataDir: stationDir, terminal: 'T-be0c0000', clock, dailyCheckpoint: false });
  const desk = await FleetStationDesk.open({
    vault: station, dataDir: stationDir, dropDir: drop, audit: chain, clock,
    auth: fakeStaff({}), policy: () => DEFAULT_CAMERA_POLICY,
  });
  t = performance.now();
  const results = await desk.importSegments();
  const secs = (performance.now() - t) / 1000;
  if (results.length !== TERMINALS.length * DAYS || !results.every((r) => r.ok)) throw new Error('every segment must verify');
  const merged = results.reduce((n, r) => n + r.entries, 0);
  report(`station: verify and merge ${results.length} segments (${merged} entries, 3 terminals, ${DAYS} working days)`, secs, 's', { max: 120 });
  report('station: verify and merge throughput', merged / secs, 'entries/s');
  t = performance.now();
  const month = await desk.report('2026-06');
  report(`fleet review of one month (${month.total.counts.lookups} lookups over 3 terminals)`, performance.now() - t, 'ms', { max: 5000 });
  await chain.close();
  await station.close();
}
