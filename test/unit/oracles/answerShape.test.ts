/**
 * Issue 14: the shape of an answer is an oracle too. A clerk varies what they type — a name with one protected
 * person or with two (同姓同名), a birth date one slip away, a reading one voiced mark away, a 相手方 of one
 * victim or of two — and compares what comes back through the real router: keys, order, sizes. For what the
 * case has not earned by a match, every answer must be the same "possible, and this card is masked".
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CSV, STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';

// Two persons named 伊藤　蒼 (D0001 and a second one), and 伊藤翔太 the 相手方 of both.
const extra = [
  'D0901,6202712999,伊藤　蒼,イトウ　アオイ,,1985-07-19,女,神奈川県中郡二宮町山西1丁目1番1号,,神奈川県中郡二宮町山西1番地,DV,本措置,2025-06-17,2026-06-16,伊藤翔太,イトウ ショウタ,,,,,',
];
const list = Buffer.from(`${readFileSync(SAMPLE_CSV, 'utf8').trimEnd()}\r\n${extra.join('\r\n')}\r\n`, 'utf8');

let t: TestTerminal;
beforeAll(async () => {
  t = await startTerminal({ listCsv: list });
  expect((await t.login(STAFF.clerk1)).ok).toBe(true);
}, 60_000);
afterAll(async () => t?.close());

type Json = Record<string, unknown>;
const ECHOES = new Set(['name', 'kana', 'dob', 'dobDisplay', 'dobError']);

/** One fresh case per try; the answer with what the clerk typed (echoes) and the case's own ids taken out. */
async function answer(role: 'applicant' | 'subject', input: Json): Promise<{ decision: string; shape: string }> {
  const opened = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as { caseId: string; applicant: { slot: string }; persons: { slot: string }[] };
  const slot = role === 'applicant' ? opened.applicant.slot : opened.persons[0]!.slot;
  const r = await t.call('case:updatePerson', { caseId: opened.caseId, slot, input });
  await t.call('case:close', { caseId: opened.caseId });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const slots = [opened.applicant.slot, ...opened.persons.map((p) => p.slot)];
  const shape = JSON.stringify(r, (k, v: unknown) => (ECHOES.has(k) ? undefined : v))
    .replaceAll(opened.caseId, '<case>')
    .replace(new RegExp(slots.join('|'), 'g'), (s) => `<slot${slots.indexOf(s)}>`);
  const v = r.value as { persons: { decision: string }[]; applicant: { decision: string } };
  return { decision: (role === 'applicant' ? v.applicant : v.persons[0]!).decision, shape };
}

describe('an answer not earned by a match says "possible, masked" and nothing more', () => {
  it('one candidate or two, a date slip, a reading slip: the same bytes in the same order', async () => {
    const tries: [string, Json][] = [
      ['a name with one protected person', { name: '松本　吉男' }],
      ['a name with two protected persons', { name: '伊藤　蒼' }],
      ['a name with two, and a birth date one slip from one of them (day and month swapped)', { name: '伊藤　蒼', dob: '1970-05-02' }],
      ['a reading one voiced mark away, with the right birth date', { kana: 'マツモト　ヨジオ', dob: '1939-03-02' }],
      ['a name with one, and a birth date one digit off', { name: '松本　吉男', dob: '1939-03-03' }],
    ];
    const answers = [];
    for (const [why, input] of tries) answers.push({ why, ...(await answer('subject', input)) });
    for (const a of answers) expect(a.decision, a.why).toBe('possible');
    const first = answers[0]!;
    for (const a of answers.slice(1)) {
      expect(a.shape.length, a.why).toBe(first.shape.length);
      expect(a.shape, a.why).toBe(first.shape);
    }
    // Nothing in any of them is a 管理番号.
    for (const a of answers) expect(a.shape, a.why).not.toMatch(/D\d{4}/);
  });

  it('the 相手方 of one protected person or of two: the same stopped case', async () => {
    const one = await answer('applicant', { name: '松本千尋' });
    const two = await answer('applicant', { name: '伊藤翔太' });
    expect(one.shape).toContain('"kind":"aitekata"');
    expect(two.shape).toBe(one.shape);
    expect(two.shape).not.toMatch(/D\d{4}/);
  });

  it('a match earns its own 管理番号 and nothing about the other person of the same name', async () => {
    const m = await answer('subject', { name: '伊藤　蒼', dob: '1970-02-05' });
    expect(m.decision).toBe('match');
    expect(m.shape).toContain('D0001');
    expect(m.shape).not.toContain('D0901');
  });
});
