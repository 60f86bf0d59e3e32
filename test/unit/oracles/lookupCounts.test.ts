/**
 * Issue 14: the per-staff lookup limit survives a restart. A clerk who used up an hour's birth-date tries got
 * a fresh hour by restarting the app (the window was in memory), and a case the app never closed (a crash)
 * never reached the audit log with its counts. The counts now live in the vault, MACed, checked against the
 * audit chain: a reset outside the app is a recorded break, like the lockout counters.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../../electron/core/review/report';
import { jstMonth } from '../../../electron/core/audit/time';
import { LOCK_FILE } from '../../../electron/core/vault/lock';
import { STAFF } from '../../fakes/core';
import type { TestTerminal } from '../../fakes/terminal';
import { dateWalk, terminalsClosedAfterEach } from './helpers';
import { testNow } from '../../clock';
import { tempDir } from '../vault/helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type V = any;
const start = terminalsClosedAfterEach();
const restart = async (t: TestTerminal, dataDir = t.dataDir) => {
  if (dataDir === t.dataDir) await t.close();
  return start({ dataDir, protector: t.protector, policyPath: t.policyPath, fresh: false });
};


/** The folder as a crash leaves it (cases still open, no case.closed), beside the running terminal's. */
const crashCopy = (t: TestTerminal): string => {
  const to = join(tempDir('cs-crash-'), 'data');
  cpSync(t.dataDir, to, { recursive: true, filter: (src) => !src.endsWith(LOCK_FILE) });
  return to;
};

const brokenKinds = async (t: TestTerminal): Promise<string[]> => {
  await t.login(STAFF.lead1);
  const o = (await t.call('leads:overview', {})).value as V;
  await t.call('session:logout', {});
  return o.brokenChain ? [o.brokenChain.first.kind] : [];
};

describe('lookup counts are kept in the vault (issue 14)', () => {
  it('a restart does not give a clerk a fresh hour of birth-date tries', async () => {
    let t = await start();
    const before = await dateWalk(t, 12);
    expect(before.every((c) => c === 'ok')).toBe(true);
    t = await restart(t);
    const after = await dateWalk(t, 1);
    expect(after).toEqual(['E_CASE_LOOKUP_LIMIT']);
    expect(await brokenKinds(t)).toEqual([]);
  }, 120_000);

  it('a case the app never closed (a crash) is closed at the next start with its counts, which the review counts', async () => {
    const t = await start();
    await dateWalk(t, 4, { close: false });
    await t.ctx.leads!.services.chain.drain();
    const t2 = await restart(t, crashCopy(t));
    const chain = t2.ctx.leads!.services.chain;
    await chain.drain();
    const closed = await chain.db.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'case.closed'");
    expect(closed.map((r) => JSON.parse(r.detail))).toEqual([expect.objectContaining({ interrupted: true, dobTries: 4, matches: 5 })]);
    const report = await buildMonthlyReport(chain.db, jstMonth(testNow()), { outlierMinimum: 1 });
    expect(report.counts.lookups).toBeGreaterThanOrEqual(4);
    // And the clerk's hour is still the one they used.
    expect(await dateWalk(t2, 9)).toEqual([...Array(8).fill('ok'), 'E_CASE_LOOKUP_LIMIT']);
    // A crash is no tampering: the case's row was there, so nothing is recorded as a break.
    expect(await brokenKinds(t2)).toEqual([]);
  }, 120_000);

  it('counts edited or deleted outside the app are a recorded break, and the clerk stays refused', async () => {
    const sqls = ["UPDATE lookup_counts SET body = '{}' WHERE scope = 'staff'", "DELETE FROM lookup_counts WHERE scope = 'staff'", "DELETE FROM lookup_counts WHERE scope = 'case'"];
    for (const sql of sqls) {
      let t = await start();
      // The walk's case stays open: a clean restart closes it, a crash copy keeps it open with no case.closed.
      await dateWalk(t, 4);
      await t.ctx.leads!.services.chain.drain();
      await t.ctx.leads!.services.chain.db.run(sql);
      t = sql.includes("'case'") ? await restart(t, crashCopy(t)) : await restart(t);
      expect(await brokenKinds(t), sql).toEqual(['lookup-counts-reset']);
      expect(await dateWalk(t, 1), sql).toEqual(['E_CASE_LOOKUP_LIMIT']);
      await t.close();
    }
  }, 240_000);
});
