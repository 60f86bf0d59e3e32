/**
 * Issue 20: the mistakes hurried clerks really make, and foreign residents — on a generated list and generated
 * queries of each kind (seeded, so a failure names the same query every run), not the shared fixtures.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { dateSlips, formatWareki, parseDateDetail } from '../../../shared/text/date';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../../electron/core/matching';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SURNAMES: Array<[string, string]> = [
  ['髙橋', 'タカハシ'], ['渡邊', 'ワタナベ'], ['山﨑', 'ヤマザキ'], ['濱田', 'ハマダ'], ['斎藤', 'サイトウ'], ['小林', 'コバヤシ'],
  ['長谷川', 'ハセガワ'], ['國分', 'コクブン'], ['島田', 'シマダ'], ['藤田', 'フジタ'], ['松本', 'マツモト'], ['吉川', 'ヨシカワ'],
];
const GIVEN: Array<[string, string]> = [
  ['浩', 'ヒロシ'], ['京子', 'キョウコ'], ['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['直美', 'ナオミ'], ['大輔', 'ダイスケ'],
  ['美咲', 'ミサキ'], ['拓也', 'タクヤ'], ['千尋', 'チヒロ'], ['健太', 'ケンタ'], ['由美', 'ユミ'], ['智子', 'トモコ'],
];
const FOREIGN: Array<[string, string]> = [
  ['NGUYEN VAN ANH', 'グエン　ヴァン　アイン'], ['SANTOS MARIA', 'サントス　マリア'], ['KIM MIN JUN', 'キム　ミン　ジュン'],
  ['OLIVEIRA ANA', 'オリヴェイラ　アナ'], ['TRAN THI HOA', 'チャン　ティ　ホア'], ['GARCIA JOSE', 'ガルシア　ホセ'],
];

function person(id: string, over: Partial<ProtectedPerson>): ProtectedPerson {
  return { id, name: '', formerSurnames: [], dob: '', address: '秘匿住所', state: '本措置', startDate: '2025-04-01', endDate: '2026-03-31', aitekata: [], ...over };
}

/** Distinct (name, date) persons with dates far apart enough that one person's slips never reach another's. */
function synthList(n: number, seed: number): ProtectedPerson[] {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const used = new Set<string>();
  const out: ProtectedPerson[] = [];
  while (out.length < n) {
    const [s, sk] = pick(SURNAMES);
    const [g, gk] = pick(GIVEN);
    if (used.has(s + g)) continue;
    used.add(s + g);
    const dob = new Date(Date.UTC(1935, 0, 1) + Math.floor(r() * 70 * 365) * 86_400_000).toISOString().slice(0, 10);
    const a = r() < 0.5 ? [{ name: `${pick(SURNAMES)[0]} ${pick(GIVEN)[0]}`, kana: `${pick(SURNAMES)[1]} ${pick(GIVEN)[1]}`, dob: '1960-06-15' }] : [];
    out.push(person(`G${out.length}`, { name: `${s}　${g}`, kana: `${sk}　${gk}`, dob, aitekata: a }));
  }
  return out;
}

const keyer = createHmacKeyer(randomBytes(32));
const LIST = synthList(60, 20);
const m = Matcher.build(LIST, keyer);

const FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー';
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ';
/** Half-width katakana as a keyboard in 半角 mode gives it: ガ → ｶﾞ. */
const toHalf = (s: string) =>
  [...s.normalize('NFD')].map((c) => (c === '\u3099' ? 'ﾞ' : c === '\u309A' ? 'ﾟ' : c === '　' ? ' ' : FULL.includes(c) ? HALF[FULL.indexOf(c)]! : c)).join('');
const hira = (s: string) => s.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const found = (q: MatchQuery, id: string) => {
  const r = m.query(q);
  return r.decision !== 'none' && r.ids.includes(id);
};

describe('a reading typed into the name field counts as a reading', () => {
  it('finds every person by their reading in the name field with the date, in katakana, hiragana or half-width', () => {
    for (const p of LIST) {
      for (const name of [p.kana!, hira(p.kana!), toHalf(p.kana!)]) {
        expect(name === p.kana! || !name.includes(p.kana!.slice(0, 2))).toBe(true);
        expect(m.query({ name, dob: p.dob })).toMatchObject({ decision: 'match' });
        expect(found({ name, dob: p.dob }, p.id)).toBe(true);
      }
    }
  });

  it('does not flag a reading nobody on the list has', () => {
    expect(m.query({ name: 'ヤマダ　タロウ', dob: LIST[0]!.dob }).decision).toBe('none');
  });

  it('finds a 相手方 whose reading the applicant wrote in the name field', () => {
    const p = LIST.find((x) => x.aitekata.length > 0)!;
    const r = m.query({ role: 'applicant', name: p.aitekata[0]!.kana!, dob: '昭和35年6月15日' });
    expect(r.decision).toBe('match');
    expect(r.aitekataOf).toContain(p.id);
  });
});

describe('a birth date one slip away', () => {
  const slipsOf = (iso: string) => {
    const [y, mo, d] = iso.split('-');
    const digits = `${y}${mo}${d}`;
    const sub = `${digits.slice(0, 7)}${(Number(digits[7]) + 1) % 10}`;
    const swap = digits[6] !== digits[7] ? `${digits.slice(0, 6)}${digits[7]}${digits[6]}` : sub;
    return [sub, swap, `${y}-${d}-${mo}`].map((s) => (s.includes('-') ? s : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`));
  };

  it('is possible with the exact name or reading: a typo, two digits swapped, day and month swapped', () => {
    let tried = 0;
    for (const p of LIST) {
      for (const slip of slipsOf(p.dob)) {
        if (!parseDateDetail(slip).ok || slip === p.dob) continue;
        tried++;
        for (const q of [{ name: p.name, dob: slip }, { kana: p.kana!, dob: slip }, { name: p.kana!, dob: slip }]) {
          const r = m.query(q);
          expect(r.decision, `${JSON.stringify(q)} for ${p.dob}`).toBe('possible');
          expect(r.ids).toContain(p.id);
          expect(r.reasons).toEqual(['dobPartial']);
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
  });

  it('is possible when the right era year was typed under the wrong era (昭和15年 as 平成15年)', () => {
    let tried = 0;
    for (const p of LIST) {
      const w = formatWareki(p.dob);
      for (const era of ['明治', '大正', '昭和', '平成', '令和']) {
        const typed = era + w.slice(2);
        if (typed === w || !parseDateDetail(typed).ok) continue;
        tried++;
        expect(m.query({ name: p.name, dob: typed })).toMatchObject({ decision: 'possible', reasons: ['dobPartial'] });
      }
    }
    expect(tried).toBeGreaterThan(20);
  });

  it('is none for the same name with a date that is no such slip (another person)', () => {
    const r = rng(7);
    let tried = 0;
    for (const p of LIST) {
      for (let k = 0; k < 5; k++) {
        const other = new Date(Date.UTC(1935, 0, 1) + Math.floor(r() * 70 * 365) * 86_400_000).toISOString().slice(0, 10);
        const parsed = parseDateDetail(other);
        if (!parsed.ok || other === p.dob || dateSlips(parsed).includes(p.dob)) continue;
        tried++;
        expect(m.query({ name: p.name, dob: other }).decision).toBe('none');
        expect(m.query({ kana: p.kana!, dob: other }).decision).toBe('none');
      }
    }
    expect(tried).toBeGreaterThan(200);
  });

  it('never says which digit or which kind of slip it was', () => {
    const p = LIST[0]!;
    const outcomes = slipsOf(p.dob).filter((s) => s !== p.dob && parseDateDetail(s).ok).map((dob) => m.query({ name: p.name, dob }));
    const shapes = new Set(outcomes.map((o) => JSON.stringify({ ...o, ids: o.ids.length })));
    expect(shapes.size).toBe(1);
    expect(outcomes[0]!.matchedKeys.find((k) => k.id === p.id)!.keys).toEqual(['dobNear', 'name']);
  });

  it('does not widen a slip further: a wrong date and a voiced mark off together stay none', () => {
    const p = LIST.find((x) => /[カサタハ]/.test(x.kana!))!;
    const voiced = p.kana!.replace(/[カサタハ]/, (c) => String.fromCharCode(c.charCodeAt(0) + 1));
    const [slip] = slipsOf(p.dob).filter((s) => s !== p.dob && parseDateDetail(s).ok);
    expect(m.query({ kana: voiced, dob: slip! }).decision).toBe('none');
  });
});

describe('a reading one voiced mark away', () => {
  it('is possible with the right date, and says the reading differs', () => {
    let tried = 0;
    for (const p of LIST) {
      const k = p.kana!;
      const i = [...k].findIndex((c) => 'カキクケコサシスセソタチツテトハヒフヘホ'.includes(c));
      if (i < 0) continue;
      tried++;
      const voiced = [...k].map((c, j) => (j === i ? String.fromCharCode(c.charCodeAt(0) + 1) : c)).join('');
      const r = m.query({ kana: voiced, dob: p.dob });
      expect(r, voiced).toMatchObject({ decision: 'possible', reasons: ['kanaPartial'] });
      expect(r.ids).toContain(p.id);
      expect(m.query({ kana: voiced }).decision).toBe('none');
    }
    expect(tried).toBeGreaterThan(30);
  });
});

describe('characters the clerk could not enter', () => {
  const masks = (name: string, positions: number[], mark: string) =>
    [...name.replace(/\s/g, '')].map((c, i) => (positions.includes(i) ? mark : c)).join('');

  it('stand for one character each, any number of them, while two known characters remain', () => {
    for (const p of LIST) {
      const n = [...p.name.replace(/\s/g, '')].length;
      if (n < 4) continue;
      for (const mark of ['〓', '?', '？', '\uE000', '\u{F0001}']) {
        const typed = masks(p.name, [0, n - 1], mark);
        expect(m.query({ name: typed, dob: p.dob })).toMatchObject({ decision: 'match' });
        expect(found({ name: typed }, p.id)).toBe(true);
      }
    }
  });

  it('need the birth date when only one known character remains', () => {
    const p = LIST.find((x) => [...x.name.replace(/\s/g, '')].length === 3)!;
    const typed = masks(p.name, [0, 2], '〓');
    expect(found({ name: typed, dob: p.dob }, p.id)).toBe(true);
    expect(m.query({ name: typed }).decision).toBe('none');
    expect(m.query({ name: '〓〓〓', dob: p.dob }).decision).toBe('none');
  });

  it('still compare the known characters through the variant table (〓辺 finds 渡邊)', () => {
    const p = LIST.find((x) => x.name.startsWith('渡邊'))!;
    const given = p.name.split('　')[1]!;
    expect(found({ name: `〓辺${given.slice(0, -1)}〓`, dob: p.dob }, p.id)).toBe(true);
  });

  it('do not join two known characters from different positions', () => {
    const p = LIST.find((x) => x.name.startsWith('髙橋'))!;
    expect(m.query({ name: `橋〓〓〓`, dob: p.dob }).ids).not.toContain(p.id);
  });
});

describe('foreign residents', () => {
  const FL = FOREIGN.map(([name, kana], i) =>
    person(`F${i}`, { name, kana, dob: `19${60 + i * 5}-0${i + 1}-1${i}`, ...(i === 0 && { aliases: ['中村　安', '中村　アン'], aliasKana: ['ナカムラ　アン'] }) }),
  );
  FL.push(person('FC1', { name: '馮　軍', kana: 'フォン　ジュン', dob: '1983-07-02' }), person('FC2', { name: '孫　暁', kana: 'スン　シャオ', dob: '1969-05-20' }));
  FL.push(person('J1', { name: '葉　広', kana: 'ヨウ　ヒロシ', dob: '1970-01-01' }));
  const fm = Matcher.build(FL, keyer);

  it('match an alphabet name in any case, order, width, and with a comma or accents', () => {
    const p = FL[0]!;
    for (const name of ['nguyen van anh', 'ANH VAN NGUYEN', 'Ｎｇｕｙｅｎ　Ｖａｎ　Ａｎｈ', 'NGUYEN, VAN ANH', 'Nguyễn Văn Anh', 'van  anh nguyen.']) {
      expect(fm.query({ name, dob: p.dob }), name).toMatchObject({ decision: 'match', ids: [p.id] });
    }
  });

  it('do not match an alphabet name with a word more, a word less or another word', () => {
    for (const name of ['NGUYEN ANH', 'NGUYEN VAN ANH MINH', 'NGUYEN VAN BINH', 'SANTOS ANA']) {
      expect(fm.query({ name, dob: FL[0]!.dob }).decision, name).toBe('none');
    }
  });

  it('match the katakana reading written with ヴ or バ / ブァ', () => {
    expect(fm.query({ kana: 'グエン　バン　アイン', dob: FL[0]!.dob })).toMatchObject({ decision: 'match', ids: ['F0'] });
    expect(fm.query({ kana: 'グエン　ブァン　アイン', dob: FL[0]!.dob })).toMatchObject({ decision: 'match', ids: ['F0'] });
    expect(fm.query({ kana: 'オリベイラ　アナ', dob: FL[3]!.dob })).toMatchObject({ decision: 'match', ids: ['F3'] });
  });

  it('match a 通称 like a 旧氏 name, and its reading, with several 通称 separated', () => {
    expect(fm.query({ name: '中村安', dob: FL[0]!.dob })).toMatchObject({ decision: 'match', ids: ['F0'] });
    expect(fm.query({ name: '中村　アン', dob: FL[0]!.dob })).toMatchObject({ decision: 'match', ids: ['F0'] });
    expect(fm.query({ kana: 'なかむら あん', dob: FL[0]!.dob })).toMatchObject({ decision: 'match', ids: ['F0'] });
    expect(fm.query({ name: '中村安', dob: FL[0]!.dob }).matchedKeys[0]!.keys).toContain('alias');
  });

  it('match a Chinese name typed in simplified characters against the register 正字', () => {
    expect(fm.query({ name: '冯军', dob: '1983-07-02' })).toMatchObject({ decision: 'match', ids: ['FC1'] });
    expect(fm.query({ name: '孙晓', dob: '1969-05-20' })).toMatchObject({ decision: 'match', ids: ['FC2'] });
  });

  it('never let a Japanese character meet another through the simplified table (叶 is not 葉)', () => {
    expect(fm.query({ name: '叶広', dob: '1970-01-01' }).decision).toBe('none');
  });
});

describe('the slip set is computed from the typed date alone', () => {
  it('holds typos, swaps, the day–month swap and era slips, and only real dates', () => {
    const d = parseDateDetail('平成15年4月3日');
    if (!d.ok) throw new Error('parse');
    const s = dateSlips(d);
    expect(s).toContain('2003-04-13'); // one digit
    expect(s).toContain('2003-04-30'); // neighbours swapped
    expect(s).toContain('2003-03-04'); // day and month
    expect(s).toContain('1940-04-03'); // 昭和15年
    expect(s).not.toContain('2003-04-03');
    expect(s.every((x) => parseDateDetail(x).ok)).toBe(true);
    expect(s).not.toContain('2013-04-13'); // two digits
  });

  it('takes no more time for a name on the list than for one that is not (the slip set is always keyed)', () => {
    const calls: number[] = [];
    const counting = Object.assign((i: string, k: string) => keyer(i, k), { dates: (d: ArrayLike<number>) => (calls.push(d.length), keyer.dates(d)) });
    const cm = Matcher.build(LIST, counting);
    calls.length = 0;
    cm.query({ name: LIST[0]!.name, dob: '1999-09-09' });
    cm.query({ name: '無名　太郎', dob: '1999-09-09' });
    expect(calls[0]).toBeGreaterThan(1);
    expect(calls[0]).toBe(calls[1]);
  });
});
