/**
 * Issue 20: the list takes 通称 / 通称カナ (several separated by 、, like 旧氏) and 氏名 in the alphabet, and a
 * bundle carries them to the next terminal through the same importer.
 */
import { describe, expect, it } from 'vitest';
import { personsToCsv } from '../../../electron/core/bundle/listCsv';
import { parseProtectedList, type ParseResult } from '../../../electron/core/import/parseList';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEAD = '管理番号,氏名,氏名カナ,通称,通称カナ,生年月日,住所,開始日';

function personsOf(r: ParseResult) {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.persons;
}

describe('foreign residents in the list', () => {
  it('reads several 通称 and 通称カナ, and a name in the alphabet', () => {
    const [a, b] = personsOf(parseProtectedList(utf8(`${HEAD}\nF1,朴　智恩,パク　チウン,新井　智恵、新井　千恵,アライ　チエ,1972-08-08,架空県試験市1番,2026-04-01\nF2,REYES GRACE,レイエス　グレース,,,1991-06-22,架空県試験市2番,2026-04-01\n`)));
    expect(a).toMatchObject({ aliases: ['新井　智恵', '新井　千恵'], aliasKana: ['アライ　チエ'] });
    expect(b).toMatchObject({ name: 'REYES GRACE' });
    expect(b).not.toHaveProperty('aliases');
  });

  it('refuses an unreasonable number of 通称', () => {
    const many = Array.from({ length: 11 }, (_, i) => `通称${i}`).join('、');
    const r = parseProtectedList(utf8(`${HEAD}\nF1,朴　智恩,パク　チウン,${many},,1972-08-08,架空県試験市1番,2026-04-01\n`));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.column, e.code])).toEqual([['通称', 'E_IMPORT_TOO_MANY']]);
  });

  it('survives the bundle list: 通称 and 通称カナ come back as they went', () => {
    const before = personsOf(parseProtectedList(utf8(`${HEAD}\nF1,朴　智恩,パク　チウン,新井　智恵、新井　千恵,アライ　チエ、アライ　チエミ,1972-08-08,架空県試験市1番,2026-04-01\n`)));
    const after = personsOf(parseProtectedList(personsToCsv(before)));
    expect(after).toEqual(before);
  });
});
