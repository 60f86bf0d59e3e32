import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../../electron/core/compose';
import { OWASP_MIN, PEPPER_FILE, StaffService } from '../../../electron/core/staff';
import { Vault } from '../../../electron/core/vault/vault';
import { AccountProtector } from '../vault/helpers';
import { addStaff, createTestCore, manualClock, RecordingAudit, STAFF, type TestCore } from '../../fakes/core';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = null;
});

const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: { code?: string }) => e.code ?? String(e));

describe('first run', () => {
  it('creates two administrators and refuses to run again once any staff exists', async () => {
    core = await createTestCore({ adminsOnly: true });
    expect(core.staff.staffCount()).toBe(2);
    expect((await core.staff.list()).map((s) => [s.staffId, s.roles])).toEqual([['A001', ['admin']], ['A002', ['admin']]]);
    expect(await codeOf(core.staff.bootstrapAdmins({ recoveryKey: core.recoveryKey, admins: [{ ...STAFF.lead1 }, { ...STAFF.clerk1 }] }))).toBe('E_STAFF_EXISTS');
    expect(core.audit.actions()).toContain('staff.bootstrap');
  });

  it('refuses one person twice, a weak PIN, and a wrong recovery key — and leaves nothing behind', async () => {
    const dataDir = (await import('../vault/helpers')).tempDir();
    const protector = new AccountProtector();
    const { vault, recoveryKey } = await Vault.create({ dataDir }, { protector });
    const staff = await StaffService.open({ vault, dataDir, protector, audit: new RecordingAudit(), argon2: OWASP_MIN });
    expect(await codeOf(staff.bootstrapAdmins({ recoveryKey, admins: [STAFF.admin1, { ...STAFF.admin2, staffId: 'A001' }] }))).toBe('E_STAFF_BOOTSTRAP_INPUT');
    expect(await codeOf(staff.bootstrapAdmins({ recoveryKey, admins: [STAFF.admin1, { ...STAFF.admin2, pin: '123456' }] }))).toBe('E_PIN_POLICY');
    const other = (await Vault.create({ dataDir: (await import('../vault/helpers')).tempDir() })).recoveryKey;
    expect(await codeOf(staff.bootstrapAdmins({ recoveryKey: other, admins: [STAFF.admin1, STAFF.admin2] }))).toBe('E_RECOVERY_KEY_WRONG');
    expect(staff.staffCount()).toBe(0);
    expect(existsSync(join(dataDir, PEPPER_FILE))).toBe(false);
    await staff.bootstrapAdmins({ recoveryKey, admins: [STAFF.admin1, STAFF.admin2] });
    expect(staff.state()).toBe('ready');
    await vault.close();
  });

  it('refuses Argon2id parameters below the OWASP minimum', async () => {
    const dataDir = (await import('../vault/helpers')).tempDir();
    const { vault } = await Vault.create({ dataDir });
    await expect(StaffService.open({ vault, dataDir, protector: new AccountProtector(), audit: new RecordingAudit(), argon2: { m: 19_455, t: 2, p: 1 } })).rejects.toMatchObject({ code: 'E_PIN_HASH_PARAMS' });
    await expect(StaffService.open({ vault, dataDir, protector: new AccountProtector(), audit: new RecordingAudit(), argon2: { m: 65_536, t: 1, p: 1 } })).rejects.toMatchObject({ code: 'E_PIN_HASH_PARAMS' });
    await vault.close();
  });
});

describe('the pepper', () => {
  it('is kept outside the database (pepper.bin, via the key protector); without it no PIN is checked, with the recovery key it comes back', async () => {
    core = await createTestCore({ adminsOnly: true });
    const { dataDir, protector, recoveryKey } = core;
    expect(existsSync(join(dataDir, PEPPER_FILE))).toBe(true);
    await core.close();
    // Another OS account (or a copied folder): the protector cannot open pepper.bin.
    const vault = await Vault.enrol({ dataDir }, new AccountProtector(), recoveryKey);
    const audit = new RecordingAudit();
    const other = new AccountProtector();
    const staff = await StaffService.open({ vault, dataDir, protector: other, audit, argon2: OWASP_MIN });
    expect(staff.state()).toBe('pepper-missing');
    expect((await staff.verifyPin(STAFF.admin1.staffId, STAFF.admin1.pin)).ok).toBe(false);
    // Refused before any PIN is looked at: nobody's failure counter moves.
    expect((await staff.describe(STAFF.admin1.staffId))?.failedCount).toBe(0);
    await staff.enrolTerminal(recoveryKey);
    expect(await staff.verifyPin(STAFF.admin1.staffId, STAFF.admin1.pin)).toMatchObject({ ok: true });
    await vault.close();
    void protector;
  });

  it("fails closed for everyone (no failures counted) when pepper.bin belongs to another vault", async () => {
    core = await createTestCore({ adminsOnly: true });
    const foreign = await createTestCore({ adminsOnly: true });
    const { dataDir, protector } = core;
    await core.close();
    await foreign.close();
    // Same OS account, but the pepper file of another vault.
    const vault = await Vault.open({ dataDir }, protector);
    const foreignBlob = readFileSync(join(foreign.dataDir, PEPPER_FILE));
    const { plain: decrypted } = await foreign.protector.unprotect(foreignBlob);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, PEPPER_FILE), await protector.protect(decrypted));
    const staff = await StaffService.open({ vault, dataDir, protector, audit: new RecordingAudit(), argon2: OWASP_MIN });
    expect(staff.state()).toBe('pepper-mismatch');
    expect(await staff.verifyPin(STAFF.admin1.staffId, STAFF.admin1.pin)).toMatchObject({ ok: false, error: { code: 'E_PEPPER_MISMATCH' } });
    expect((await staff.describe(STAFF.admin1.staffId))?.failedCount).toBe(0);
    await vault.close();
  });

  it('missing pepper.bin means nobody can log in (fail closed, explained)', async () => {
    core = await createTestCore({ adminsOnly: true });
    const { dataDir, protector } = core;
    await core.close();
    rmSync(join(dataDir, PEPPER_FILE));
    core = null;
    const c = await createCoreServices({ dataDir, protector, audit: new RecordingAudit(), argon2: OWASP_MIN, sweepMs: 0 });
    expect(await codeOf(c.sessions.login(STAFF.admin1.staffId, STAFF.admin1.pin))).toBe('E_PEPPER_MISSING');
    await c.close();
  });
});

describe('progressive delay and lockout', () => {
  it('waits 0,0,0,1,2,4,8… s between failures (by the injected clock) and refuses the 11th attempt even with the right PIN', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock, adminsOnly: true });
    const id = STAFF.admin1.staffId;
    const waits: number[] = [];
    for (let i = 1; i <= 10; i++) {
      // Past the terminal-wide window (issue 14, tested in test/unit/oracles): this test is the per-staff sequence.
      clock.advance(16 * 60);
      const code = await codeOf(core.staff.authenticate(id, '905172', 'login'));
      expect(code).toBe(i === 10 ? 'E_PIN_LOCKED' : 'E_PIN_WRONG');
      if (i === 10) break;
      // Immediately again: refused without checking while a delay runs — the right PIN too.
      const next = await core.staff.verifyPin(id, STAFF.admin1.pin);
      if (next.ok) {
        waits.push(0);
        // A success resets the counter; replay the failures so far to continue the sequence.
        for (let k = 0; k < i; k++) await codeOf(core.staff.authenticate(id, '905172', 'login'));
        clock.advance(0);
        continue;
      }
      expect(next.error.code).toBe('E_PIN_DELAY');
      const wait = Number(next.error.detail?.waitSeconds);
      waits.push(wait);
      clock.advance(wait - 0.5);
      expect((await core.staff.verifyPin(id, STAFF.admin1.pin)).ok).toBe(false);
      clock.advance(0.5);
    }
    expect(waits.slice(3)).toEqual([1, 2, 4, 8, 16, 32]);
    expect((await core.staff.describe(id))?.locked).toBe(true);
    // The 11th attempt, with the right PIN, a day later: still refused.
    clock.advance(86_400);
    expect((await core.staff.verifyPin(id, STAFF.admin1.pin))).toMatchObject({ ok: false, error: { code: 'E_PIN_LOCKED' } });
    expect(core.audit.actions()).toContain('staff.locked');
  });

  it('is unlocked only by an administrator plus a second person, each with their own PIN', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock });
    const id = STAFF.clerk1.staffId;
    for (let i = 0; i < 10; i++) {
      await codeOf(core.staff.authenticate(id, '905172', 'login'));
      clock.advance(61);
    }
    expect(await codeOf(core.staff.authenticate(id, STAFF.clerk1.pin, 'login'))).toBe('E_PIN_LOCKED');
    // A lead is not an administrator: cannot propose.
    expect(await codeOf(core.staff.proposeChange(STAFF.lead1.staffId, STAFF.lead1.pin, { kind: 'unlock', staffId: id }))).toBe('E_STAFF_NOT_ADMIN');
    const p = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'unlock', staffId: id });
    // The proposer cannot confirm; a clerk cannot confirm; the subject cannot confirm.
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin1.staffId, confirmerPin: STAFF.admin1.pin }))).toBe('E_STAFF_SAME_PERSON');
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: id, confirmerPin: STAFF.clerk1.pin }))).toBe('E_STAFF_SAME_PERSON');
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.clerk2.staffId, confirmerPin: STAFF.clerk2.pin }))).toBe('E_STAFF_CONFIRMER_ROLE');
    await core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.lead1.staffId, confirmerPin: STAFF.lead1.pin });
    expect((await core.staff.authenticate(id, STAFF.clerk1.pin, 'login')).actor.staffId).toBe(id);
  });
});

describe('two-person staff changes', () => {
  it('binds the confirmation to the hash of the exact change, and refuses a stale one', async () => {
    core = await createTestCore();
    const p = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'setRoles', staffId: STAFF.clerk2.staffId, roles: ['clerk', 'admin'] });
    const tampered = p.changeHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: tampered, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin }))).toBe('E_STAFF_CHANGE_HASH');
    // Someone retires the subject in between: the confirmation is for a picture that no longer holds.
    const r = await core.staff.proposeChange(STAFF.admin2.staffId, STAFF.admin2.pin, { kind: 'retire', staffId: STAFF.clerk2.staffId });
    await core.staff.confirmChange({ changeId: r.changeId, changeHash: r.changeHash, confirmerId: STAFF.admin1.staffId, confirmerPin: STAFF.admin1.pin });
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.lead1.staffId, confirmerPin: STAFF.lead1.pin }))).toBe('E_STAFF_CHANGE_STALE');
    expect(await codeOf(core.staff.authenticate(STAFF.clerk2.staffId, STAFF.clerk2.pin, 'login'))).toBe('E_PIN_WRONG');
  });

  it('never leaves fewer than two administrators, and nobody changes their own record', async () => {
    core = await createTestCore();
    expect(await codeOf(core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'retire', staffId: STAFF.admin2.staffId }))).toBe('E_STAFF_LAST_ADMINS');
    expect(await codeOf(core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'setRoles', staffId: STAFF.admin1.staffId, roles: ['admin', 'lead'] }))).toBe('E_STAFF_SAME_PERSON');
  });

  it('a new lead gets a sealing-key wrap only through an existing authority (a confirming lead or the recovery key)', async () => {
    core = await createTestCore();
    const before = (await core.vault.status()).approverWraps;
    expect(before).toBe(2); // L001 and L002
    // Confirmer is an administrator without the lead role and no recovery key: refused, nothing changed.
    const p = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'setRoles', staffId: STAFF.clerk1.staffId, roles: ['clerk', 'lead'] });
    expect(p.needsSealAuthority).toBe(true);
    expect(await codeOf(core.staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin, subjectPin: STAFF.clerk1.pin }))).toBe('E_STAFF_SEAL_AUTHORITY');
    expect((await core.staff.describe(STAFF.clerk1.staffId))?.roles).toEqual(['clerk']);
    // A lead confirms: their PIN-derived key opens the sealing key, which is wrapped for the new lead.
    const q = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'setRoles', staffId: STAFF.clerk1.staffId, roles: ['clerk', 'lead'] });
    await core.staff.confirmChange({ changeId: q.changeId, changeHash: q.changeHash, confirmerId: STAFF.lead1.staffId, confirmerPin: STAFF.lead1.pin, subjectPin: STAFF.clerk1.pin });
    expect((await core.vault.status()).approverWraps).toBe(3);
    // Taking the role away removes the wrap again.
    const r = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'setRoles', staffId: STAFF.clerk1.staffId, roles: ['clerk'] });
    await core.staff.confirmChange({ changeId: r.changeId, changeHash: r.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin });
    expect((await core.vault.status()).approverWraps).toBe(2);
    expect(core.audit.events.filter((e) => e.action === 'staff.change.confirmed').at(-2)?.detail).toMatchObject({ sealAuthority: 'lead' });
  });

  it("moves a lead's wrap to the new PIN when they change it; the old PIN opens nothing", async () => {
    core = await createTestCore();
    await core.staff.changePin(STAFF.lead1.staffId, STAFF.lead1.pin, '905172');
    expect(await codeOf(core.staff.authenticate(STAFF.lead1.staffId, STAFF.lead1.pin, 'login'))).toBe('E_PIN_WRONG');
    const r = await core.staff.authenticate(STAFF.lead1.staffId, '905172', 'test', { wantSealKek: true });
    const value = await core.vault.openSealed('D0001', 'address', { wrapId: 'staff:L001', kek: r.sealKek! });
    expect(value).toMatch(/^神奈川県/);
    expect(await codeOf(core.staff.changePin(STAFF.lead1.staffId, '905172', '123456'))).toBe('E_PIN_POLICY');
  });

  it('adds staff only with a PIN the new member types, which must meet the policy', async () => {
    core = await createTestCore({ adminsOnly: true });
    await expect(addStaff(core, { staffId: 'C009', displayName: '新人', pin: '111111', roles: ['clerk'] })).rejects.toMatchObject({ code: 'E_PIN_POLICY' });
    await addStaff(core, { staffId: 'C009', displayName: '新人', pin: '905172', roles: ['clerk'] });
    expect((await core.staff.describe('C009'))?.displayName).toBe('新人');
  });
});
