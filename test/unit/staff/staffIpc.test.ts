import { afterEach, describe, expect, it } from 'vitest';
import { loadPepper } from '../../../electron/core/staff/pepper';
import { StaffStore } from '../../../electron/core/staff/store';
import { recordingRouter } from '../../fakes/router';
import { ALL_PINS, createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

const NEW_CLERK = { staffId: 'C003', displayName: '窓口 三郎', pin: '582714' };
const NEW_PIN = '915372';


let core: TestCore | null = null;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = null;
});

const router = recordingRouter;

const addClerk = { kind: 'add', staffId: NEW_CLERK.staffId, displayName: NEW_CLERK.displayName, roles: ['clerk'] };

/** Every secret a staff response could leak: PINs, the pepper, and each member's salt and verifier, in the usual encodings. */
async function staffSecrets(c: TestCore): Promise<string[]> {
  const pepper = await loadPepper({ dataDir: c.dataDir, db: c.vault.database, protector: c.protector });
  const store = new StaffStore(c.vault.database, c.vault.serviceKey('staff-records'));
  const out = [...ALL_PINS, NEW_CLERK.pin, NEW_PIN];
  const bytes: Buffer[] = [pepper];
  for (const m of await store.all()) {
    const rec = await store.pin(m.staffId);
    if (rec) bytes.push(rec.salt, rec.verifier);
  }
  for (const b of bytes) out.push(b.toString('hex'), b.toString('base64'), b.toString('base64url'));
  return out;
}

describe('staff administration over IPC (SPEC F9)', () => {
  it('without a set-up terminal nothing can be administered', async () => {
    const { call } = router(null);
    expect((await call('staff:list', {})).error?.code).toBe('E_NOT_SET_UP');
  });

  it('needs a live session held by an administrator', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    expect((await call('staff:list', {})).error?.code).toBe('E_SESSION_REQUIRED');
    await login(STAFF.clerk1);
    expect((await call('staff:list', {})).error?.code).toBe('E_STAFF_NOT_ADMIN');
  });

  it('a clerk cannot propose a change, even with their own correct PIN', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    await login(STAFF.clerk1);
    const before = core.audit.actions().length;
    const r = await call('staff:propose', { proposerId: STAFF.clerk1.staffId, proposerPin: STAFF.clerk1.pin, change: addClerk });
    expect(r.error?.code).toBe('E_STAFF_NOT_ADMIN');
    expect(await core.staff.describe(NEW_CLERK.staffId)).toBeUndefined();
    expect(core.audit.actions().slice(before)).not.toContain('staff.change.proposed');
  });

  it('an administrator cannot propose in the name of another one logged in at the terminal', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    await login(STAFF.admin1);
    const r = await call('staff:propose', { proposerId: STAFF.admin2.staffId, proposerPin: STAFF.admin2.pin, change: addClerk });
    expect(r.error?.code).toBe('E_STAFF_PROPOSER_SESSION');
  });

  it('the second person sees the time left on the clock that expires the change, not on the PC clock', async () => {
    const clock = manualClock('2026-05-11T09:00:00+09:00');
    core = await createTestCore({ clock });
    const { call, login } = router(core);
    await login(STAFF.admin1);
    const p = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: addClerk })).value!;
    expect(p.expiresInSeconds).toBe(600);
    clock.advance(90);
    expect((await call('staff:describeChange', { changeId: p.changeId })).value?.expiresInSeconds).toBe(510);
  });

  it('the proposer cannot confirm their own change', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    await login(STAFF.admin1);
    const p = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: addClerk })).value!;
    const r = await call('staff:confirm', { changeId: p.changeId, changeHash: p.changeHash, confirmerId: 'A001', confirmerPin: STAFF.admin1.pin, subjectPin: NEW_CLERK.pin });
    expect(r.error?.code).toBe('E_STAFF_SAME_PERSON');
    expect(await core.staff.describe(NEW_CLERK.staffId)).toBeUndefined();
  });

  it('a confirmation carrying another hash is refused and changes nothing', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    await login(STAFF.admin1);
    const p = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: addClerk })).value!;
    const other = (p.changeHash as string).replace(/^./, (ch) => (ch === '0' ? '1' : '0'));
    const r = await call('staff:confirm', { changeId: p.changeId, changeHash: other, confirmerId: 'A002', confirmerPin: STAFF.admin2.pin, subjectPin: NEW_CLERK.pin });
    expect(r.error?.code).toBe('E_STAFF_CHANGE_HASH');
    expect(await core.staff.describe(NEW_CLERK.staffId)).toBeUndefined();
  });

  it('walks propose → describe (same check code) → confirm by a second person → the new clerk logs in; no response carries a PIN, hash, salt or pepper', async () => {
    core = await createTestCore({ clock: manualClock() });
    const { call, login, log } = router(core);
    await login(STAFF.admin1);
    const list = (await call('staff:list', {})).value!.staff as Record<string, unknown>[];
    expect(list.map((m) => m.staffId)).toEqual(['A001', 'A002', 'C001', 'C002', 'L001', 'L002']);
    expect(Object.keys(list[0]!).sort()).toEqual(['displayName', 'failedCount', 'locked', 'retired', 'roles', 'staffId']);
    const p = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: addClerk })).value!;
    const d = (await call('staff:describeChange', { changeId: p.changeId })).value!;
    expect(d).toMatchObject({
      kind: 'add', proposerId: 'A001', proposerName: STAFF.admin1.displayName, subjectId: 'C003', subjectName: NEW_CLERK.displayName,
      rolesBefore: null, rolesAfter: ['clerk'], needsSubjectPin: true, needsSealAuthority: false, checkCode: p.checkCode,
    });
    expect(d.checkCode).toMatch(/^[0-9A-F]{4} [0-9A-F]{4}$/);
    expect((d.checkCode as string).replace(' ', '').toLowerCase()).toBe((p.changeHash as string).slice(0, 8));
    // The subject must type a PIN: a confirmation without one is refused.
    expect((await call('staff:confirm', { changeId: p.changeId, changeHash: d.changeHash, confirmerId: 'A002', confirmerPin: STAFF.admin2.pin })).error?.code).toBe('E_STAFF_SUBJECT_PIN_REQUIRED');
    const ok = await call('staff:confirm', { changeId: p.changeId, changeHash: d.changeHash, confirmerId: 'A002', confirmerPin: STAFF.admin2.pin, subjectPin: NEW_CLERK.pin });
    expect(ok.error).toBeUndefined();
    expect(ok.value).toEqual({ applied: true, kind: 'add', staffId: 'C003' });
    expect((await call('staff:describeChange', { changeId: p.changeId })).error?.code).toBe('E_STAFF_CHANGE_UNKNOWN');
    expect((await call('staff:list', {})).value!.staff).toContainEqual({ staffId: 'C003', displayName: NEW_CLERK.displayName, roles: ['clerk'], retired: false, locked: false, failedCount: 0 });

    // A wrong PIN shows up as a counter, never as the PIN.
    expect((await call('session:login', { staffId: 'C002', pin: '604817' })).error?.code).toBe('E_PIN_WRONG');
    expect((await login(NEW_CLERK)).value).toMatchObject({ staffId: 'C003', roles: ['clerk'] });
    // Any member changes their own PIN; the staff id comes from the session.
    expect((await call('staff:changeOwnPin', { oldPin: '111111', newPin: NEW_PIN })).error?.code).toBe('E_PIN_WRONG');
    expect((await call('staff:changeOwnPin', { oldPin: NEW_CLERK.pin, newPin: NEW_PIN })).value).toEqual({ changed: true });
    expect((await login({ staffId: 'C003', pin: NEW_PIN })).ok).toBe(true);
    await login(STAFF.admin1);
    await call('staff:list', {});

    const secrets = await staffSecrets(core);
    for (const entry of log) {
      const text = JSON.stringify(entry.response);
      expect({ channel: entry.channel, leaks: secrets.filter((s) => text.includes(s)) }).toEqual({ channel: entry.channel, leaks: [] });
    }
    expect(log.filter((e) => e.channel === 'staff:list')).toHaveLength(3);
    expect(secrets.filter((s) => core!.audit.text().includes(s))).toEqual([]);
  });

  it('unlock and a lead reset: the description asks for seal authority, and a recovery key is only passed when it does', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    for (let i = 0; i < 3; i++) await call('session:login', { staffId: 'C002', pin: '604817' });
    await login(STAFF.admin1);
    const u = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: { kind: 'unlock', staffId: 'C002' } })).value!;
    expect(u).toMatchObject({ kind: 'unlock', subjectName: STAFF.clerk2.displayName, subjectFailedCount: 3, needsSubjectPin: false, needsSealAuthority: false });
    // The lead L001 confirms (a lead may be the second person).
    expect((await call('staff:confirm', { changeId: u.changeId, changeHash: u.changeHash, confirmerId: 'L001', confirmerPin: STAFF.lead1.pin, recoveryKey: core.recoveryKey })).value).toMatchObject({ applied: true });
    expect((await core.staff.describe('C002'))!.failedCount).toBe(0);
    const r = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: { kind: 'resetPin', staffId: 'L002' } })).value!;
    expect(r).toMatchObject({ needsSubjectPin: true, needsSealAuthority: true, rolesBefore: ['clerk', 'lead'], rolesAfter: null });
    // An administrator who is not a lead has no seal authority of their own.
    expect((await call('staff:confirm', { changeId: r.changeId, changeHash: r.changeHash, confirmerId: 'A002', confirmerPin: STAFF.admin2.pin, subjectPin: NEW_PIN })).error?.code).toBe('E_STAFF_SEAL_AUTHORITY');
    const r2 = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: { kind: 'resetPin', staffId: 'L002' } })).value!;
    expect((await call('staff:confirm', { changeId: r2.changeId, changeHash: r2.changeHash, confirmerId: 'L001', confirmerPin: STAFF.lead1.pin, subjectPin: NEW_PIN })).value).toMatchObject({ applied: true, kind: 'resetPin' });
  });

  it('a cancelled change cannot be confirmed', async () => {
    core = await createTestCore();
    const { call, login } = router(core);
    await login(STAFF.admin1);
    const p = (await call('staff:propose', { proposerId: 'A001', proposerPin: STAFF.admin1.pin, change: { kind: 'retire', staffId: 'C002' } })).value!;
    expect((await call('staff:cancel', { changeId: p.changeId })).value).toEqual({ cancelled: true });
    expect((await call('staff:confirm', { changeId: p.changeId, changeHash: p.changeHash, confirmerId: 'A002', confirmerPin: STAFF.admin2.pin })).error?.code).toBe('E_STAFF_CHANGE_UNKNOWN');
  });
});
