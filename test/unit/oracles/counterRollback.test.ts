/**
 * Issue 14: an older copy of a counter row put back. The lockout counters and the lookup counts are MACed, so an
 * edited row is caught — but a clerk who copied a row (its MAC valid) and put it back after more wrong PINs or more
 * lookups got their budget back. Each row now names the audit entry it was written with, and every change that
 * raises a counter writes its entry first in the same transaction (audit/binding.ts): a row behind a later
 * counting entry was put back. It is a recorded break (unmasking stops until two people acknowledge) and the count
 * comes back from the chain, never lower.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/vault/lock';
import type { Db } from '../../../electron/core/vault/db';
import { manualClock, STAFF } from '../../fakes/core';
import type { TestTerminal } from '../../fakes/terminal';
import { dateWalk, terminalsClosedAfterEach } from './helpers';
import { tempDir } from '../vault/helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type V = any;
const start = terminalsClosedAfterEach();
const restart = async (t: TestTerminal, o: { dataDir?: string; clock?: ReturnType<typeof manualClock> } = {}) => {
  if (!o.dataDir) await t.close();
  return start({ dataDir: o.dataDir ?? t.dataDir, protector: t.protector, policyPath: t.policyPath, fresh: false, ...(o.clock && { clock: o.clock }) });
};
const dbOf = (t: TestTerminal): Db => t.ctx.leads!.services.chain.db;

/** The rows as a clerk's copy holds them, and putting that copy back over whatever is there now. */
type Rows = Record<string, unknown>[];
const copyRows = (t: TestTerminal, table: string, where: string): Promise<Rows> => dbOf(t).all(`SELECT * FROM ${table} WHERE ${where}`);
async function putBack(t: TestTerminal, table: string, where: string, rows: Rows): Promise<void> {
  const db = dbOf(t);
  await db.run(`DELETE FROM ${table} WHERE ${where}`);
  for (const r of rows) {
    const cols = Object.keys(r);
    await db.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r[c]));
  }
}

async function brokenKinds(t: TestTerminal): Promise<string[]> {
  await t.ctx.leads!.services.chain.drain();
  const rows = await dbOf(t).all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'audit.chain_broken'");
  return rows.map((r) => (JSON.parse(r.detail) as { kind: string }).kind);
}

/** A clerk (not the one whose counts are at stake) with D0001 matched asks to see the address; the code of the answer. */
async function tryUnmask(t: TestTerminal): Promise<string> {
  await t.login(STAFF.clerk2);
  const v = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as V;
  await t.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: { name: '伊藤　蒼', dob: '1970-02-05' } });
  const r = await t.call('unmask:request', { caseId: v.caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk2.pin });
  if (r.ok) await t.call('unmask:cancel', { requestId: (r.value as V).requestId });
  await t.call('case:close', { caseId: v.caseId });
  await t.call('session:logout', {});
  return r.ok ? 'ok' : r.error!.code;
}

describe('an older copy of a lockout counter row put back (issue 14)', () => {
  it('is detected at the next open: a recorded break, unmasking stops, and the lead stays locked', async () => {
    const clock = manualClock();
    let t = await start({ clock });
    const copy = await copyRows(t, 'staff', "staff_id = 'L001'");
    for (let i = 0; i < 10; i++) {
      clock.advance(61);
      await t.login({ staffId: STAFF.lead1.staffId, pin: '000000' });
    }
    clock.advance(61);
    expect((await t.login(STAFF.lead1)).error?.code).toBe('E_PIN_LOCKED');
    await t.ctx.leads!.services.chain.drain();
    await putBack(t, 'staff', "staff_id = 'L001'", copy);
    clock.advance(16 * 60);
    t = await restart(t, { clock });
    expect(await brokenKinds(t)).toEqual(['counters-rolled-back']);
    expect((await t.login(STAFF.lead1)).error?.code).toBe('E_PIN_LOCKED');
    const row = await dbOf(t).get<{ failed_count: number }>("SELECT failed_count FROM staff WHERE staff_id = 'L001'");
    expect(row?.failed_count).toBe(10);
    expect(await tryUnmask(t)).toBe('E_PROTECTION_STOPPED');
  }, 120_000);

  it('put back while the app runs: the next PIN check records it and refuses as the chain says', async () => {
    const clock = manualClock();
    const t = await start({ clock });
    const copy = await copyRows(t, 'staff', "staff_id = 'L001'");
    for (let i = 0; i < 10; i++) {
      clock.advance(61);
      await t.login({ staffId: STAFF.lead1.staffId, pin: '000000' });
    }
    await t.ctx.leads!.services.chain.drain();
    await putBack(t, 'staff', "staff_id = 'L001'", copy);
    clock.advance(61);
    expect((await t.login(STAFF.lead1)).error?.code).toBe('E_PIN_LOCKED');
    expect(await brokenKinds(t)).toEqual(['counters-rolled-back']);
  }, 120_000);

  it('an untouched vault opens clean: wrong PINs, a right one, a lock and restarts record no break', async () => {
    const clock = manualClock();
    let t = await start({ clock });
    for (let i = 0; i < 4; i++) {
      clock.advance(61);
      await t.login({ staffId: STAFF.clerk1.staffId, pin: '000000' });
    }
    clock.advance(61);
    expect((await t.login(STAFF.clerk1)).ok).toBe(true);
    await t.call('session:logout', {});
    for (let i = 0; i < 10; i++) {
      clock.advance(61);
      await t.login({ staffId: STAFF.lead2.staffId, pin: '000000' });
    }
    t = await restart(t, { clock });
    t = await restart(t, { clock });
    expect(await brokenKinds(t)).toEqual([]);
    clock.advance(61);
    expect((await t.login(STAFF.lead2)).error?.code).toBe('E_PIN_LOCKED');
    expect(await tryUnmask(t)).toBe('ok');
  }, 120_000);
});

describe('an older copy of the lookup counts put back (issue 14)', () => {
  it('the clerk\'s window: detected at the next open, and the hour stays used up', async () => {
    let t = await start();
    expect(await dateWalk(t, 4)).toEqual(Array(4).fill('ok'));
    const copy = await copyRows(t, 'lookup_counts', '1 = 1');
    expect(await dateWalk(t, 8, { from: 4 })).toEqual(Array(8).fill('ok'));
    expect(await dateWalk(t, 1, { from: 12 })).toEqual(['E_CASE_LOOKUP_LIMIT']);
    await t.ctx.leads!.services.chain.drain();
    await putBack(t, 'lookup_counts', '1 = 1', copy);
    t = await restart(t);
    expect(await brokenKinds(t)).toEqual(['lookup-counts-rolled-back']);
    expect(await dateWalk(t, 1, { from: 13 })).toEqual(['E_CASE_LOOKUP_LIMIT']);
    expect(await tryUnmask(t)).toBe('E_PROTECTION_STOPPED');
  }, 180_000);

  it('a case left open by a crash, its row put back: closed with the counts the chain holds, not the copy\'s', async () => {
    const t = await start();
    expect((await t.login(STAFF.clerk1)).ok).toBe(true);
    const v = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as V;
    const slot = v.persons[0].slot;
    const tryDob = async (dob: string) => (await t.call('case:updatePerson', { caseId: v.caseId, slot, input: { name: '伊藤　蒼', dob } })).ok;
    expect(await tryDob('1972-01-01')).toBe(true);
    const copy = await copyRows(t, 'lookup_counts', '1 = 1');
    // Three more tries in the same open case, then the folder as a crash leaves it, with the older rows put back.
    for (const d of ['1972-01-02', '1972-01-03', '1972-01-04']) expect(await tryDob(d)).toBe(true);
    await t.ctx.leads!.services.chain.drain();
    await putBack(t, 'lookup_counts', '1 = 1', copy);
    const crashed = join(tempDir('cs-crash-'), 'data');
    cpSync(t.dataDir, crashed, { recursive: true, filter: (src) => !src.endsWith(LOCK_FILE) });
    const t2 = await restart(t, { dataDir: crashed });
    expect(await brokenKinds(t2)).toEqual(['lookup-counts-rolled-back']);
    const closed = await dbOf(t2).all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'case.closed'");
    expect(closed.map((r) => JSON.parse(r.detail))).toEqual([expect.objectContaining({ case: v.caseId, interrupted: true, dobTries: 4 })]);
  }, 180_000);

  it('an untouched vault opens clean after lookups, a crash and restarts', async () => {
    let t = await start();
    await dateWalk(t, 6, { close: false });
    t = await restart(t);
    expect(await dateWalk(t, 2, { from: 6 })).toEqual(['ok', 'ok']);
    t = await restart(t);
    expect(await brokenKinds(t)).toEqual([]);
  }, 180_000);
});
