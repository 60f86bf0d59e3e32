/**
 * The documented rollout (docs/IT.md): every terminal starts from a backup of the station taken after the first
 * release, then is enrolled. That folder is the station's, not a rolled-back terminal's: its first pick-up applies the
 * package. A real copy-back of a terminal's own folder is still held (fleet.test.ts, and the last case here).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetTerminal, type TerminalDeps } from '../../../electron/core/fleet/terminal';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { tempDir } from '../vault/helpers';
import { copyDir, csvWithout, fleetClosedAfterEach, makeFleet, release, replaceDir, SAMPLE, pinClockAtT0, type Fleet } from './helpers';
import { fakedSystemClock } from '../../clock';

pinClockAtT0();
const state = fleetClosedAfterEach();

const clock = fakedSystemClock;
const noStaff = async () => null;

/** A terminal set up the way IT does it: the station's backup restored, then enrolled with the recovery key. */
async function fromStationBackup(f: Fleet, id: string, machineRoot: string) {
  const backup = join(tempDir('cs-fleet-rbk-'), 'station.csbackup');
  await writeBackup(f.stationVault, f.stationDir, backup, f.key, clock());
  const dir = tempDir('cs-fleet-rt-');
  await restoreBackup({ dataDir: dir }, backup, f.key);
  const { vault, audit } = await state.reopen(f, dir, id);
  const deps: TerminalDeps = { vault, dataDir: dir, dropDir: f.drop, terminalId: id, machineFile: join(machineRoot, id, 'fleet-marks.json'), audit, staff: noStaff, clock };
  return { deps, vault, audit, dir, fleet: await FleetTerminal.enrol(deps, f.key) };
}

describe('a terminal set up from the station\'s backup (the rollout of docs/IT.md)', () => {
  it('two terminals restored from a backup taken after the release apply it on their first pick-up, not held as rolled back', async () => {
    const f = (state.fleet = await makeFleet(1));
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    await release(f);
    const machine = tempDir('cs-fleet-rmachine-');
    for (const id of ['T-0000000a', 'T-0000000b']) {
      const t = await fromStationBackup(f, id, machine);
      const s = await t.fleet.check();
      expect(s.error?.code).toBeUndefined();
      expect(['updated', 'current']).toContain(s.state);
      expect(s.unmaskAllowed).toBe(true);
      expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
    }
  });
});

describe('the machine-wide marks file the installer creates', () => {
  it('an empty file (made by the installer) is no rollback: the first pick-up applies, and the marks are then written into that same file', async () => {
    const f = (state.fleet = await makeFleet(1));
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    await release(f);
    const machine = tempDir('cs-fleet-rmachine-');
    const file = join(machine, 'T-0000000c', 'fleet-marks.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    const before = statSync(file).ino;
    const t = await fromStationBackup(f, 'T-0000000c', machine);
    expect((await t.fleet.check()).state).toBe('updated');
    // Rewritten in place — the installer's ACL forbids delete, and a rename over the file is a delete.
    expect(statSync(file).ino).toBe(before);
    expect(JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body)).toMatchObject({ applied: 1, seen: 1 });
    expect((await t.fleet.check()).state).toBe('current');
  });

  it('a file left from an earlier set-up under another recovery key (what the bench\'s shared temp folder held) still holds the terminal, and says why', async () => {
    const f = (state.fleet = await makeFleet(1));
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    await release(f);
    const machine = tempDir('cs-fleet-rmachine-');
    const file = join(machine, 'T-0000000d', 'fleet-marks.json');
    mkdirSync(dirname(file), { recursive: true });
    // The bytes another lineage's terminal wrote there: a valid shape, a MAC under another key.
    writeFileSync(file, JSON.stringify({ body: JSON.stringify({ applied: 1, seen: 1, timestamp: 1, snapshot: 1, retired: false }), mac: 'ab'.repeat(32) }));
    const t = await fromStationBackup(f, 'T-0000000d', machine);
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { code: 'E_FLEET_ROLLED_BACK', detail: { reason: 'machine-marks-invalid' } } });
    // A lead and an administrator look, lift the hold; the file is then this lineage's and the package applies.
    const staff = new Map([['L-0001', ['lead']], ['A-0001', ['admin']]]);
    const held = new FleetTerminal({ ...t.deps, staff: async (id) => staff.get(id) ?? null });
    await held.clearRollback({ lead: { staffId: 'L-0001', pin: 'x' }, admin: { staffId: 'A-0001', pin: 'x' } });
    expect((await held.check()).state).toBe('updated');
  });

  it('a real copy-back of a terminal\'s own folder is still held by the machine-wide marks', async () => {
    const f = (state.fleet = await makeFleet(1));
    expect((await f.stationVault.commit(csvWithout(5, true))).ok).toBe(true);
    await release(f);
    const machine = tempDir('cs-fleet-rmachine-');
    const t = await fromStationBackup(f, 'T-0000000e', machine);
    expect((await t.fleet.check()).state).toBe('updated');
    await t.audit.close();
    await t.vault.close();
    const copy = copyDir(t.dir);
    const again = await reopenAt(f, t.dir, t.deps);
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    await release(f);
    expect((await again.fleet.check()).plan?.added).toBe(5);
    await again.audit.close();
    await again.vault.close();
    replaceDir(t.dir, copy);
    const back = await reopenAt(f, t.dir, t.deps);
    expect(await back.fleet.check()).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { detail: { reason: 'behind-machine-marks' } } });
  });
});

async function reopenAt(f: Fleet, dir: string, deps: TerminalDeps) {
  const { vault, audit } = await state.reopen(f, dir, deps.terminalId);
  return { vault, audit, fleet: new FleetTerminal({ ...deps, vault, audit }) };
}
