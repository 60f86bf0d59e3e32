import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProtectedList, type ParseResult } from '../../../electron/core/import/parseList';
import { FIXTURES } from '../vault/helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEAD = '管理番号,氏名,氏名カナ,生年月日,住所,開始日';
const ROW = 'X0001,高橋　花子,タカハシ　ハナコ,1985-01-02,架空県試験市1丁目1番1号,2026-04-01';

function errorsOf(r: ParseResult) {
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
}
function personsOf(r: ParseResult) {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.persons;
}

describe('the sample list', () => {
  it('gives the same persons from UTF-8 and Shift_JIS (the SJIS file lacks only rows SJIS cannot carry)', () => {
    const u = parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.csv')));
    const s = parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.sjis.csv')));
    expect(u.ok && u.encoding).toBe('utf-8');
    expect(s.ok && s.encoding).toBe('cp932');
    const up = personsOf(u);
    const sp = personsOf(s);
    expect(up).toHaveLength(150);
    expect(sp.length).toBeGreaterThan(140);
    const byId = new Map(up.map((p) => [p.id, p]));
    for (const p of sp) expect(p).toEqual(byId.get(p.id));
  });

  it('reports progress up to the total', () => {
    const seen: [number, number][] = [];
    parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.csv')), { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([150, 150]);
  });
});

describe('every malformed fixture is refused with a message naming the problem', () => {
  const expected: Record<string, { code: RegExp; column?: string }> = {
    'control-chars.csv': { code: /E_IMPORT_(CONTROL_CHAR|BIDI)/, column: '氏名' },
    'duplicate-id.csv': { code: /E_IMPORT_DUPLICATE_ID/, column: '管理番号' },
    'empty.csv': { code: /E_IMPORT_EMPTY/ },
    'eucjp-encoded.csv': { code: /E_IMPORT_ENCODING/ },
    'header-only.csv': { code: /E_IMPORT_NO_ROWS/ },
    'huge-field.csv': { code: /E_IMPORT_TOO_LONG/, column: '住所' },
    'invalid-date.csv': { code: /E_IMPORT_(DATE|ERA)/, column: '生年月日' },
    'missing-name.csv': { code: /E_IMPORT_REQUIRED/, column: '氏名' },
    'missing-required-column.csv': { code: /E_IMPORT_HEADER_MISSING/, column: '生年月日' },
    'unterminated-quote.csv': { code: /E_IMPORT_QUOTE/ },
  };
  for (const file of readdirSync(join(FIXTURES, 'bad'))) {
    it(file, () => {
      const errors = errorsOf(parseProtectedList(readFileSync(join(FIXTURES, 'bad', file))));
      for (const e of errors) {
        expect(e.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        expect(e.en.length).toBeGreaterThan(5);
        expect(typeof e.row).toBe('number');
      }
      const want = expected[file];
      if (want) {
        expect(errors.some((e) => want.code.test(e.code) && (want.column === undefined || e.column === want.column))).toBe(true);
      }
    });
  }

  it('both bad dates in invalid-date.csv are reported, each on its own line', () => {
    const errors = errorsOf(parseProtectedList(readFileSync(join(FIXTURES, 'bad', 'invalid-date.csv'))));
    expect(errors.map((e) => [e.row, e.code])).toEqual([[3, 'E_IMPORT_ERA'], [4, 'E_IMPORT_DATE']]);
  });

  it('names EUC-JP as the reason', () => {
    const [e] = errorsOf(parseProtectedList(readFileSync(join(FIXTURES, 'bad', 'eucjp-encoded.csv'))));
    expect(e!.ja).toContain('EUC-JP');
  });
});

describe('the class of malformed files, not only the fixtures', () => {
  const refuse = (text: string | Uint8Array, code: string, column?: string) => {
    const errors = errorsOf(parseProtectedList(typeof text === 'string' ? utf8(text) : text));
    expect(errors.map((e) => e.code)).toContain(code);
    if (column) expect(errors.find((e) => e.code === code)?.column).toBe(column);
  };
  it('a quote left open to the end of the file', () => refuse(`${HEAD}\n"X0001,高橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_QUOTE'));
  it('a quote inside an unquoted field', () => refuse(`${HEAD}\nX0001,高"橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_QUOTE'));
  it('a row with too few or too many fields', () => {
    refuse(`${HEAD}\nX0001,高橋,タカハシ,1985-01-02,住所\n`, 'E_IMPORT_FIELD_COUNT');
    refuse(`${HEAD}\n${ROW},余り\n`, 'E_IMPORT_FIELD_COUNT');
  });
  it('an unknown column, unless the policy allows it', () => {
    refuse(`${HEAD},電話番号\n${ROW},090\n`, 'E_IMPORT_HEADER_UNKNOWN', '電話番号');
    const r = parseProtectedList(utf8(`${HEAD},電話番号\n${ROW},090\n`), { allowUnknownColumns: true });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['W_IMPORT_COLUMN_IGNORED']);
  });
  it('a column given twice, and a blank header', () => {
    refuse(`${HEAD},氏名\n${ROW},高橋\n`, 'E_IMPORT_HEADER_DUPLICATE', '氏名');
    refuse(`${HEAD},\n${ROW},\n`, 'E_IMPORT_HEADER_UNKNOWN');
  });
  it('an end date before the start date', () => refuse(`${HEAD},終了日\n${ROW},2026-03-31\n`, 'E_IMPORT_PERIOD', '終了日'));
  it('a date of birth after the start of the measure', () =>
    refuse(`${HEAD}\nX0001,高橋,タカハシ,2027-01-02,住所,2026-04-01\n`, 'E_IMPORT_DOB_AFTER_START', '生年月日'));
  it('an era year outside its era and a date that does not exist', () => {
    refuse(`${HEAD}\nX0001,高橋,タカハシ,平成31年5月1日,住所,2026-04-01\n`, 'E_IMPORT_ERA', '生年月日');
    refuse(`${HEAD}\nX0001,高橋,タカハシ,1985-02-29,住所,2026-04-01\n`, 'E_IMPORT_DATE', '生年月日');
    refuse(`${HEAD}\nX0001,高橋,タカハシ,1985-01-02,住所,きのう\n`, 'E_IMPORT_DATE', '開始日');
  });
  it('an unknown 措置区分 or 措置状態', () => {
    refuse(`${HEAD},措置区分\n${ROW},DV等\n`, 'E_IMPORT_KIND', '措置区分');
    refuse(`${HEAD},措置状態\n${ROW},停止\n`, 'E_IMPORT_STATE', '措置状態');
  });
  it('invisible characters: zero-width space, bidi isolate, tab, line break inside quotes, private-use 外字', () => {
    refuse(`${HEAD}\nX0001,高\u200b橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_INVISIBLE_CHAR', '氏名');
    refuse(`${HEAD}\nX0001,高橋,タカハシ,1985-01-02,\u2067住所,2026-04-01\n`, 'E_IMPORT_BIDI', '住所');
    refuse(`${HEAD}\nX0001,高橋\t,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_CONTROL_CHAR', '氏名');
    refuse(`${HEAD}\nX0001,"高\n橋",タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_CONTROL_CHAR', '氏名');
    refuse(`${HEAD}\nX0001,高\ue000橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_GAIJI', '氏名');
  });
  it('fields longer than their column allows', () => refuse(`${HEAD}\nX0001,${'高'.repeat(61)},タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_TOO_LONG', '氏名'));
  it('a 管理番号 that is not a plain code, and duplicates after width folding', () => {
    refuse(`${HEAD}\nX 0001,高橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_ID_FORMAT', '管理番号');
    refuse(`${HEAD}\nX0001,高橋,タカハシ,1985-01-02,住所,2026-04-01\nＸ０００１,高橋,タカハシ,1985-01-02,住所,2026-04-01\n`, 'E_IMPORT_DUPLICATE_ID', '管理番号');
  });
  it('UTF-16, invalid UTF-8 behind a BOM, and bytes that are neither UTF-8 nor CP932', () => {
    refuse(Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(`${HEAD}\n${ROW}\n`, 'utf16le')]), 'E_IMPORT_ENCODING');
    refuse(Buffer.from(`${HEAD}\n${ROW}\n`, 'utf16le'), 'E_IMPORT_ENCODING');
    refuse(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), iconv.encode(`${HEAD}\n${ROW}\n`, 'cp932')]), 'E_IMPORT_ENCODING');
    refuse(Buffer.concat([utf8(`${HEAD}\n`), Buffer.of(0xff, 0xfe, 0xfd, 0x80)]), 'E_IMPORT_ENCODING');
    refuse(iconv.encode(`${HEAD}\n${ROW}\n`, 'euc-jp'), 'E_IMPORT_ENCODING');
  });
  it('a file of blank lines is empty, never an empty list', () => refuse(`${HEAD}\r\n\r\n\r\n`, 'E_IMPORT_NO_ROWS'));
  it('error messages never quote a value from the file', () => {
    const errors = errorsOf(parseProtectedList(utf8(`${HEAD},終了日\nX0001,秘密太郎\u200b,ヒミツ,昭和99年1月1日,秘密町1-1,2026-04-01,2026-01-01\n`)));
    for (const e of errors) for (const v of ['秘密', 'ヒミツ', '昭和99', '2026-01-01']) expect(`${e.ja}${e.en}`).not.toContain(v);
  });
  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 60 }), (bytes, s) => {
        for (const input of [bytes, utf8(`${HEAD}\n${s}\n`), utf8(`${HEAD}\nX1,${s},カ,1985-01-02,住所,2026-04-01\n`)]) {
          const r = parseProtectedList(input);
          expect(r.ok ? r.persons.length : r.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('what a valid file means', () => {
  it('maps headers in any order, with full-width digits and aliases, in CP932 too', () => {
    const text = '備考,相手方１生年月日,相手方1氏名,開始日,住所,生年月日,フリガナ,氏名,管理番号,旧氏,措置状態,相手方2カナ\r\n' +
      '"メモ, ""注意""",S40.1.2,山田太郎,令和8年4月1日,架空県1-1,昭和60年1月2日,ﾀｶﾊｼ ﾊﾅｺ, 高橋　花子 ,Ｘ０００１,佐藤、鈴木 ,仮支援措置,ヤマダ';
    for (const bytes of [utf8(text), iconv.encode(text, 'cp932')]) {
      const [p] = personsOf(parseProtectedList(bytes));
      expect(p).toEqual({
        id: 'X0001', name: '高橋　花子', kana: 'ﾀｶﾊｼ ﾊﾅｺ', formerSurnames: ['佐藤', '鈴木'], dob: '1985-01-02',
        address: '架空県1-1', state: '仮支援措置', startDate: '2026-04-01', endDate: '2027-03-31',
        aitekata: [{ name: '山田太郎', dob: '1965-01-02' }, { kana: 'ヤマダ' }], note: 'メモ, "注意"',
      });
    }
  });
  it('defaults the end date to start + 1 year − 1 day, leap days included', () => {
    const rows = ['2026-04-01', '2024-02-29', '2025-03-01'].map((d, i) => `X${i},高橋,タカハシ,1985-01-02,住所,${d}`);
    const ends = personsOf(parseProtectedList(utf8(`${HEAD}\n${rows.join('\n')}`))).map((p) => p.endDate);
    expect(ends).toEqual(['2027-03-31', '2025-02-28', '2026-02-28']);
  });
  it('accepts LF, CRLF, a BOM and a missing final newline alike', () => {
    for (const t of [`${HEAD}\n${ROW}`, `\ufeff${HEAD}\r\n${ROW}\r\n`, `${HEAD}\r\n${ROW}\r\n\r\n`]) {
      expect(personsOf(parseProtectedList(utf8(t)))).toHaveLength(1);
    }
  });
});
