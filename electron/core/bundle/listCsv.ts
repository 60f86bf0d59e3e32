/**
 * The list as the bundle carries it: a 住基-style CSV with the canonical headers (columns.ts), so the receiving
 * terminal runs exactly the importer and import plan a CSV from the 住基 system goes through (SPEC F8). It exists
 * only in memory, inside the encrypted bundle; it is never written to disk in the clear.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { COLUMN_LABEL, type ColumnKey } from '../import/columns';

const COLUMNS: ColumnKey[] = [
  'id', 'atenaNo', 'name', 'kana', 'formerSurnames', 'aliases', 'aliasKana', 'dob', 'sex', 'address', 'katagaki', 'honseki', 'kind', 'state',
  'startDate', 'endDate', 'note',
  'aitekata1Name', 'aitekata1Kana', 'aitekata1Dob', 'aitekata2Name', 'aitekata2Kana', 'aitekata2Dob',
  'aitekata3Name', 'aitekata3Kana', 'aitekata3Dob',
];

function cell(v: string | undefined): string {
  const s = v ?? '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function value(p: ProtectedPerson, k: ColumnKey): string | undefined {
  const a = /^aitekata([123])(Name|Kana|Dob)$/.exec(k);
  if (a) {
    const who = p.aitekata[Number(a[1]) - 1];
    return who && (a[2] === 'Name' ? who.name : a[2] === 'Kana' ? who.kana : who.dob);
  }
  if (k === 'formerSurnames') return p.formerSurnames.join('、');
  if (k === 'aliases' || k === 'aliasKana') return p[k]?.join('、');
  return (p as unknown as Record<string, string | undefined>)[k];
}

export function personsToCsv(persons: readonly ProtectedPerson[]): Buffer {
  const lines = [COLUMNS.map((k) => COLUMN_LABEL[k]).join(',')];
  for (const p of persons) lines.push(COLUMNS.map((k) => cell(value(p, k))).join(','));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
