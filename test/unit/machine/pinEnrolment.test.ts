/**
 * A second Windows account on the same PC enrols with an administrator's 職員番号 + PIN alone (issue 16), through
 * the administrators' enrolment slots: PIN layer inside a machine-scope layer. What an attacker at the PC would try:
 * a wrong PIN (refused, counted against that administrator's lockout), many PINs (locked), the folder carried to
 * another PC (the machine layer does not open there), a retired administrator's PIN, and a half-written enrolment.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { ensureAdminSlot } from '../../../electron/core/machine/adminSlots';
import { enrolmentSlotOwners, ENROL_ARGON2, openEnrolmentSlot, writeEnrolmentSlot } from '../../../electron/core/machine/enrolmentSlot';
import { StaffService, OWASP_MIN, DEFAULT_ARGON2, LOCK_AFTER_FAILURES } from '../../../electron/core/staff';
import { pepperFileName } from '../../../electron/core/staff/pepper';
import type { Vault } from '../../../electron/core/vault/vault';
import { testNow, testNowMs } from '../../clock';
import { STAFF } from '../../fakes/core';
import { tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, opened, seat, stageOf, TxAudit, type Seat } from './helpers';

afterEach(closeAll);

const admin2 = { staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin };

/** A clock the test moves, so the lockout's delays pass without sleeping. */
function movingClock() {
  let offset = 0;
  return { now: () => new Date(testNowMs() + offset), advance: (s: number) => (offset += s * 1000) };
}

async function setUp(): Promise<{ dir: string; a: Seat; b: Seat; key: string }> {
  const dir = tempDir('cs-pinenrol-');
  const a = seat('sid:S-1-5-21-1-2-3-1001');
  const b = seat('sid:S-1-5-21-1-2-3-1002');
  const key = await completeSetup(deps(dir, a));
  return { dir, a, b, key };
}

/** Opens the vault as `s` and hands its staff service to `fn` (admin work done on the enrolled account). */
async function asAccount(dir: string, s: Seat, fn: (v: { vault: Vault; staff: StaffService; audit: TxAudit; svc: SetupService }) => Promise<void>, clock: () => Date = testNow): Promise<TxAudit> {
  const d = deps(dir, s, new TxAudit(), { clock });
  const svc = await SetupService.start(d);
  const vault = d.ready[0]!;
  // The staff service reads the same clock as the setup (without one it would read today's date).
  const staff = await StaffService.open({ vault, dataDir: dir, protector: s.protector, audit: d.audit, argon2: OWASP_MIN, slotId: s.slot, clock });
  await fn({ vault, staff, audit: d.audit, svc });
  await closeAll();
  return d.audit;
}

async function failuresOf(dir: string, s: Seat, staffId: string): Promise<number> {
  let n = -1;
  await asAccount(dir, s, async ({ staff }) => {
    n = (await staff.describe(staffId))!.failedCount;
  });
  return n;
}

describe('enrolment of a second account with an administrator’s 職員番号 + PIN', () => {
  it('setup leaves a slot for each administrator, and a second account enrols with an administrator’s id and PIN alone', async () => {
    const { dir, a, b } = await setUp();
    await asAccount(dir, a, async ({ vault }) => {
      expect(await enrolmentSlotOwners(vault.database)).toEqual([STAFF.admin1.staffId, STAFF.admin2.staffId]);
    });
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required', enrolReason: 'new-account' });
    const d = deps(dir, b);
    const s = await SetupService.start(d);
    expect(await s.enrolWithPin(admin2)).toMatchObject({ stage: 'complete' });
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', actors: [STAFF.admin2.staffId], detail: { method: 'admin-pin' } });
    expect(JSON.stringify(d.audit.events)).not.toContain(STAFF.admin2.pin);
    await closeAll();
    // Both accounts now open the one vault on their own, without any key typed.
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'complete' });
    expect(await stageOf(dir, a)).toMatchObject({ stage: 'complete' });
    expect(readdirSync(dir)).toContain(pepperFileName(b.slot));
  });

  it('a wrong PIN is refused, writes nothing for the new account, and counts against that administrator once the vault next opens (audited)', async () => {
    const { dir, a, b } = await setUp();
    const s = await SetupService.start(deps(dir, b));
    await expect(s.enrolWithPin({ ...admin2, pin: '975318' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(readdirSync(dir)).not.toContain(pepperFileName(b.slot));
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
    // The enrolled account's next start folds the failure into admin2's counters, with its audit entry.
    const audit = await asAccount(dir, a, async () => undefined);
    expect(audit.events).toContainEqual(expect.objectContaining({ action: 'staff.pin.failed', actors: [STAFF.admin2.staffId], detail: expect.objectContaining({ purpose: 'terminal-enrolment', reason: 'wrong-pin', failures: 1 }) }));
    expect(await failuresOf(dir, a, STAFF.admin2.staffId)).toBe(1);
  });

  it('repeated wrong PINs lock the administrator: after 10 the right PIN is refused without being tried, and the lock holds at sign-in too', async () => {
    const { dir, a, b } = await setUp();
    const clock = movingClock();
    const s = await SetupService.start(deps(dir, b, new TxAudit(), { clock: clock.now }));
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      await expect(s.enrolWithPin({ ...admin2, pin: '975318' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
      clock.advance(120);
    }
    // Every id together is capped as well: the next try for anyone waits for an enrolled account.
    await expect(s.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_ENROL_PIN_PAUSED' });
    // Past the terminal-wide window of those ten failures (15 min), so what answers is the administrator's own lock.
    clock.advance(16 * 60);
    const audit = await asAccount(dir, a, async ({ staff }) => {
      await expect(staff.authenticate(STAFF.admin2.staffId, STAFF.admin2.pin, 'login')).rejects.toMatchObject({ code: 'E_PIN_LOCKED' });
    }, clock.now);
    expect(audit.actions()).toContain('staff.locked');
    const again = await SetupService.start(deps(dir, b, new TxAudit(), { clock: clock.now }));
    await expect(again.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_PIN_LOCKED' });
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
  });

  it('the fourth wrong PIN in a row makes the next try wait, before the PIN is looked at', async () => {
    const { dir, b } = await setUp();
    const s = await SetupService.start(deps(dir, b));
    for (let i = 0; i < 4; i++) await expect(s.enrolWithPin({ ...admin2, pin: '975318' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    await expect(s.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_PIN_DELAY' });
  });

  it('an id without a slot gets the same answer as a wrong PIN (a clerk learns nothing about who is an administrator)', async () => {
    const { dir, b } = await setUp();
    const s = await SetupService.start(deps(dir, b));
    const refusal = (p: Promise<unknown>) => p.then(() => ({ code: 'none', ja: '' }), (e: { code: string; ja: string }) => ({ code: e.code, ja: e.ja }));
    const before = b.machine.unprotectCalls;
    const wrong = await refusal(s.enrolWithPin({ ...admin2, pin: '975318' }));
    const forWrong = b.machine.unprotectCalls - before;
    const noSlot = await refusal(s.enrolWithPin({ staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }));
    expect(wrong.code).toBe('E_PIN_WRONG');
    expect(noSlot).toMatchObject({ code: wrong.code, ja: wrong.ja });
    // The same work for both (the machine layer is a PowerShell start on Windows): the time does not tell them apart.
    expect(forWrong).toBe(1);
    expect(b.machine.unprotectCalls - before - forWrong).toBe(forWrong);
  });

  it('a data folder copied to another PC cannot be enrolled there with the administrator’s PIN (its machine secret differs)', async () => {
    const { dir } = await setUp();
    const onB = seat('sid:S-1-5-21-9-9-9-1001', 'pc-b');
    const d = deps(dir, onB);
    const s = await SetupService.start(d);
    await expect(s.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_MACHINE_KEY_REFUSED' });
    expect(readdirSync(dir)).not.toContain(pepperFileName(onB.slot));
    expect(await stageOf(dir, onB)).toMatchObject({ stage: 'enrolment-required' });
    // The recovery key still enrols it there (the fallback for a replaced PC).
  });

  it('an administrator whose record was retired cannot enrol anyone — not even with a slot put back into the database', async () => {
    const { dir, a, b } = await setUp();
    const a3 = { staffId: 'A003', displayName: '管理 三郎', pin: '602857' };
    let saved: { params: string; blob: Buffer } | undefined;
    await asAccount(dir, a, async ({ vault, staff, audit, svc }) => {
      const p = await staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'add', staffId: a3.staffId, displayName: a3.displayName, roles: ['admin'] });
      await staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin, subjectPin: a3.pin });
      expect(await ensureAdminSlot(svc.slotDeps(vault, staff, audit), a3.staffId, a3.pin)).toBe(true);
      saved = await vault.database.get('SELECT params, blob FROM enrolment_slots WHERE staff_id = ?', [a3.staffId]);
      const r = await staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'retire', staffId: a3.staffId });
      await staff.confirmChange({ changeId: r.changeId, changeHash: r.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin });
      // Retiring drops the slot in the retirement's own transaction.
      expect(await enrolmentSlotOwners(vault.database)).not.toContain(a3.staffId);
    });
    const d = deps(dir, b);
    const s = await SetupService.start(d);
    await expect(s.enrolWithPin(a3)).rejects.toMatchObject({ code: 'E_PIN_WRONG' });

    // Someone with the folder restores the old slot row: it opens, but the staff check refuses the retired id.
    await asAccount(dir, a, async ({ vault }) => {
      await vault.database.run('INSERT INTO enrolment_slots (staff_id, params, blob) VALUES (?, ?, ?)', [a3.staffId, saved!.params, saved!.blob]);
    });
    const d2 = deps(dir, b);
    const s2 = await SetupService.start(d2);
    await expect(s2.enrolWithPin(a3)).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(d2.audit.events).toContainEqual(expect.objectContaining({ action: 'terminal.enrol_refused', actors: [a3.staffId] }));
    expect(d2.audit.actions()).not.toContain('terminal.enrolled');
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
    // And the next start of an enrolled account drops the restored slot, audited.
    const audit = await asAccount(dir, a, async ({ vault }) => {
      expect(await enrolmentSlotOwners(vault.database)).not.toContain(a3.staffId);
    });
    expect(audit.events).toContainEqual(expect.objectContaining({ action: 'terminal.enrol_slot_dropped', actors: [a3.staffId] }));
  });

  it('the enrolment and its audit entry are one transaction: when the chain refuses the entry, the account is not enrolled', async () => {
    const { dir, b } = await setUp();
    const audit = new TxAudit();
    audit.failInTransaction = true;
    const s = await SetupService.start(deps(dir, b, audit));
    await expect(s.enrolWithPin(admin2)).rejects.toThrow();
    expect(audit.actions()).not.toContain('terminal.enrolled');
    expect(opened).toHaveLength(0);
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
    const d = deps(dir, b);
    await (await SetupService.start(d)).enrolWithPin(admin2);
    expect(d.audit.actions()).toContain('terminal.enrolled');
  });

  it('a PIN change drops the administrator’s slot with the change; the old PIN enrols nobody afterwards', async () => {
    const { dir, a, b } = await setUp();
    await asAccount(dir, a, async ({ staff, vault }) => {
      await staff.changePin(STAFF.admin2.staffId, STAFF.admin2.pin, '813579');
      expect(await enrolmentSlotOwners(vault.database)).toEqual([STAFF.admin1.staffId]);
    });
    const s = await SetupService.start(deps(dir, b));
    await expect(s.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
  });

  it('without a machine secret on the PC no slot is written and PIN enrolment says to use the recovery key', async () => {
    const dir = tempDir('cs-pinenrol-');
    const a = seat('sid:S-1-5-21-1-2-3-1001');
    a.machine.available = false;
    const key = await completeSetup(deps(dir, a));
    const b = { ...seat('sid:S-1-5-21-1-2-3-1002'), machine: a.machine };
    const s = await SetupService.start(deps(dir, b));
    await expect(s.enrolWithPin(admin2)).rejects.toMatchObject({ code: 'E_MACHINE_KEY_UNAVAILABLE' });
    await s.enrol({ recoveryKey: key, ...admin2 });
    expect(s.status().stage).toBe('complete');
  });
});

describe('a machine secret that fails at setup', () => {
  it('does not undo the setup: no slot is written, and the administrator’s next sign-in writes it', async () => {
    const dir = tempDir('cs-pinenrol-');
    const a = seat('sid:S-1-5-21-1-2-3-1001');
    a.machine.failProtect = true;
    await completeSetup(deps(dir, a));
    a.machine.failProtect = false;
    await asAccount(dir, a, async ({ vault, staff, audit, svc }) => {
      expect(await enrolmentSlotOwners(vault.database)).toEqual([]);
      expect(await ensureAdminSlot(svc.slotDeps(vault, staff, audit), STAFF.admin1.staffId, STAFF.admin1.pin)).toBe(true);
      // Up to date now: a second sign-in does not write it again.
      expect(await ensureAdminSlot(svc.slotDeps(vault, staff, audit), STAFF.admin1.staffId, STAFF.admin1.pin)).toBe(false);
      expect(audit.events.filter((e) => e.action === 'terminal.enrol_slot_written')).toHaveLength(1);
    });
  });
});

describe('the enrolment slot’s own KDF', () => {
  it('is stronger than the sign-in PIN hash by default, and is what a slot is written and opened with', async () => {
    expect(ENROL_ARGON2.m * ENROL_ARGON2.t).toBeGreaterThan(DEFAULT_ARGON2.m * DEFAULT_ARGON2.t);
    const { dir, a } = await setUp();
    await asAccount(dir, a, async ({ vault }) => {
      const db = vault.database;
      const secrets = { dataKey: Buffer.alloc(32, 1), pepper: Buffer.alloc(32, 2) };
      await db.transaction(() => writeEnrolmentSlot(db, a.machine, { staffId: 'A009', pin: '602857', pinTag: 'x', ...secrets }));
      const row = await db.get<{ params: string }>('SELECT params FROM enrolment_slots WHERE staff_id = ?', ['A009']);
      expect(JSON.parse(row!.params)).toMatchObject({ kdf: 'argon2id', m: ENROL_ARGON2.m, t: ENROL_ARGON2.t, p: ENROL_ARGON2.p });
      const ok = await openEnrolmentSlot(db, a.machine, 'A009', '602857');
      expect(ok).toMatchObject({ kind: 'opened', secrets });
    });
  }, 60_000);
});
