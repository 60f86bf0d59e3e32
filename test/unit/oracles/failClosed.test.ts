/**
 * Issue 14, items 5, 6 and 8: every failure fails closed (invariant 4). A detected chain break, a database that
 * fails its integrity check, a policy file put back from before the last approval or deleted, lockout counters
 * reset with a SQL editor — each stops unmasking and imports until two people acknowledge. A missing policy
 * means the strict bounds. Wrong PINs across staff ids slow the whole terminal and raise an alert.
 */
import { copyFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../../electron/core/vault/db';
import { currentDbPath } from '../../../electron/core/vault/dataDir';
import { manualClock, STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { tamper } from '../audit/helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- values are checked field by field
type V = any;
const open: TestTerminal[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
async function start(o: Parameters<typeof startTerminal>[0] = {}): Promise<TestTerminal> {
  const t = await startTerminal(o);
  open.push(t);
  return t;
}
async function reopen(t: TestTerminal, clock?: ReturnType<typeof manualClock>): Promise<TestTerminal> {
  await t.close();
  return start({ dataDir: t.dataDir, protector: t.protector, policyPath: t.policyPath, fresh: false, ...(clock && { clock }) });
}

/** A clerk with D0001 matched in a case asks to see the address; the code of the answer. */
async function tryUnmask(t: TestTerminal): Promise<{ code: string; ja?: string }> {
  await t.login(STAFF.clerk1);
  const v = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as V;
  await t.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: { name: '伊藤　蒼', dob: '1970-02-05' } });
  const r = await t.call('unmask:request', { caseId: v.caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin });
  if (r.ok) await t.call('unmask:cancel', { requestId: (r.value as V).requestId });
  await t.call('case:close', { caseId: v.caseId });
  await t.call('session:logout', {});
  return r.ok ? { code: 'ok' } : { code: r.error!.code, ja: (r.error as V).ja };
}

const acknowledge = (t: TestTerminal) =>
  t.call('audit:acknowledgeBroken', { first: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.lead2.staffId, pin: STAFF.lead2.pin } });

describe('fail closed until two people acknowledge', () => {
  it('an edited audit entry, once detected, stops unmasking and imports; two people acknowledge and it goes on', async () => {
    const t = await start();
    expect((await tryUnmask(t)).code).toBe('ok');
    await tamper(t.ctx.leads!.services.chain, 'UPDATE audit_log SET actors = ? WHERE seq = 3', ['["X999"]']);
    await t.login(STAFF.lead1);
    expect((await t.call('audit:verify', {})).value).toMatchObject({ ok: false });
    await t.call('session:logout', {});
    const stopped = await tryUnmask(t);
    expect(stopped.code).toBe('E_PROTECTION_STOPPED');
    expect(stopped.ja).toMatch(/監査記録の破損.*2名/);
    expect((await t.ctx.list!.stopped!())?.code).toBe('E_PROTECTION_STOPPED');
    expect((await acknowledge(t)).ok).toBe(true);
    expect((await tryUnmask(t)).code).toBe('ok');
  });

  it('a database that fails PRAGMA integrity_check at open is recorded and stops unmasking', async () => {
    const t = await start();
    await t.close();
    // Orphan some pages: a table whose schema row is gone. The vault still opens; the check does not pass.
    const db = await Db.open((await currentDbPath(t.dataDir))!);
    await db.exec("CREATE TABLE junk (x BLOB); INSERT INTO junk VALUES (randomblob(9000)), (randomblob(9000));");
    await db.exec("PRAGMA writable_schema = ON; DELETE FROM sqlite_master WHERE name = 'junk'; PRAGMA writable_schema = OFF;");
    await db.close();
    const again = await start({ dataDir: t.dataDir, protector: t.protector, policyPath: t.policyPath, fresh: false });
    expect(again.ctx.vaultState()).toBe('open');
    expect((await again.call('leads:overview', {})).value).toMatchObject({ brokenChain: { breaks: 1, first: { kind: 'integrity-check-failed' } } });
    const stopped = await tryUnmask(again);
    expect(stopped).toMatchObject({ code: 'E_PROTECTION_STOPPED', ja: expect.stringContaining('整合性検査') });
  });
});

describe('the policy file', () => {
  it('missing: the strict bounds (idle 60 s, grant 15 s), not the loosest a file may set', async () => {
    const t = await start();
    const eff = (await t.call('policy:effective', {})).value as V;
    expect(eff).toMatchObject({ source: 'defaults', state: 'missing', policy: { idleLockSeconds: 60, unmaskGrantTtlSeconds: 15 } });
    expect((await t.login(STAFF.clerk1)).value).toMatchObject({ idleSeconds: 60 });
  });

  it('put back from before the last approval, or deleted after one: not in force, recorded, unmasking stops', async () => {
    let t = await start();
    const admin = t.ctx.policy.admin!;
    const approveWith = async (label: string, maskedFields: string[]) => {
      const policy = { ...(t.ctx.policy.effective().policy), label, idleLockSeconds: 120, unmaskGrantTtlSeconds: 30, maskedFields };
      const p = await admin.propose({ staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin, policy });
      return admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin });
    };
    const base = ['address', 'katagaki', 'honseki', 'household', 'phone'];
    expect((await approveWith('r1', base)).revision).toBe(1);
    const old = `${t.policyPath}.r1`;
    copyFileSync(t.policyPath, old);
    expect((await approveWith('r2', [...base, 'note'])).revision).toBe(2);
    // The older, validly signed file is put back: it would unmask 備考 again.
    writeFileSync(t.policyPath, readFileSync(old));
    t = await reopen(t);
    const eff = (await t.call('policy:effective', {})).value as V;
    expect(eff).toMatchObject({ source: 'defaults', state: 'rolled-back', policy: { idleLockSeconds: 60, unmaskGrantTtlSeconds: 15 } });
    expect((await tryUnmask(t)).code).toBe('E_PROTECTION_STOPPED');
    expect((await acknowledge(t)).ok).toBe(true);
    expect((await tryUnmask(t)).code).toBe('ok');
    unlinkSync(t.policyPath);
    t = await reopen(t);
    expect(((await t.call('policy:effective', {})).value as V).state).toBe('rolled-back');
    expect((await tryUnmask(t)).code).toBe('E_PROTECTION_STOPPED');
  });
});

describe('lockout counters and wrong PINs', () => {
  it('a lead unlocked with UPDATE … failed_count = 0 stays locked, and the reset is a recorded break', async () => {
    const clock = manualClock();
    let t = await start({ clock });
    for (let i = 0; i < 10; i++) {
      clock.advance(61); // past the per-staff and the terminal-wide delay: this test is about the counters
      await t.login({ staffId: STAFF.lead1.staffId, pin: '000000' });
    }
    clock.advance(61);
    expect((await t.login(STAFF.lead1)).error?.code).toBe('E_PIN_LOCKED');
    const db = t.ctx.leads!.services.chain.db;
    await db.run("UPDATE staff SET failed_count = 0, last_failed_at = NULL, locked_at = NULL WHERE staff_id = 'L001'");
    clock.advance(61);
    expect((await t.login(STAFF.lead1)).error?.code).toBe('E_PIN_LOCKED');
    await t.ctx.leads!.services.chain.drain();
    const overview = (await t.call('leads:overview', {})).value as V;
    expect(overview.brokenChain).toMatchObject({ first: { kind: 'counters-reset' } });
    clock.advance(16 * 60);
    t = await reopen(t, clock);
    expect(((await t.call('leads:overview', {})).value as V).brokenChain).toMatchObject({ breaks: 1, first: { kind: 'counters-reset' } });
    expect((await tryUnmask(t)).code).toBe('E_PROTECTION_STOPPED');
  });

  it('wrong PINs across staff ids slow the whole terminal and show an alert on the start screen', async () => {
    const t = await start();
    const codes: string[] = [];
    for (const id of ['L001', 'L002', 'A001', 'A002', 'C002', 'L001', 'L002']) codes.push((await t.login({ staffId: id, pin: '000000' })).error!.code);
    expect(codes.slice(0, 5)).toEqual(['E_PIN_WRONG', 'E_PIN_WRONG', 'E_PIN_WRONG', 'E_PIN_WRONG', 'E_PIN_WRONG']);
    expect(codes.slice(5)).toContain('E_PIN_DELAY');
    // The delay holds for a right PIN too, and for every id: it says nothing about which id is real.
    expect((await t.login(STAFF.clerk1)).error?.code).toBe('E_PIN_DELAY');
    expect((await t.login({ staffId: 'ZZ99', pin: '000000' })).error?.code).toBe('E_PIN_DELAY');
    expect(((await t.call('leads:overview', {})).value as V).pinAlert).toMatchObject({ failures: expect.any(Number) });
  });
});
