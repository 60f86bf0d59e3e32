/**
 * An outside CSV — a department's outgoing batch or another system's suppression list (issue 21) — read in
 * main with the 住基 import's own encoding detection (Shift_JIS / UTF-8) and strict CSV reader. The bytes and
 * the decoded text live only for the call: nothing of the file is kept or written anywhere.
 */
import { readCsv } from '../import/csv';
import { decodeList } from '../import/encoding';
import { issue, type ImportIssue } from '../import/issues';
import { textProblem, trimBlanks } from '../import/textRules';

export type { ImportIssue } from '../import/issues';

export const MAX_TABLE_BYTES = 64 * 1024 * 1024;
export const MAX_TABLE_ROWS = 100_000;

/** One data row: its line in the file and its cells by mapped field (blank cells are absent). */
export interface TableRow<F extends string> {
  line: number;
  cells: Partial<Record<F, string>>;
  /** A cell held an invisible or control character: the row cannot be trusted to say what it shows. */
  badText: boolean;
}

export type TableRead<F extends string> =
  | { ok: true; rows: TableRow<F>[]; encoding: 'utf-8' | 'cp932' }
  | { ok: false; errors: ImportIssue[] };

const canonical = (raw: string) => raw.normalize('NFKC').replace(/[\s()（）]/g, '');

/**
 * `mapping` names, per field, the file's column header (column names only, as the department set them).
 * Every mapped column must be in the file; `required` fields must be mapped. Unmapped columns are ignored: a
 * department's export carries many columns the check has no use for.
 */
export function readTable<F extends string>(
  bytes: Uint8Array,
  mapping: Partial<Record<F, string>>,
  required: readonly F[],
): TableRead<F> {
  const refused = (code: string, ja: string, en: string): TableRead<F> => ({ ok: false, errors: [issue(0, undefined, code, ja, en)] });
  if (bytes.length > MAX_TABLE_BYTES) return refused('E_TABLE_TOO_LARGE', `ファイルが大きすぎます（${MAX_TABLE_BYTES / 2 ** 20}MB超）。分けて確認してください。`, `The file exceeds ${MAX_TABLE_BYTES / 2 ** 20} MB; split it.`);
  const names = Object.values(mapping).filter((v): v is string => typeof v === 'string' && v !== '');
  const decoded = decodeList(bytes, names);
  if (!decoded.ok) return { ok: false, errors: [decoded.error] };
  const csv = readCsv(decoded.text);
  if (!csv.ok) return { ok: false, errors: [csv.error] };
  const [head, ...body] = csv.records;
  if (!head || (head.fields.length === 1 && head.fields[0] === '')) return refused('E_TABLE_EMPTY', 'ファイルが空です（見出し行がありません）。', 'The file is empty (no header line).');
  const at = new Map<string, number>();
  head.fields.forEach((h, i) => {
    if (!at.has(canonical(h))) at.set(canonical(h), i);
  });
  const errors: ImportIssue[] = [];
  const index = new Map<F, number>();
  for (const [field, column] of Object.entries(mapping) as [F, string | undefined][]) {
    if (!column) continue;
    const i = at.get(canonical(column));
    if (i === undefined) errors.push(issue(1, column.slice(0, 40), 'E_TABLE_COLUMN_MISSING', '設定した列がファイルにありません。列の対応を確認してください。', 'A mapped column is not in the file; check the column mapping.'));
    else index.set(field, i);
  }
  for (const f of required) {
    if (!mapping[f]) errors.push(issue(0, undefined, 'E_TABLE_MAPPING_INCOMPLETE', '必須の項目に列が設定されていません。列の対応を設定してください。', 'A required field has no column; set the column mapping.'));
  }
  if (errors.length > 0) return { ok: false, errors };
  const data = body.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (data.length === 0) return refused('E_TABLE_NO_ROWS', 'データ行がありません。', 'The file has no data rows.');
  if (data.length > MAX_TABLE_ROWS) return refused('E_TABLE_TOO_MANY_ROWS', `行数が多すぎます（${MAX_TABLE_ROWS}行超）。分けて確認してください。`, `More than ${MAX_TABLE_ROWS} rows; split the file.`);
  const rows = data.map((r) => {
    const cells: Partial<Record<F, string>> = {};
    let badText = false;
    for (const [field, i] of index) {
      const v = trimBlanks(r.fields[i] ?? '');
      if (textProblem(v)) badText = true;
      else if (v !== '') cells[field] = v;
    }
    return { line: r.line, cells, badText };
  });
  return { ok: true, rows, encoding: decoded.encoding };
}
