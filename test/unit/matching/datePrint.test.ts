/**
 * The index keeps 16 bits of each subject's date token beside every posting (tokenIndex.ts `postDob`) so a
 * dated lookup can pass over other birth dates without reading the subject table. The print must only ever
 * save a read: these tests make every date's print collide and check that no decision moves, and that the
 * postings a query passes over are only those that could not have counted.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { Matcher, createHmacKeyer, type MatchQuery, type TokenKeyer } from '../../../electron/core/matching';

function person(id: string, over: Partial<ProtectedPerson>): ProtectedPerson {
  return {
    id, name: '', formerSurnames: [], dob: '', address: '秘匿住所', state: '本措置',
    startDate: '2025-04-01', endDate: '2026-03-31', aitekata: [], ...over,
  };
}

/** Same-named persons a day and a digit swap apart, decades apart, one without a date, and a 相手方 of the same name. */
const LIST: ProtectedPerson[] = [
  person('A1', { name: '渡辺　京子', kana: 'ワタナベ　キョウコ', dob: '1975-05-05' }),
  person('A2', { name: '渡辺　京子', kana: 'ワタナベ　キョウコ', dob: '1975-05-06' }),
  person('A3', { name: '渡邊　京子', kana: 'ワタナベ　キョウコ', dob: '1957-05-05' }),
  person('A4', { name: '渡辺　京子', kana: 'ワタナベ　キョウコ' }),
  person('A5', { name: '渡辺　恭子', kana: 'ワタナベ　キョウコ', dob: '2001-11-30' }),
  person('A6', { name: '佐藤　〓子', kana: 'サトウ　キョウコ', dob: '1975-05-05' }),
  person('A7', { name: '鈴木　一郎', kana: 'スズキ　イチロウ', dob: '1960-03-03', aitekata: [{ name: '渡辺 京子', kana: 'ワタナベ キョウコ', dob: '1975-05-05' }] }),
];

const QUERIES: MatchQuery[] = [
  { name: '渡辺京子', dob: '1975-05-05' },
  { kana: 'わたなべ きょうこ', dob: '昭和50年5月5日' },
  { name: '渡辺京子', kana: 'ワタナベキョウコ', dob: '1975-05-05' },
  { name: '渡辺恭子', kana: 'ワタナベキョウコ', dob: '1975-05-05' },
  { name: '渡辺京子', kana: 'ワタナベキョウコ', dob: '1999-09-09' },
  { name: '渡辺京子', dob: '1999-09-09' },
  { kana: 'ワタナヘキョウコ', dob: '1975-05-06' },
  { name: '佐藤〓子', dob: '1975-05-05' },
  { name: '〓藤京子', dob: '1975-05-05' },
  { name: '渡辺京子' },
  { role: 'applicant', name: '渡辺京子', dob: '1975-05-05' },
  { role: 'applicant', kana: 'ワタナベキョウコ', dob: 'S50.5.6' },
];

/** The same keyer, except that every date token's low 16 bits — its print — are one value. */
function collidingPrints(k: TokenKeyer): TokenKeyer {
  const out = ((index: string, key: string) => k(index, key)) as TokenKeyer;
  out.dates = (d) => {
    const t = Uint8Array.from(k.dates(d));
    for (let i = 0; i < t.length; i += 16) [t[i + 6], t[i + 7]] = [0x5a, 0xa5];
    return t;
  };
  return out;
}

describe('the date print beside each posting', () => {
  const key = randomBytes(32);
  const plain = Matcher.build(LIST, createHmacKeyer(key));
  const colliding = Matcher.build(LIST, collidingPrints(createHmacKeyer(key)));

  it('never decides: with every print colliding, every outcome is the same', () => {
    for (const q of QUERIES) expect(colliding.query(q), JSON.stringify(q)).toEqual(plain.query(q));
  });

  it('passes over only what could not count: the same name with another date and the reading too is still possible', () => {
    expect(plain.query({ name: '渡辺京子', kana: 'ワタナベキョウコ', dob: '1999-09-09' })).toMatchObject({ decision: 'possible', ids: ['A1', 'A2', 'A3', 'A4'] });
    expect(plain.query({ name: '渡辺京子', dob: '1999-09-09' })).toMatchObject({ decision: 'possible', ids: ['A4'] });
    // A2 is a day away (a typo) and A3 has two neighbouring digits swapped (1957): slips, so possible.
    const r = plain.query({ name: '渡辺京子', dob: '1975-05-05' });
    expect(r).toMatchObject({ decision: 'match', ids: ['A1', 'A2', 'A3', 'A4'] });
    expect(r.matchedKeys.find((k) => k.id === 'A3')?.keys).toContain('dobNear');
    expect(plain.query({ name: '渡辺京子', dob: '1975-05-05' }).aitekataOf).toEqual([]);
    expect(plain.query({ role: 'applicant', name: '渡辺京子', dob: '1975-05-05' }).aitekataOf).toEqual(['A7']);
  });
});
