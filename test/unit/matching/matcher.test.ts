import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../../electron/core/matching';

function person(id: string, over: Partial<ProtectedPerson>): ProtectedPerson {
  return {
    id, name: '', formerSurnames: [], dob: '', address: '秘匿住所', state: '本措置',
    startDate: '2025-04-01', endDate: '2026-03-31', aitekata: [], ...over,
  };
}

const LIST: ProtectedPerson[] = [
  person('P1', { name: '髙橋　浩', kana: 'タカハシ　ヒロシ', dob: '1985-01-02', formerSurnames: ['渡邊'] }),
  person('P2', { name: '山﨑　京子', kana: 'ヤマサキ　キョウコ', dob: '1972-02-07', aitekata: [{ name: '山崎 剛', kana: 'ヤマサキ ツヨシ', dob: '1970-05-05' }] }),
  person('P3', { name: '佐藤　〓子', kana: 'サトウ　ヨシコ', dob: '1990-10-10' }),
  person('P4', { name: '鈴木　一郎', kana: 'スズキ　イチロウ', dob: '1960-03-03', aitekata: [{ name: '田中 太', kana: '' }] }),
];
const keyer = createHmacKeyer(randomBytes(32));
const m = Matcher.build(LIST, keyer);
const q = (query: MatchQuery) => m.query(query);

describe('Matcher decisions', () => {
  it('finds a register variant kanji when the standard form is typed, with the date in 和暦', () => {
    expect(q({ name: '高橋浩', dob: '昭和60年1月2日' })).toMatchObject({ decision: 'match', ids: ['P1'] });
    expect(q({ name: '山崎 京子', dob: 'S47.2.7' })).toMatchObject({ decision: 'match', ids: ['P2'] });
  });

  it('finds a person under a former surname with the given name', () => {
    const r = q({ name: '渡辺　浩', dob: '1985/1/2' });
    expect(r).toMatchObject({ decision: 'match', ids: ['P1'] });
    expect(r.matchedKeys).toEqual([{ id: 'P1', keys: ['dob', 'formerName'] }]);
  });

  it('flags a reading and date that agree while the kanji was mis-converted (浩/宏)', () => {
    const r = q({ name: '高橋宏', kana: 'たかはし ひろし', dob: '19850102' });
    expect(r.decision).not.toBe('none');
    expect(r.ids).toEqual(['P1']);
    expect(r.matchedKeys[0]!.keys).toEqual(['dob', 'kana']);
  });

  it('treats a name without a birth date as a possible match', () => {
    expect(q({ name: '髙橋浩' })).toMatchObject({ decision: 'possible', ids: ['P1'] });
    expect(q({ kana: 'ﾀｶﾊｼﾋﾛｼ' })).toMatchObject({ decision: 'possible', ids: ['P1'] });
  });

  it('never matches on the birth date or the surname alone', () => {
    expect(q({ dob: '1985-01-02' }).decision).toBe('none');
    expect(q({ name: '高橋 花子', dob: '1985-01-02' }).decision).toBe('none');
    expect(q({ name: '高橋浩', dob: '2001-01-01' }).decision).toBe('none');
  });

  it('ignores an unparsable birth date instead of throwing, and still flags the name', () => {
    expect(q({ name: '高橋浩', dob: '昭和65年1月1日' })).toMatchObject({ decision: 'possible', ids: ['P1'] });
    expect(q({ name: '', kana: '', dob: '???' }).decision).toBe('none');
  });

  it('reports an applicant who is a registered 相手方, and only for role applicant', () => {
    expect(q({ role: 'applicant', name: '山崎剛' })).toMatchObject({ decision: 'possible', ids: [], aitekataOf: ['P2'] });
    expect(q({ role: 'applicant', name: '山﨑 剛', dob: '1970/5/5' })).toMatchObject({ decision: 'match', aitekataOf: ['P2'] });
    expect(q({ name: '山崎剛' })).toMatchObject({ decision: 'none', aitekataOf: [] });
    expect(q({ role: 'applicant', name: '田中太', dob: '1999-09-09' })).toMatchObject({ decision: 'possible', aitekataOf: ['P4'] });
  });

  it('does not let an unencodable register character (〓) cause a miss', () => {
    expect(q({ name: '佐藤良子', dob: '1990-10-10' })).toMatchObject({ decision: 'match', ids: ['P3'] });
  });

  it('does not let an unencodable typed character cause a miss', () => {
    expect(q({ name: '鈴木〓郎', dob: '1960-03-03' })).toMatchObject({ decision: 'match', ids: ['P4'] });
    expect(q({ name: '\uE123橋浩' })).toMatchObject({ decision: 'possible', ids: ['P1'] });
  });
});

describe('Matcher index', () => {
  it('gives the same outcomes after serialize → deserialize', () => {
    const bytes = m.serialize();
    const again = Matcher.deserialize(bytes, keyer);
    expect(again.size).toBe(LIST.length);
    for (const query of [{ name: '高橋浩', dob: 'S60.1.2' }, { role: 'applicant' as const, name: '山崎剛' }, { name: '佐藤良子' }]) {
      expect(again.query(query)).toEqual(m.query(query));
    }
  });

  it('holds no name, reading or birth date in the clear', () => {
    const text = Buffer.from(m.serialize()).toString('latin1');
    for (const p of LIST) {
      for (const v of [p.name, p.kana ?? '', p.dob, '髙橋', '高橋', 'タカハシ', '1985', '19850102']) {
        if (v) expect(text.includes(Buffer.from(v, 'utf8').toString('latin1'))).toBe(false);
      }
    }
  });

  it('is useless with another key', () => {
    const other = Matcher.deserialize(m.serialize(), createHmacKeyer(randomBytes(32)));
    expect(other.query({ name: '高橋浩', dob: '1985-01-02' }).decision).toBe('none');
  });

  it('refuses a corrupt blob', () => {
    const bytes = m.serialize();
    expect(() => Matcher.deserialize(bytes.subarray(0, bytes.length - 3), keyer)).toThrow(/E_MATCH_INDEX_CORRUPT/);
  });
});

const toHalfWidthKana = (s: string) => s.normalize('NFKC').replace(/[ァ-ヶー]/g, (c) => HALF[c] ?? c);
const HALF: Record<string, string> = Object.fromEntries(
  [...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー'].map((c, i) => [c, [...'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｰ'][i]!]),
);
const toHiragana = (s: string) => s.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const toFullWidthDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('typing habits never change a decision', () => {
  it('spacing, width and kana form of the query', () => {
    const base: MatchQuery[] = [
      { name: '高橋浩', kana: 'タカハシヒロシ', dob: '1985-01-02' },
      { name: '山崎京子', kana: 'ヤマサキキョウコ' },
      { kana: 'スズキイチロウ', dob: '1960-03-03' },
      { name: '高橋花子', kana: 'タカハシハナコ', dob: '1985-01-02' },
      { role: 'applicant', name: '山崎剛', kana: 'ヤマサキツヨシ' },
    ];
    const spaces = fc.constantFrom('', ' ', '　', '  ', '\t');
    fc.assert(
      fc.property(fc.constantFrom(...base), spaces, spaces, fc.constantFrom('kata', 'hira', 'half', 'nfd'), fc.boolean(), (b, s1, s2, form, wide) => {
        const kanaForm = (k: string) =>
          form === 'hira' ? toHiragana(k) : form === 'half' ? toHalfWidthKana(k) : form === 'nfd' ? k.normalize('NFD') : k;
        const v: MatchQuery = { ...b };
        if (b.name) v.name = s1 + [...b.name].join(s2) + s1;
        if (b.kana) v.kana = s2 + kanaForm(b.kana).split('').join(s1 === '\t' ? '' : s1);
        if (b.dob && wide) v.dob = toFullWidthDigits(b.dob);
        const want = m.query(b);
        const got = m.query(v);
        expect(got.decision).toBe(want.decision);
        expect(got.ids).toEqual(want.ids);
        expect(got.aitekataOf).toEqual(want.aitekataOf);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.record({ name: fc.string(), kana: fc.string(), dob: fc.string() }, { requiredKeys: [] }), (query) => {
        expect(() => m.query(query)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
