/**
 * Issue 21: the mailing check's probe counters survive a restart. They were in memory: a clerk who had used up
 * the hour's batches, or the day's three addresses for a protected person, restarted the app and had them
 * back. Now they are one MACed row in the vault, written with each batch's audit entry and bound to it by a
 * sequence number; a row edited, deleted or put back from an older copy is recorded and refused.
 * Everything here goes through the real Terminal and router, as the app's own main frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { fixture, KODOMO_MAPPING, listPersons, utf8 } from './helpers';

const open: TestTerminal[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

let next: { name: string; bytes: Uint8Array } | null = null;
const platform = { chooseListFile: async () => next };
const start = async (o: { dataDir?: string; fresh?: boolean; protector?: TestTerminal['protector']; policyPath?: string } = {}) => {
  const t = await startTerminal({ ...o, listCsv: fixture('list.csv'), platform });
  open.push(t);
  return t;
};
const restart = async (t: TestTerminal) => {
  await t.close();
  return start({ dataDir: t.dataDir, protector: t.protector, policyPath: t.policyPath, fresh: false });
};

const HEAD = '宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日';
const m = listPersons().find((p) => p.id === 'M0002')!;
const toM = (address: string) => [HEAD, [m.name, m.kana!, m.dob, address, '', ''].join(',')].join('\n');
const nobody = [HEAD, ['今井　蓮', 'イマイ　レン', '1980-01-01', '架空市本町1丁目1番1号', '', ''].join(',')].join('\n');
const guess = (n: number) => `架空市本町${n}丁目1番1号`;

async function mapping(t: TestTerminal): Promise<void> {
  expect((await t.login(STAFF.lead1)).ok).toBe(true);
  expect((await t.call('mailing:saveMapping', { department: 'kodomo-teate', mapping: KODOMO_MAPPING })).ok).toBe(true);
  await t.call('session:logout', {});
}

/** One batch by whoever is logged in: the first row's code, or the refusal's. */
async function batch(t: TestTerminal, csv: string): Promise<string> {
  next = { name: 'batch.csv', bytes: utf8(csv) };
  const chosen = await t.call('mailing:choose', {});
  const token = (chosen.value as { file: { token: string } }).file.token;
  const r = await t.call('mailing:check', { token, department: 'kodomo-teate' });
  if (!r.ok) return r.error!.code;
  const v = r.value as { ok: boolean; results: { code: string }[]; error?: { code: string } };
  return v.ok ? v.results[0]!.code : v.error!.code;
}

const damagedEntries = async (t: TestTerminal) =>
  (await t.ctx.leads!.services.chain.db.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'mailing.counters_damaged'")).map((r) => JSON.parse(r.detail) as { reason: string });

describe('the mailing check counters are kept in the vault (issue 21)', () => {
  it('a restart does not give a clerk a fresh hour of batches', async () => {
    let t = await start();
    await mapping(t);
    await t.login(STAFF.clerk1);
    for (let i = 0; i < 10; i++) expect(await batch(t, nobody)).toBe('OK');
    t = await restart(t);
    await t.login(STAFF.clerk1);
    expect(await batch(t, nobody)).toBe('E_MAILING_RATE');
    // Another clerk's hour is their own.
    await t.call('session:logout', {});
    await t.login(STAFF.clerk2);
    expect(await batch(t, nobody)).toBe('OK');
    expect(await damagedEntries(t)).toEqual([]);
  }, 120_000);

  it('a restart does not give anyone a fresh day of addresses for a protected person — the right one is CHECK_LIMIT', async () => {
    let t = await start();
    await mapping(t);
    await t.login(STAFF.clerk1);
    for (const n of [1, 2, 3]) expect(await batch(t, toM(guess(n)))).toBe('ADDRESS_NOT_PROTECTED');
    t = await restart(t);
    await t.login(STAFF.clerk2);
    expect(await batch(t, toM(m.address))).toBe('CHECK_LIMIT');
    // The counter row names no 管理番号 and no address: keyed tokens and times only.
    const row = await t.ctx.leads!.services.chain.db.get<{ body: string }>('SELECT body FROM mailing_counters');
    for (const v of [m.id, m.address, m.name, guess(1)]) expect(row!.body.includes(v), v).toBe(false);
  }, 120_000);

  it('a counter row edited, deleted or put back from an older copy is recorded, and the batch and the hour are refused', async () => {
    const tampers: [string, (t: TestTerminal, older: { body: string; mac: Buffer }) => Promise<void>][] = [
      ['edited', async (t) => void (await t.ctx.leads!.services.chain.db.run("UPDATE mailing_counters SET body = replace(body, '\"batches\"', '\"batchez\"')"))],
      ['deleted', async (t) => void (await t.ctx.leads!.services.chain.db.run('DELETE FROM mailing_counters'))],
      ['replaced', async (t, older) => void (await t.ctx.leads!.services.chain.db.run('UPDATE mailing_counters SET body = ?, mac = ?', [older.body, older.mac]))],
    ];
    for (const [reason, tamper] of tampers) {
      let t = await start();
      await mapping(t);
      await t.login(STAFF.clerk1);
      expect(await batch(t, nobody)).toBe('OK');
      const older = (await t.ctx.leads!.services.chain.db.get<{ body: string; mac: Buffer }>('SELECT body, mac FROM mailing_counters'))!;
      for (let i = 0; i < 9; i++) expect(await batch(t, nobody)).toBe('OK');
      await t.ctx.leads!.services.chain.drain();
      await tamper(t, older);
      t = await restart(t);
      await t.login(STAFF.clerk1);
      expect(await batch(t, nobody), reason).toBe('E_MAILING_COUNTERS_DAMAGED');
      expect((await damagedEntries(t)).map((d) => d.reason), reason).toEqual([reason]);
      // Fail closed: the lost count is taken as used up, for every staff member, and the next start keeps it so.
      await t.call('session:logout', {});
      await t.login(STAFF.clerk2);
      expect(await batch(t, nobody), reason).toBe('E_MAILING_RATE');
      t = await restart(t);
      await t.login(STAFF.clerk2);
      expect(await batch(t, nobody), reason).toBe('E_MAILING_RATE');
      await t.close();
    }
  }, 300_000);
});
