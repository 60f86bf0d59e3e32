/** What the oracle tests share: terminals closed after each test, and the birth-date walk a prober at the counter makes. */
import { afterEach, expect } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type V = any;

/** A `start` whose terminals are all closed after each test (call at the top of the file, once). */
export function terminalsClosedAfterEach(): (o?: Parameters<typeof startTerminal>[0]) => Promise<TestTerminal> {
  const open: TestTerminal[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  return async (o = {}) => {
    const t = await startTerminal(o);
    open.push(t);
    return t;
  };
}

/**
 * Birth dates tried on a name with candidates by clerk1, one new case each 4 tries (the per-case limit); the code of
 * each try. `from` numbers the dates on (so a walk continued after a restart tries new ones); `close: false` leaves
 * each case open, as a crash does.
 */
export async function dateWalk(t: TestTerminal, tries: number, o: { from?: number; close?: boolean } = {}): Promise<string[]> {
  const from = o.from ?? 0;
  expect((await t.login(STAFF.clerk1)).ok).toBe(true);
  const codes: string[] = [];
  let c: V = null;
  for (let i = from; i < from + tries; i++) {
    if ((i - from) % 4 === 0) {
      if (c && o.close !== false) await t.call('case:close', { caseId: c.caseId });
      c = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value;
      const named = await t.call('case:updatePerson', { caseId: c.caseId, slot: c.persons[0].slot, input: { name: '伊藤　蒼' } });
      // An hour used up refuses the name itself (every match is counted): that is the answer to this try.
      if (!named.ok) {
        codes.push(named.error!.code);
        continue;
      }
    }
    const r = await t.call('case:updatePerson', { caseId: c.caseId, slot: c.persons[0].slot, input: { dob: `1971-0${1 + (i % 4)}-1${Math.floor(i / 4)}` } });
    codes.push(r.ok ? 'ok' : r.error!.code);
  }
  return codes;
}
