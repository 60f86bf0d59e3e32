/**
 * The form of a hand entry (issue 22) read with the importer's own row rules (import/rowToPerson.ts): a person
 * typed at the counter is normalised, dated and refused exactly as a row of the 住基 export, so they are matched
 * like an imported one from the moment they are saved. Messages name the field, never its value.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { rowToPerson } from '../import/rowToPerson';
import type { ColumnKey } from '../import/columns';
import type { PersonBody } from '../vault/records';

/** The fields the form offers (the 住基 columns a counter can know today; 前住所 / 前本籍 come with the export). */
export const ENTRY_FIELDS = [
  'id', 'atenaNo', 'name', 'kana', 'formerSurnames', 'dob', 'sex', 'address', 'katagaki', 'honseki', 'kind', 'state',
  'startDate', 'endDate', 'note', 'aitekata1Name', 'aitekata1Kana', 'aitekata1Dob',
] as const satisfies readonly ColumnKey[];
export type EntryField = (typeof ENTRY_FIELDS)[number];
export type EntryFields = Partial<Record<EntryField, string>>;
export const SEALED_ENTRY_FIELDS = ['address', 'katagaki', 'honseki', 'note'] as const satisfies readonly EntryField[];

export interface FieldProblem { field: string; code: string; ja: string; en: string }

export type Read = { ok: true; person: ProtectedPerson } | { ok: false; problems: FieldProblem[] };

/** One form → one person, or every problem at once (the row rules report a whole row in one pass). */
export function readEntry(fields: Readonly<Record<string, string>>): Read {
  const keys = Object.keys(fields) as ColumnKey[];
  const r = rowToPerson(1, keys.map((k) => fields[k] ?? ''), { byIndex: keys, present: new Set(keys) });
  if (r.ok) return { ok: true, person: r.person };
  return {
    ok: false,
    // The row rules speak of a file ("1行目「氏名」列: …"); a form speaks of its field.
    problems: r.errors.map((e) => ({
      field: e.column ?? '', code: e.code,
      ja: e.ja.replace(/^1行目「(.+?)」列: /, '「$1」：'), en: e.en.replace(/^Line 1 column "(.+?)": /, '$1: '),
    })),
  };
}

/** The body as the form would show it, so an edit is read with the same rules as an add. */
export function fieldsOfBody(b: PersonBody): Record<string, string> {
  const out: Record<string, string | undefined> = {
    id: b.id, atenaNo: b.atenaNo, name: b.name, kana: b.kana, formerSurnames: b.formerSurnames.join('、'), dob: b.dob, sex: b.sex,
    kind: b.kind, state: b.state, startDate: b.startDate, endDate: b.endDate,
  };
  // All three 相手方 are kept through an edit, though the form offers the first one only.
  b.aitekata.slice(0, 3).forEach((a, i) => {
    out[`aitekata${i + 1}Name`] = a.name;
    out[`aitekata${i + 1}Kana`] = a.kana;
    out[`aitekata${i + 1}Dob`] = a.dob;
  });
  if (b.aliases?.length) out.aliases = b.aliases.join('、');
  if (b.aliasKana?.length) out.aliasKana = b.aliasKana.join('、');
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined));
}
