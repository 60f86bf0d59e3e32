/**
 * The fleet (SPEC F15, invariants 3, 4, 7): one station and three terminals as data folders in one process, the drop
 * folder a TUF repository between them. The clock is fixed (never today's date) for tuf-js and for the app alike.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetStation } from '../../../electron/core/fleet/station';
import { FleetTerminal, type TerminalDeps } from '../../../electron/core/fleet/terminal';
import { loadEffectivePolicy } from '../../../electron/core/policy/load';
import { POLICY_FILE_FORMAT, policyHash, signPolicyFile } from '../../../electron/core/policy/integrity';
import { StaffStore } from '../../../electron/core/staff/store';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { personalNeedles, scanFolder } from '../audit/personal';
import { auditHead, copyDir, csvWithout, makeFleet, release, replaceDir, SAMPLE, T0, pinClockAtT0, type Fleet } from './helpers';
import { fakedSystemClock } from '../../clock';

let fleet: Fleet | undefined;
const clock = pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

describe('fleet packages over a TUF drop folder', () => {
  it('a package signed by two administrators is applied by every terminal, with its list identity and age', async () => {
    const f = (fleet = await makeFleet());
    expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
    const v = await release(f, { exportDate: '2026-05-10' });
    for (const t of f.terminals) {
      const s = await t.fleet.check();
      expect(s, t.id).toMatchObject({ state: 'updated', unmaskAllowed: true, plan: { version: v, appliedNow: 'all', removed: [] }, identity: { version: v, exportDate: '2026-05-10' } });
      expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
      expect((await t.fleet.check()).state).toBe('current');
    }
    clock.advanceDays(9);
    await f.station.refreshTimestamp();
    const s = await f.terminals[0]!.fleet.check();
    expect(s).toMatchObject({ state: 'current', listStale: true });
    expect(s.listAgeDays).toBeGreaterThan(7);
  });

  it('one administrator cannot publish alone, and a targets file signed by one key is refused by the terminals', async () => {
    const f = (fleet = await makeFleet(1));
    await f.stationVault.commit(SAMPLE);
    const r = await f.station.prepareRelease({ recoveryKey: f.key, exportDate: '2026-05-10', contentHash: 'b'.repeat(64) });
    f.station.signRelease(r, f.admins[0]!);
    expect(() => f.station.signRelease(r, f.admins[0]!)).toThrow(expect.objectContaining({ code: 'E_FLEET_TWO_PEOPLE' }));
    await expect(f.station.publish(r)).rejects.toMatchObject({ code: 'E_FLEET_THRESHOLD' });
    expect(() => f.station.signRelease(r, { adminId: 'A-0002', pinKek: Buffer.alloc(32) })).toThrow(expect.objectContaining({ code: 'E_FLEET_ADMIN_UNKNOWN' }));
    // Forge the publication the station refused: the client itself applies the 2-of-N threshold from root.
    f.station.signRelease(r, f.admins[1]!);
    const oneSig = { ...r.targets.signatures };
    delete oneSig[Object.keys(oneSig)[1]!];
    r.targets.signatures = oneSig;
    (f.station as unknown as { state: { admins: unknown[]; targetsThreshold: number } }).state.targetsThreshold = 1;
    await f.station.publish(r);
    const s = await f.terminals[0]!.fleet.check();
    expect(s).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_TAMPERED' } });
    expect((await f.terminals[0]!.vault.status()).persons).toBe(0);
  });

  it('additions apply at once; ending protection waits for two people at the terminal, bound to its plan', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    expect((await t.fleet.check()).state).toBe('updated');
    const before = (await t.vault.status()).persons;
    // v2: five persons added and three removed at the station (its own two-person import).
    expect((await f.stationVault.commit(csvWithout(3), { confirmRemovals: true })).ok).toBe(true);
    await release(f);
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'pending-confirmation', unmaskAllowed: true, error: { code: 'E_FLEET_CONFIRM_REQUIRED', detail: { removed: 3, shortened: 0 } } });
    expect(s.plan).toMatchObject({ version: 2, appliedNow: 'interim', added: 5 });
    expect(s.plan!.removed).toHaveLength(3);
    expect((await t.vault.status()).persons).toBe(before + 5);
    const lead = { staffId: 'L-0001', pin: '482913' };
    const clerk = { staffId: 'C-0001', pin: '582014' };
    await expect(t.fleet.confirmPending({ planHash: s.plan!.planHash, first: lead, second: lead })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await expect(t.fleet.confirmPending({ planHash: s.plan!.planHash, first: clerk, second: { staffId: 'A-0001', pin: '682015' } })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await expect(t.fleet.confirmPending({ planHash: s.plan!.planHash, first: lead, second: { ...clerk, pin: '000000' } })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await expect(t.fleet.confirmPending({ planHash: 'f'.repeat(64), first: lead, second: clerk })).rejects.toMatchObject({ code: 'E_FLEET_PLAN_CHANGED' });
    expect((await t.vault.status()).persons).toBe(before + 5);
    const done = await t.fleet.confirmPending({ planHash: s.plan!.planHash, first: lead, second: clerk });
    expect(done.removed).toEqual(s.plan!.removed);
    expect((await t.vault.status()).persons).toBe(before + 5 - 3);
    expect((await t.fleet.check()).state).toBe('current');
  });

  it('an older drop folder (replayed timestamp and packages) is refused, also after the terminal lost its TUF cache', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    const oldDrop = copyDir(f.drop);
    await f.stationVault.commit(SAMPLE);
    await release(f);
    expect((await t.fleet.check()).plan?.version).toBe(2);
    replaceDir(f.drop, oldDrop);
    expect(await t.fleet.check()).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_REPLAY' } });
    // The TUF cache sits in the data folder: without it, the vault's and the machine's marks still refuse.
    for (const n of ['timestamp.json', 'snapshot.json', 'targets.json', 'acks.json']) rmSync(join(t.dir, 'fleet', 'tuf', 'metadata', n), { force: true });
    expect(await t.fleet.check()).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_REPLAY' } });
    expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
  });

  it('a frozen repository is refused once timestamp expires (the policy list-age limit), and accepted when refreshed', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    expect((await t.fleet.check()).state).toBe('updated');
    clock.advanceDays(6);
    expect((await t.fleet.check()).state).toBe('current');
    clock.advanceDays(2);
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_FROZEN' } });
    expect(s.error!.ja).toMatch(/期限切れ/);
    await f.station.refreshTimestamp();
    expect((await t.fleet.check()).state).toBe('current');
  });

  it('a tampered package or metadata file is refused and changes nothing', async () => {
    const f = (fleet = await makeFleet(2));
    await f.stationVault.commit(SAMPLE);
    await release(f);
    const targetsDir = join(f.drop, 'targets');
    const pkg = (await import('node:fs')).readdirSync(targetsDir).find((n) => n.endsWith('.pkg-1.csp'))!;
    const original = readFileSync(join(targetsDir, pkg));
    const bad = Buffer.from(original);
    bad[bad.length - 20]! ^= 1;
    writeFileSync(join(targetsDir, pkg), bad);
    expect(await f.terminals[0]!.fleet.check()).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_TAMPERED' } });
    expect((await f.terminals[0]!.vault.status()).persons).toBe(0);
    writeFileSync(join(targetsDir, pkg), original);
    const tsFile = join(f.drop, 'metadata', 'timestamp.json');
    const ts = JSON.parse(readFileSync(tsFile, 'utf8')) as { signed: { expires: string } };
    ts.signed.expires = '2030-01-01T00:00:00Z';
    writeFileSync(tsFile, JSON.stringify(ts));
    expect(await f.terminals[1]!.fleet.check()).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_TAMPERED' } });
    expect((await f.terminals[1]!.vault.status()).persons).toBe(0);
  });

  it('rotating the administrators\' keys through root: terminals follow, and the old keys no longer sign a package', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    expect((await t.fleet.check()).state).toBe('updated');
    const old = f.admins.splice(0, 2);
    const { randomBytes } = await import('node:crypto');
    f.admins.unshift({ adminId: 'A-0004', pinKek: randomBytes(32) });
    await f.station.rotateKeys({ rootSecret: f.key, admins: f.admins });
    // The rotation re-signs the current release with the new keys: the terminal walks to root v2 and stays current.
    expect(await t.fleet.check()).toMatchObject({ state: 'current' });
    expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
    await f.stationVault.commit(SAMPLE);
    const r = await f.station.prepareRelease({ recoveryKey: f.key, exportDate: '2026-05-10', contentHash: 'c'.repeat(64) });
    expect(() => f.station.signRelease(r, old[0]!)).toThrow(expect.objectContaining({ code: 'E_FLEET_ADMIN_UNKNOWN' }));
    f.station.signRelease(r, f.admins[0]!);
    f.station.signRelease(r, f.admins[1]!);
    await f.station.publish(r);
    expect(await t.fleet.check()).toMatchObject({ state: 'updated', plan: { version: 2, added: 5 } });
    expect(JSON.parse(readFileSync(join(t.dir, 'fleet', 'tuf', 'metadata', 'root.json'), 'utf8')).signed.version).toBe(2);
  });

  it('a drop folder from another lineage cannot be enrolled', async () => {
    const f = (fleet = await makeFleet(1));
    const other = await makeFleet(1);
    try {
      const t = f.terminals[0]!;
      const deps = (t.fleet as unknown as { deps: TerminalDeps }).deps;
      await expect(FleetTerminal.enrol({ ...deps, dropDir: other.drop }, f.key)).rejects.toMatchObject({ code: 'E_FLEET_ROOT_UNTRUSTED' });
    } finally {
      await other.close();
    }
  });
});

describe('no silent rollback, retired terminals', () => {
  it('a terminal whose data folder is copied back after the station acknowledged its head stops unmasking until a lead and an administrator act', async () => {
    const f = (fleet = await makeFleet(3));
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    for (const t of f.terminals) expect((await t.fleet.check()).state).toBe('updated');
    // The clerk's copy of the folder, taken now.
    f.terminals[0] = await f.reopen(f.terminals[0]!);
    f.terminals[1] = await f.reopen(f.terminals[1]!);
    const copies = [copyDir(f.terminals[0]!.dir), copyDir(f.terminals[1]!.dir)];
    // Life goes on: a new person protected, the station acknowledges the terminals' heads.
    await f.stationVault.commit(SAMPLE);
    await release(f);
    for (const t of f.terminals) expect((await t.fleet.check()).plan?.added).toBe(5);
    const heads: Record<string, { seq: number; hash: string }> = {};
    for (const t of f.terminals) heads[t.id] = await auditHead(t);
    await f.station.acknowledge(heads);
    // T1: folder copied back, machine-wide marks intact → caught by the weaker line at once.
    // T2: folder copied back and the machine file too (the clerk had the rights) → caught by the station's acknowledgement.
    for (const [i, copy] of copies.entries()) {
      await f.terminals[i]!.audit.close();
      await f.terminals[i]!.vault.close();
      replaceDir(f.terminals[i]!.dir, copy);
    }
    rmSync(f.terminals[1]!.machineFile);
    f.terminals[0] = await f.reopen(f.terminals[0]!);
    f.terminals[1] = await f.reopen(f.terminals[1]!);
    const s1 = await f.terminals[0]!.fleet.check();
    const s2 = await f.terminals[1]!.fleet.check();
    expect(s1).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { code: 'E_FLEET_ROLLED_BACK', detail: { reason: 'behind-machine-marks' } } });
    expect(s2).toMatchObject({ state: 'rolled-back', unmaskAllowed: false, error: { code: 'E_FLEET_ROLLED_BACK', detail: { reason: 'audit-behind' } } });
    expect(s2.error!.ja).toMatch(/巻き戻/);
    expect(s2.error!.en).toMatch(/lead and an administrator/);
    // The untouched terminal is fine.
    expect((await f.terminals[2]!.fleet.check()).state).toBe('current');
    // The hold survives a restart and is lifted only by a lead and an administrator, two people.
    f.terminals[1] = await f.reopen(f.terminals[1]!);
    expect((await f.terminals[1]!.fleet.check()).state).toBe('rolled-back');
    const t2 = f.terminals[1]!.fleet;
    await expect(f.terminals[2]!.fleet.clearRollback({ lead: { staffId: 'L-0001', pin: '482913' }, admin: { staffId: 'A-0001', pin: '682015' } })).rejects.toMatchObject({ code: 'E_FLEET_NO_HOLD' });
    await expect(t2.clearRollback({ lead: { staffId: 'L-0001', pin: '482913' }, admin: { staffId: 'C-0001', pin: '582014' } })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await t2.clearRollback({ lead: { staffId: 'L-0001', pin: '482913' }, admin: { staffId: 'A-0001', pin: '682015' } });
    const after = await t2.check();
    expect(after).toMatchObject({ state: 'updated', plan: { added: 5 } });
    expect((await f.terminals[1]!.vault.status()).persons).toBe((await f.stationVault.status()).persons);
    // T1 (caught by the machine-wide marks) is cleared once, and both lines then agree it is whole again.
    await f.terminals[0]!.fleet.clearRollback({ lead: { staffId: 'L-0001', pin: '482913' }, admin: { staffId: 'A-0001', pin: '682015' } });
    expect(await f.terminals[0]!.fleet.check()).toMatchObject({ state: 'updated', unmaskAllowed: true, plan: { added: 5 } });
    expect((await f.terminals[0]!.fleet.check()).state).toBe('current');
  });

  it('a retired terminal locks itself out, and the station refuses anything from it', async () => {
    const f = (fleet = await makeFleet(3));
    await f.stationVault.commit(SAMPLE);
    await release(f);
    for (const t of f.terminals) await t.fleet.check();
    await f.station.retire('T-00000003');
    await release(f);
    expect((await f.terminals[0]!.fleet.check()).state).toBe('updated');
    const s = await f.terminals[2]!.fleet.check();
    expect(s).toMatchObject({ state: 'retired', unmaskAllowed: false, error: { code: 'E_FLEET_RETIRED' } });
    // Not even a newer, valid package brings it back.
    await release(f);
    expect((await f.terminals[2]!.fleet.check()).state).toBe('retired');
    await expect(f.station.acknowledge({ 'T-00000003': { seq: 1, hash: '0'.repeat(64) } })).rejects.toMatchObject({ code: 'E_FLEET_RETIRED_SENDER' });
  });
});

describe('staff and policy travel; nothing personal in the drop folder', () => {
  it('the staff directory, a lead wrap and the policy made once at the station reach every terminal', async () => {
    const f = (fleet = await makeFleet(3));
    await f.stationVault.commit(SAMPLE);
    const { migrateSubsystem } = await import('../../../electron/core/vault/schema');
    const { STAFF_MIGRATIONS } = await import('../../../electron/core/staff/schema');
    await migrateSubsystem(f.stationVault.database, 'staff', STAFF_MIGRATIONS);
    const store = new StaffStore(f.stationVault.database, f.stationVault.serviceKey('staff-records'));
    const pin = { params: { m: 19456, t: 2, p: 1 }, salt: Buffer.alloc(16, 1), verifier: Buffer.alloc(32, 2) };
    await store.insert('L-0009', { displayName: '班長九', roles: ['lead'], retired: false }, pin, T0.toISOString());
    const leadKek = Buffer.alloc(32, 7);
    await f.stationVault.addPrivateKeyWrap('lead:L-0009', leadKek, { recoveryKey: f.key });
    const policy = { ...DEFAULT_CAMERA_POLICY, maskedFields: [...DEFAULT_CAMERA_POLICY.maskedFields] };
    const file = signPolicyFile(f.stationVault.serviceKey('policy-mac'), {
      format: POLICY_FILE_FORMAT, policy, approval: { revision: 3, policyHash: policyHash(policy), proposedBy: 'A-0001', approvedBy: 'A-0002', approvedAt: T0.toISOString() },
    });
    await release(f, { policyFile: Buffer.from(JSON.stringify(file)) });
    const someone = (await f.stationVault.exportPersons({ recoveryKey: f.key }))[0]!.id;
    for (const t of f.terminals) {
      const s = await t.fleet.check();
      expect(s.plan).toMatchObject({ staffChanged: 1, wrapsChanged: 1, policyChanged: true });
      const row = await new StaffStore(t.vault.database, t.vault.serviceKey('staff-records')).get('L-0009');
      expect(row).toMatchObject({ roles: ['lead'], failedCount: 0 });
      // The lead's wrap opens this terminal's sealed fields with the lead's key: the same lineage, no PIN carried.
      expect(await t.vault.openSealed(someone, 'address', { wrapId: 'lead:L-0009', kek: leadKek })).toBeTypeOf('string');
      const eff = await loadEffectivePolicy({ path: t.policyPath, keys: { policyMacKey: async () => t.vault.serviceKey('policy-mac') } });
      expect(eff).toMatchObject({ state: 'ok', revision: 3 });
    }
    // The lead loses the role at the station: the next package takes the wrap away everywhere.
    await f.stationVault.removePrivateKeyWrap('lead:L-0009');
    await release(f);
    for (const t of f.terminals) {
      expect((await t.fleet.check()).plan?.wrapsChanged).toBe(1);
      await expect(t.vault.openSealed(someone, 'address', { wrapId: 'lead:L-0009', kek: leadKek })).rejects.toMatchObject({ code: expect.stringMatching(/^E_/) });
    }
  });

  it('a byte scan of the drop folder and the terminals\' fleet folders finds no personal data', async () => {
    const f = (fleet = await makeFleet(2));
    await f.stationVault.commit(csvWithout(3));
    await release(f);
    await f.stationVault.commit(SAMPLE);
    await release(f);
    for (const t of f.terminals) await t.fleet.check();
    await f.station.acknowledge({ [f.terminals[0]!.id]: await auditHead(f.terminals[0]!) });
    const needles = personalNeedles();
    expect(needles.length).toBeGreaterThan(300);
    expect(scanFolder(f.drop, needles)).toEqual([]);
    for (const t of f.terminals) expect(scanFolder(join(t.dir, 'fleet'), needles)).toEqual([]);
    expect(scanFolder(f.stationDir, needles)).toEqual([]);
  });

  it('the station refuses its own state file once edited', async () => {
    const f = (fleet = await makeFleet(1));
    const file = join(f.stationDir, 'fleet-station.json');
    const j = JSON.parse(readFileSync(file, 'utf8')) as { body: string; mac: string };
    writeFileSync(file, JSON.stringify({ ...j, body: j.body.replace('"listAgeLimitDays":7', '"listAgeLimitDays":700') }));
    await expect(FleetStation.open({ vault: f.stationVault, stateDir: f.stationDir, dropDir: f.drop, clock: fakedSystemClock })).rejects.toMatchObject({ code: 'E_FLEET_STATION_STATE' });
  });
});
