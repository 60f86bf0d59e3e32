/**
 * The fleet as the composition runs it (issue 18): a terminal picks up at start and on its timer, a copied-back
 * folder stops unmasking and imports through the ProtectionGate until a lead and an administrator act, a segment is
 * written once a day, and a list past the second age limit opens no case without a lead.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChainBreaks } from '../../../electron/core/audit';
import { FleetRuntime, type FleetTimers } from '../../../electron/core/fleet/runtime';
import { ProtectionGate } from '../../../electron/core/protection';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { fakeStaff } from '../../fakes/policy';
import { statusDto } from '../../../electron/ipc/handlers/fleet';
import type { AppContext } from '../../../electron/ipc';
import { copyDir, makeFleet, release, replaceDir, SAMPLE, pinClockAtT0, csvWithout, type Fleet, type Node } from './helpers';
import { fakedSystemClock } from '../../clock';

let fleet: Fleet | undefined;
const clock = pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});
const auth = fakeStaff({
  'L-0001': { pin: '482913', roles: ['lead'] },
  'C-0001': { pin: '582014', roles: ['clerk'] },
  'A-0001': { pin: '682015', roles: ['admin'] },
  'A-0002': { pin: '682016', roles: ['admin'] },
});
const LEAD = { staffId: 'L-0001', pin: '482913' };
const CLERK = { staffId: 'C-0001', pin: '582014' };
const ADMIN = { staffId: 'A-0001', pin: '682015' };
const ADMIN2 = { staffId: 'A-0002', pin: '682016' };
const ADMINS = { first: ADMIN, second: ADMIN2 };

/** Timers the test fires itself: the pick-up interval is recorded, the callback run on demand. */
function manualTimers(): FleetTimers & { fire(): void; interval: number | null; stopped: boolean } {
  let cb: (() => void) | null = null;
  const t = {
    interval: null as number | null, stopped: false,
    every(ms: number, fn: () => void) {
      t.interval = ms;
      cb = fn;
      return () => {
        t.stopped = true;
      };
    },
    fire() {
      cb?.();
    },
  };
  return t;
}

async function runtimeFor(f: Fleet, t: Node, timers = manualTimers()) {
  const rt = await FleetRuntime.open({
    vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit, auth,
    clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers,
  });
  const gate = new ProtectionGate(t.audit, new ChainBreaks(t.audit, auth));
  gate.holdWhile(() => rt.holdReason());
  return { rt, gate, timers };
}

async function configured(f: Fleet, t: Node) {
  const r = await runtimeFor(f, t);
  await r.rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key });
  return r;
}

describe('the fleet in the composition (issue 18)', () => {
  it('only two administrators choose terminal mode, and the choice is audited with both and kept across restarts', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const { rt } = await runtimeFor(f, t);
    await expect(rt.configure({ first: LEAD, second: ADMIN }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key })).rejects.toMatchObject({ code: 'E_FLEET_ADMIN_REQUIRED' });
    await expect(rt.configure({ first: ADMIN, second: LEAD }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key })).rejects.toMatchObject({ code: 'E_FLEET_SECOND_ADMIN' });
    await expect(rt.configure({ first: ADMIN, second: ADMIN }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key })).rejects.toMatchObject({ code: 'E_FLEET_SECOND_ADMIN' });
    await expect(rt.configure({ first: ADMIN, second: { ...ADMIN2, pin: '000000' } }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    await expect(rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop })).rejects.toMatchObject({ code: 'E_FLEET_RECOVERY_REQUIRED' });
    await expect(rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop, recoveryKey: 'AAAA-BBBB' })).rejects.toBeTruthy();
    expect(rt.config.mode).toBe('single');
    await rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key });
    const again = await runtimeFor(f, t);
    expect(again.rt.config).toEqual({ mode: 'terminal', dropDir: f.drop });
    await t.audit.drain();
    const rows = await t.vault.database.all<{ action: string; actors: string; terminal: string }>("SELECT action, actors, terminal FROM audit_log WHERE action = 'fleet.configured'");
    expect(rows).toEqual([{ action: 'fleet.configured', actors: '["A-0001","A-0002"]', terminal: t.id }]);
  });

  it('picks up at start and on its timer: a new release arrives without anyone pressing anything', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(csvWithout(5, true));
    await release(f, { exportDate: '2026-05-10' });
    const { rt, timers } = await configured(f, t);
    // Enrolment already picked the first release up; the start's pick-up finds nothing newer.
    await rt.start();
    expect(timers.interval).toBe(5 * 60_000);
    expect(rt.view()).toMatchObject({ state: 'current', identity: { version: 1, exportDate: '2026-05-10' }, age: { days: 1, stale: false } });
    await f.stationVault.commit(SAMPLE);
    await release(f, { exportDate: '2026-05-11' });
    timers.fire();
    await rt.tick();
    expect(rt.view()).toMatchObject({ state: 'updated', identity: { version: 2, exportDate: '2026-05-11' } });
    expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
    rt.stop();
    expect(timers.stopped).toBe(true);
  });

  it('a package that ends protection shows its counts and 管理番号 and waits for two people at this terminal', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    const { rt } = await configured(f, t);
    await rt.start();
    await f.stationVault.commit(csvWithout(3), { confirmRemovals: true });
    await release(f);
    await rt.tick();
    const v = rt.view();
    expect(v.state).toBe('pending-confirmation');
    expect(v.pending!.removed).toHaveLength(3);
    // What the screen gets: the counts for anyone, the 管理番号 only in a lead or administrator session.
    const ctx = { policy: { effective: () => ({ policy: DEFAULT_CAMERA_POLICY }) } } as unknown as AppContext;
    expect(statusDto(ctx, v, false).pending).toMatchObject({ removedCount: 3, removed: [], shortened: [] });
    expect(statusDto(ctx, v, false).dropDir).toBeNull();
    expect(statusDto(ctx, v, true).pending!.removed).toEqual(v.pending!.removed);
    await expect(rt.confirmPending({ planHash: v.pending!.planHash, first: CLERK, second: { staffId: 'C-0001', pin: '582014' } })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await rt.confirmPending({ planHash: v.pending!.planHash, first: LEAD, second: CLERK });
    expect(rt.view()).toMatchObject({ state: 'current', pending: null });
    expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
  });

  it('a copied-back folder stops unmasking and imports (E_PROTECTION_STOPPED, in Japanese) until a lead and an administrator act', async () => {
    const f = (fleet = await makeFleet(1));
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    let t = f.terminals[0]!;
    const first = await configured(f, t);
    await first.rt.start();
    expect(await first.gate.stopped()).toBeNull();
    // The clerk keeps a copy; a newer release is applied (the machine-wide marks move on); the copy goes back.
    t = f.terminals[0] = await f.reopen(t);
    const copy = copyDir(t.dir);
    const mid = await runtimeFor(f, t);
    await f.stationVault.commit(SAMPLE);
    await release(f);
    await mid.rt.start();
    expect(mid.rt.view().identity?.version).toBe(2);
    await t.audit.close();
    await t.vault.close();
    replaceDir(t.dir, copy);
    t = f.terminals[0] = await f.reopen(t);
    const back = await runtimeFor(f, t);
    await back.rt.start();
    expect(back.rt.view()).toMatchObject({ state: 'rolled-back', unmaskAllowed: false });
    const stop = await back.gate.stopped();
    expect(stop).toMatchObject({ code: 'E_PROTECTION_STOPPED' });
    expect(stop!.ja).toMatch(/PC 全体に記録した最新の状態より古く/);
    expect(stop!.ja).toMatch(/班長と管理者/);
    // The ordinary chain-break acknowledgement does not lift it; a clerk and an administrator do not either.
    await expect(back.rt.clearRollback({ lead: CLERK, admin: ADMIN })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    expect(await back.gate.stopped()).not.toBeNull();
    await back.rt.clearRollback({ lead: LEAD, admin: ADMIN });
    expect(await back.gate.stopped()).toBeNull();
    expect(back.rt.view().identity?.version).toBe(2);
    expect((await t.vault.status()).persons).toBe((await f.stationVault.status()).persons);
  });

  it('a folder copied back from before the PC became a terminal does not fall back to single mode: it is held', async () => {
    const f = (fleet = await makeFleet(1));
    await f.stationVault.commit(SAMPLE);
    await release(f);
    let t = f.terminals[0] = await f.reopen(f.terminals[0]!);
    const before = copyDir(t.dir);
    const { rt } = await configured(f, t);
    await rt.start();
    await t.audit.close();
    await t.vault.close();
    replaceDir(t.dir, before);
    t = f.terminals[0] = await f.reopen(t);
    const back = await runtimeFor(f, t);
    await back.rt.start();
    expect(back.rt.config.mode).toBe('single');
    expect((await back.gate.stopped())?.ja).toMatch(/窓口端末として登録されていましたが/);
  });

  it('writes one audit segment a day into the drop folder, and one on demand', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    const { rt } = await configured(f, t);
    await rt.start();
    const segs = () => (existsSync(join(f.drop, 'segments')) ? readdirSync(join(f.drop, 'segments')).filter((n) => n.startsWith(`seg-${t.id}-`)) : []);
    expect(segs()).toHaveLength(1);
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R1' }] });
    await rt.tick();
    expect(segs()).toHaveLength(1);
    clock.advanceDays(1);
    await f.station.refreshTimestamp();
    await rt.tick();
    expect(segs()).toHaveLength(2);
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R2' }] });
    expect(await rt.writeSegmentNow()).toMatchObject({ written: true });
    expect(segs()).toHaveLength(3);
  });

  it('a list past the second age limit opens no case until a lead confirms with their PIN (audited); past the first it is stale', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f, { exportDate: '2026-05-11' });
    const { rt } = await configured(f, t);
    await rt.start();
    expect(await rt.staleCaseCheck(undefined)).toBeNull();
    clock.advanceDays(8);
    expect(rt.view().age).toEqual({ days: 8, stale: true, leadRequired: false });
    expect(await rt.staleCaseCheck(undefined)).toBeNull();
    clock.advanceDays(7);
    expect(rt.view().age).toMatchObject({ days: 15, leadRequired: true });
    expect(await rt.staleCaseCheck(undefined)).toMatchObject({ code: 'E_FLEET_LIST_TOO_OLD' });
    expect(await rt.staleCaseCheck(CLERK)).toMatchObject({ code: 'E_FLEET_LIST_TOO_OLD' });
    expect(await rt.staleCaseCheck({ ...LEAD, pin: '000000' })).toMatchObject({ code: expect.stringMatching(/^E_/) });
    expect(await rt.staleCaseCheck(LEAD)).toBeNull();
    await t.audit.drain();
    const rows = await t.vault.database.all<{ actors: string; detail: string }>("SELECT actors, detail FROM audit_log WHERE action = 'fleet.stale_case_approved'");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ ageDays: 15, listVersion: 1 });
  });
});
