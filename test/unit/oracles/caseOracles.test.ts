/**
 * Issue 14, items 1–2: a clerk with a valid login and the real router tries to learn an address, a birth date
 * or a 管理番号 by trying inputs. Every answer must be one the case earned by a match.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CaseService, type ProtectedLookup } from '../../../electron/core/cases/caseService';
import type { MatchOutcome } from '../../../electron/core/matching';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { buildMonthlyReport } from '../../../electron/core/review/report';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { testNow } from '../../clock';
import { jstMonth } from '../../../electron/core/audit/time';

const D0001 = { id: 'D0001', name: '伊藤　蒼', dob: '1970-02-05', place: '神奈川県中郡二宮町富士見が丘', chome: 5, ban: 5 };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type View = any;

let t: TestTerminal | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function clerkCase(form = 'tenseki'): Promise<{ t: TestTerminal; caseId: string; slot: string }> {
  t ??= await startTerminal();
  expect((await t.login(STAFF.clerk1)).ok).toBe(true);
  const v = (await t.call('case:open', { form, channel: 'counter' })).value as View;
  return { t, caseId: v.caseId, slot: v.persons[0].slot };
}

const idsIn = (tt: TestTerminal, from = 0) => tt.log.slice(from).filter((e) => /D\d{4}/.test(JSON.stringify(e.response))).map((e) => e.channel);

describe('the new-本籍 lot check is no address oracle', () => {
  it('a lot typed in a case with no matched person raises nothing and names nobody', async () => {
    const { t: tt, caseId } = await clerkCase();
    const v = (await tt.call('case:setNewHonseki', { caseId, text: `${D0001.place}${D0001.chome}丁目${D0001.ban}番地` })).value as View;
    expect(v.warnings.filter((w: { kind: string }) => w.kind === 'newHonsekiLot')).toEqual([]);
    expect(idsIn(tt)).toEqual([]);
  });

  it('for a person matched in this case it answers a flag, never ids, and a walk over the lots is stopped', async () => {
    const { t: tt, caseId, slot } = await clerkCase();
    const matched = (await tt.call('case:updatePerson', { caseId, slot, input: { name: D0001.name, dob: D0001.dob } })).value as View;
    expect(matched.persons[0].recordIds).toEqual([D0001.id]);
    const from = tt.log.length;
    const hit = (await tt.call('case:setNewHonseki', { caseId, text: `${D0001.place}${D0001.chome}丁目${D0001.ban}番地` })).value as View;
    const flag = hit.warnings.find((w: { kind: string }) => w.kind === 'newHonsekiLot');
    expect(flag).toMatchObject({ needsLead: true, recordIds: [] });
    expect(JSON.stringify(flag)).not.toContain(D0001.id);
    // Walking 番 after 番: the case answers a few tries, then refuses with a code and calls the lead.
    const codes: string[] = [];
    for (let ban = 1; ban <= 30; ban++) {
      const r = await tt.call('case:setNewHonseki', { caseId, text: `${D0001.place}${D0001.chome}丁目${ban}番地` });
      codes.push(r.ok ? 'ok' : r.error!.code);
    }
    expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(6);
    expect(codes.at(-1)).toBe('E_CASE_LOOKUP_LIMIT');
    // Only the matched person's own id ever appeared, and only where the match earned it.
    expect(tt.log.slice(from).every((e) => !JSON.stringify(e.response).includes('D0002'))).toBe(true);
  });
});

describe('a name alone earns a masked card, not a 管理番号', () => {
  it('possible shows the masked card with no id, no count, no period state', async () => {
    const { t: tt, caseId, slot } = await clerkCase('juminhyo');
    const from = tt.log.length;
    const v = (await tt.call('case:updatePerson', { caseId, slot, input: { name: D0001.name } })).value as View;
    const p = v.persons[0];
    expect(p.decision).toBe('possible');
    expect(p.protected).toBe(true);
    expect(p.fields.address).toEqual({ masked: true, placeholder: '●●●●' });
    expect(p.recordIds).toEqual([]);
    expect(p.expiry).toEqual([]);
    expect(idsIn(tt, from)).toEqual([]);
  });

  it('one candidate and two candidates look exactly the same to the renderer', () => {
    const lookup = (ids: string[]): ProtectedLookup => ({
      match: () => ({ decision: 'possible', ids, aitekataOf: [], reasons: [], matchedKeys: ids.map((id) => ({ id, keys: ['name'] })) }) as MatchOutcome,
      matchLot: () => [],
      person: async () => ({ expiry: 'active', state: '本措置' }),
    });
    const viewWith = async (ids: string[]) => {
      const cs = new CaseService({ lookup: () => lookup(ids), audit: { append: async () => undefined }, auth: { verifyPin: async () => ({ ok: false, error: { code: 'E_PIN_WRONG', ja: '', en: '' } }) }, clock: () => new Date(0), maskedFields: () => DEFAULT_MASKED_FIELDS, newId: () => 'case1' });
      const v = await cs.open('juminhyo', 'C001');
      return cs.updatePerson(v.caseId, v.persons[0]!.slot, { name: '同姓　同名' });
    };
    return Promise.all([viewWith(['D0001']), viewWith(['D0001', 'D0002'])]).then(([one, two]) => expect(JSON.stringify(two)).toBe(JSON.stringify(one)));
  });
});

describe('every lookup is counted, limited and reviewed', () => {
  it('walking birth dates on a name is stopped after a few tries, and the counts reach the audit and the review', async () => {
    const { t: tt, caseId, slot } = await clerkCase('juminhyo');
    await tt.call('case:updatePerson', { caseId, slot, input: { name: D0001.name } });
    const codes: string[] = [];
    for (let day = 1; day <= 28; day++) {
      const r = await tt.call('case:updatePerson', { caseId, slot, input: { dob: `1970-02-${String(day).padStart(2, '0')}` } });
      codes.push(r.ok ? (r.value as View).persons[0].decision : r.error!.code);
    }
    // Day 5 is the right one; it must not be reachable by walking — the walk stops before it.
    expect(codes).not.toContain('match');
    expect(codes.at(-1)).toBe('E_CASE_LOOKUP_LIMIT');
    const refused = tt.log.at(-1)!.response as { error: { ja: string; en: string } };
    expect(refused.error.ja).toMatch(/班長/);
    await tt.call('case:close', { caseId });
    const chain = tt.ctx.leads!.services.chain;
    await chain.drain();
    const rows = await chain.db.all<{ action: string; detail: string; actors: string }>("SELECT action, detail, actors FROM audit_log WHERE action IN ('case.closed','lookup.limit_reached')");
    const closed = rows.find((r) => r.action === 'case.closed')!;
    expect(JSON.parse(closed.detail)).toMatchObject({ matches: expect.any(Number), dobTries: expect.any(Number) });
    expect(JSON.parse(closed.detail).matches).toBeGreaterThanOrEqual(6);
    expect(rows.some((r) => r.action === 'lookup.limit_reached')).toBe(true);
    const report = await buildMonthlyReport(chain.db, jstMonth(testNow()), { outlierMinimum: 5 });
    expect(report.counts.lookups).toBeGreaterThanOrEqual(6);
  });

  it('typing the date first and the name after (or clearing and retyping the name) is counted as a date try too', async () => {
    const { t: tt, caseId, slot } = await clerkCase('juminhyo');
    const codes: string[] = [];
    for (let day = 1; day <= 28 && codes.at(-1) !== 'E_CASE_LOOKUP_LIMIT'; day++) {
      // The name is cleared, the next date typed, then the name again: each date is still one try.
      await tt.call('case:updatePerson', { caseId, slot, input: { name: '' } });
      await tt.call('case:updatePerson', { caseId, slot, input: { dob: `1970-02-${String(day).padStart(2, '0')}` } });
      const r = await tt.call('case:updatePerson', { caseId, slot, input: { name: D0001.name } });
      codes.push(r.ok ? (r.value as View).persons[0].decision : r.error!.code);
    }
    expect(codes).not.toContain('match');
    expect(codes.at(-1)).toBe('E_CASE_LOOKUP_LIMIT');
    expect(codes.length).toBeLessThanOrEqual(5);
  });

  it('the per-staff limit holds across cases', async () => {
    const { t: tt } = await clerkCase('juminhyo');
    let refused = '';
    for (let c = 0; c < 12 && !refused; c++) {
      const v = (await tt.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as View;
      await tt.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: { name: D0001.name } });
      for (let day = 10; day < 14 && !refused; day++) {
        const r = await tt.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: { dob: `1970-03-${day}` } });
        if (!r.ok) refused = r.error!.code;
      }
      await tt.call('case:close', { caseId: v.caseId });
    }
    expect(refused).toBe('E_CASE_LOOKUP_LIMIT');
  });
});
