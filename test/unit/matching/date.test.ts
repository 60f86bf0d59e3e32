import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERAS, formatWareki, parseDate } from '../../../shared/text/date';

const iso = (s: string) => {
  const r = parseDate(s);
  return r.ok ? r.iso : r.code;
};

describe('parseDate accepts every form a clerk or the 住基 export writes', () => {
  it.each([
    ['1985-01-02', '1985-01-02'],
    ['1985/1/2', '1985-01-02'],
    ['19850102', '1985-01-02'],
    ['1985年1月2日', '1985-01-02'],
    ['１９８５年１月２日', '1985-01-02'],
    ['昭和60年1月2日', '1985-01-02'],
    ['昭和６０年１月２日', '1985-01-02'],
    ['昭和六十年一月二日', '1985-01-02'],
    ['一九八五年一月二日', '1985-01-02'],
    ['S60.1.2', '1985-01-02'],
    ['s60.1.2', '1985-01-02'],
    ['Ｓ６０．１．２', '1985-01-02'],
    ['ｓ60/1/2', '1985-01-02'],
    ['S.60.1.2', '1985-01-02'],
    ['昭60.1.2', '1985-01-02'],
    ['S600102', '1985-01-02'],
    ['3600102', '1985-01-02'],
    [' 昭和 60年 1月 2日 ', '1985-01-02'],
    ['平成元年1月8日', '1989-01-08'],
    ['H元.1.8', '1989-01-08'],
    ['平1.1.8', '1989-01-08'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['大正15年12月24日', '1926-12-24'],
    ['昭和元年12月25日', '1926-12-25'],
    ['明治45年7月29日', '1912-07-29'],
    ['T1.7.30', '1912-07-30'],
    ['M45.7.29', '1912-07-29'],
    ['昭和64年1月7日', '1989-01-07'],
    ['2024/2/29', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });
});

describe('parseDate refuses dates that do not exist rather than guessing', () => {
  it.each([
    ['昭和65年1月1日', 'E_DATE_ERA_RANGE'],
    ['平成元年1月7日', 'E_DATE_ERA_RANGE'],
    ['平成31年5月1日', 'E_DATE_ERA_RANGE'],
    ['昭和元年12月24日', 'E_DATE_ERA_RANGE'],
    ['昭和0年1月1日', 'E_DATE_ERA_RANGE'],
    ['令和元年4月30日', 'E_DATE_ERA_RANGE'],
    ['2023/2/29', 'E_DATE_INVALID'],
    ['1985/13/1', 'E_DATE_INVALID'],
    ['1985/4/31', 'E_DATE_INVALID'],
    ['85/1/2', 'E_DATE_INVALID'],
    ['X60.1.2', 'E_DATE_INVALID'],
    ['いつか', 'E_DATE_INVALID'],
    ['', 'E_DATE_EMPTY'],
  ])('%s → %s', (input, code) => {
    const r = parseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(r.en).toMatch(/[a-z]/);
    }
  });
});

const DAY = 86_400_000;
const icu = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
function icuParts(t: number) {
  const parts = Object.fromEntries(icu.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return { era: parts.era!, year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const eraStarts = ERAS.map((e) => Date.UTC(e.start[0], e.start[1] - 1, e.start[2]));

describe('era boundaries agree with ICU (Intl.DateTimeFormat ja-JP-u-ca-japanese)', () => {
  it('every date within 400 days of an era boundary round-trips in full, one-kanji and one-letter form', () => {
    const near = fc.tuple(fc.constantFrom(...eraStarts.slice(0, -1)), fc.integer({ min: -400, max: 400 })).map(([s, d]) => s + d * DAY);
    const anywhere = fc.integer({ min: Date.UTC(1873, 0, 1) / DAY, max: Date.UTC(2099, 11, 31) / DAY }).map((d) => d * DAY);
    fc.assert(
      fc.property(fc.oneof(near, anywhere), (t) => {
        const p = icuParts(t);
        const era = ERAS.find((e) => e.name === p.era)!;
        expect(era).toBeDefined();
        const expected = isoOf(t);
        expect(iso(`${p.era}${p.year}年${p.month}月${p.day}日`)).toBe(expected);
        expect(iso(`${era.kanji1}${p.year}.${p.month}.${p.day}`)).toBe(expected);
        expect(iso(`${era.letter.toLowerCase()}${p.year}/${p.month}/${p.day}`)).toBe(expected);
        expect(formatWareki(expected)).toBe(`${p.era}${p.year === 1 ? '元' : p.year}年${p.month}月${p.day}日`);
      }),
      { numRuns: 2000 },
    );
  });

  it('the day before each era began is refused in that era and accepted in the one before', () => {
    for (let i = 0; i < ERAS.length - 1; i++) {
      const e = ERAS[i]!;
      const before = icuParts(eraStarts[i]! - DAY);
      expect(parseDate(`${e.name}元年${before.month}月${before.day}日`).ok).toBe(false);
      expect(iso(`${before.era}${before.year}年${before.month}月${before.day}日`)).toBe(isoOf(eraStarts[i]! - DAY));
    }
  });
});
