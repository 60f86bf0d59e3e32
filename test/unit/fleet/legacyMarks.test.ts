/**
 * A PC updated from a build that kept its machine-wide marks in `fleet-marks-<terminal id>.json` (issue 18): the
 * marks are carried into the fixed `fleet-marks.json` at start, the higher mark wins, a tampered old file is not
 * trusted, and a kill between writing the new file and removing the old one changes nothing at the next start.
 * "The earlier build" is a FleetTerminal whose machine file is the old name — exactly what that build composed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditChain } from '../../../electron/core/audit';
import { legacyMarksFile, migrateLegacyMarks } from '../../../electron/core/fleet/legacyMarks';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import { FleetTerminal, type TerminalDeps } from '../../../electron/core/fleet/terminal';
import { writeMachineMarks, ZERO } from '../../../electron/core/fleet/highWater';
import { Vault } from '../../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { fakeStaff } from '../../fakes/policy';
import { fakedSystemClock } from '../../clock';
import { copyDir, csvWithout, fleetClosedAfterEach, makeFleet, pinClockAtT0, release, replaceDir, SAMPLE, type Fleet, type Node, type Opened } from './helpers';

pinClockAtT0();
const state = fleetClosedAfterEach();
const clock = fakedSystemClock;

const depsOf = (f: Fleet, t: Node, vault: Vault, audit: AuditChain, machineFile: string): TerminalDeps => ({
  vault, dataDir: t.dir, dropDir: f.drop, terminalId: t.id, machineFile, policyPath: t.policyPath, audit, clock,
  staff: async (id, pin) => (f.staff.get(id)?.pin === pin ? f.staff.get(id)!.roles : null),
});

const reopen = (f: Fleet, t: Node) => state.reopen(f, t.dir, t.id);

async function closeAll(o: Opened) {
  await o.audit.close();
  await o.vault.close();
}

const bodyOf = (file: string) => JSON.parse(JSON.parse(readFileSync(file, 'utf8')).body) as Record<string, unknown>;
const migrate = (t: Node, o: Opened) => migrateLegacyMarks({ vault: o.vault, audit: o.audit, machineFile: t.machineFile, terminalId: t.id, clock });

async function rolledBackEntries(o: Opened): Promise<string[]> {
  await o.audit.drain();
  const rows = await o.vault.database.all<{ action: string }>("SELECT action FROM audit_log WHERE action = 'fleet.rolled_back'");
  return rows.map((r) => r.action);
}

/**
 * The earlier build applies release 1, the clerk copies the folder, the earlier build applies release 2 (its old
 * file now says 2), and the folder is put back: what the PC holds when the update is installed.
 */
async function rolledBackUnderTheEarlierBuild(f: Fleet, t: Node): Promise<{ legacy: string }> {
  const legacy = legacyMarksFile(t.machineFile, t.id);
  expect((await f.stationVault.commit(csvWithout(5, true))).ok).toBe(true);
  await release(f);
  expect((await new FleetTerminal(depsOf(f, t, t.vault, t.audit, legacy)).check()).state).toBe('updated');
  await closeAll(t);
  const copy = copyDir(t.dir);
  const later = await reopen(f, t);
  expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
  await release(f);
  expect((await new FleetTerminal(depsOf(f, t, later.vault, later.audit, legacy)).check()).plan?.added).toBe(5);
  await closeAll(later);
  replaceDir(t.dir, copy);
  expect(bodyOf(legacy)).toMatchObject({ applied: 2, seen: 2 });
  return { legacy };
}

describe('the machine-wide marks of an earlier build (fleet-marks-<id>.json) after the update', () => {
  it('an old file alone: its marks move into fleet-marks.json, the old file goes, and the copied-back folder is still held', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const { legacy } = await rolledBackUnderTheEarlierBuild(f, t);
    const back = await reopen(f, t);
    expect(await migrate(t, back)).toBe('merged');
    expect(existsSync(legacy)).toBe(false);
    expect(bodyOf(t.machineFile)).toMatchObject({ applied: 2, seen: 2 });
    const s = await new FleetTerminal(depsOf(f, t, back.vault, back.audit, t.machineFile)).check();
    expect(s).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { code: 'E_FLEET_ROLLED_BACK', detail: { reason: 'behind-machine-marks' } } });
  });

  it('without the migration the same PC would pass — the test above is not vacuous', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await rolledBackUnderTheEarlierBuild(f, t);
    const back = await reopen(f, t);
    const s = await new FleetTerminal(depsOf(f, t, back.vault, back.audit, t.machineFile)).check();
    expect(s.state).not.toBe('rolled-back');
  });

  it('both files: each mark takes the higher of the two, so an old file can raise the new one but never lower it', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, applied: 5, seen: 6, timestamp: 3, snapshot: 9 });
    await writeMachineMarks(t.vault, t.machineFile, t.id, { ...ZERO, applied: 4, seen: 7, timestamp: 8, snapshot: 2 });
    expect(await migrate(t, t)).toBe('merged');
    expect(bodyOf(t.machineFile)).toMatchObject({ applied: 5, seen: 7, timestamp: 8, snapshot: 9, retired: false });
    expect(existsSync(legacy)).toBe(false);
  });

  it('a hold or a retirement in the old file stands after the move', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, retired: true, hold: { reason: 'audit-behind', at: clock().toISOString() } });
    await writeMachineMarks(t.vault, t.machineFile, t.id, { ...ZERO, applied: 1, seen: 1 });
    await migrate(t, t);
    expect(bodyOf(t.machineFile)).toMatchObject({ applied: 1, retired: true, hold: { reason: 'audit-behind' } });
  });

  it('a tampered old file is not trusted: nothing is lowered or raised from it, the terminal is held as for an invalid marks file, audited, and the file kept aside', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    await release(f);
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, t.machineFile, t.id, { ...ZERO, applied: 1, seen: 1, timestamp: 1, snapshot: 1 });
    // Someone lowered the old file's marks by hand (a valid shape, the MAC no longer matches).
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, applied: 1, seen: 1 });
    const torn = JSON.parse(readFileSync(legacy, 'utf8')) as { body: string; mac: string };
    writeFileSync(legacy, JSON.stringify({ body: JSON.stringify({ ...ZERO, applied: 0, seen: 0 }), mac: torn.mac }));
    expect(await migrate(t, t)).toBe('invalid');
    expect(bodyOf(t.machineFile)).toMatchObject({ applied: 1, seen: 1, timestamp: 1, snapshot: 1, hold: { reason: 'machine-marks-invalid' } });
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(`${legacy}.invalid`)).toBe(true);
    expect(await rolledBackEntries(t)).toEqual(['fleet.rolled_back']);
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { code: 'E_FLEET_ROLLED_BACK', detail: { reason: 'machine-marks-invalid' } } });
    // Once a lead and an administrator lift the hold it does not come back from the set-aside file.
    await t.fleet.clearRollback({ lead: { staffId: 'L-0001', pin: '482913' }, admin: { staffId: 'A-0001', pin: '682015' } });
    expect(await migrate(t, t)).toBe('none');
    expect(['current', 'updated']).toContain((await t.fleet.check()).state);
  });

  it('a kill after the new file was written and before the old one was removed: the next start merges again to the same marks', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, applied: 3, seen: 3, timestamp: 2, snapshot: 2 });
    const oldBytes = readFileSync(legacy);
    expect(await migrate(t, t)).toBe('merged');
    const merged = readFileSync(t.machineFile, 'utf8');
    // The kill: the old file is still there beside the merged new one.
    writeFileSync(legacy, oldBytes);
    expect(await migrate(t, t)).toBe('merged');
    expect(readFileSync(t.machineFile, 'utf8')).toBe(merged);
    expect(existsSync(legacy)).toBe(false);
    expect(await rolledBackEntries(t)).toEqual([]);
  });

  it('a new file that fails its own check is left for the hold, and the old file kept until after it', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, applied: 3, seen: 3 });
    writeFileSync(t.machineFile, JSON.stringify({ body: '{}', mac: 'ab'.repeat(32) }));
    const before = readFileSync(t.machineFile, 'utf8');
    expect(await migrate(t, t)).toBe('deferred');
    expect(readFileSync(t.machineFile, 'utf8')).toBe(before);
    expect(existsSync(legacy)).toBe(true);
  });

  it('the app runs the move when it opens the fleet, before anything reads the marks', async () => {
    const f = (state.fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const legacy = legacyMarksFile(t.machineFile, t.id);
    await writeMachineMarks(t.vault, legacy, t.id, { ...ZERO, applied: 2, seen: 2 });
    await FleetRuntime.open({
      vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit,
      auth: fakeStaff({}), clock, policy: () => DEFAULT_CAMERA_POLICY,
    });
    expect(existsSync(legacy)).toBe(false);
    expect(bodyOf(t.machineFile)).toMatchObject({ applied: 2, seen: 2 });
  });
});
