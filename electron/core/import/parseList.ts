/**
 * The 住基 CSV export → ProtectedPerson[] (SPEC F8, "Import CSV"). All or nothing: one bad row refuses the
 * whole file, because a half-imported list silently leaves people unprotected. Shared by the vault import
 * and the `match` CLI, so both read a list the same way.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { COLUMN_LABEL, mapHeader } from './columns';
import { readCsv } from './csv';
import { decodeList } from './encoding';
import { issue, type ImportIssue } from './issues';
import { rowToPerson } from './rowToPerson';

export type { ImportIssue } from './issues';

export interface ParseOptions {
  allowUnknownColumns?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export type ParseResult =
  | { ok: true; persons: ProtectedPerson[]; encoding: 'utf-8' | 'cp932'; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[] };

/** Well above any municipality's list, low enough to refuse a wrong file before it exhausts memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_ROWS = 1_000_000;
/** Past this many errors the file is clearly wrong; listing more helps nobody and costs memory. */
const MAX_ERRORS = 500;
const PROGRESS_EVERY = 2_000;

const refused = (e: ImportIssue): ParseResult => ({ ok: false, errors: [e] });

function nameColumn(e: ImportIssue, header: string[] | undefined, index: number | undefined): ImportIssue {
  if (index === undefined) return e;
  const mapped = header ? mapHeader(header, true) : undefined;
  const key = mapped?.ok ? mapped.map.byIndex[index] : undefined;
  const column = key ? COLUMN_LABEL[key] : `${index + 1}列目`;
  return issue(e.row, column, e.code, e.ja.replace(/^[^:]*: /, ''), e.en.replace(/^[^:]*: /, ''));
}

export function parseProtectedList(bytes: Uint8Array, opts: ParseOptions = {}): ParseResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return refused(issue(0, undefined, 'E_IMPORT_TOO_LARGE', `ファイルが大きすぎます（${MAX_FILE_BYTES / 2 ** 20}MB超）。`, `The file exceeds ${MAX_FILE_BYTES / 2 ** 20} MB.`));
  }
  const decoded = decodeList(bytes);
  if (!decoded.ok) return refused(decoded.error);
  const csv = readCsv(decoded.text);
  if (!csv.ok) return refused(nameColumn(csv.error, csv.header, csv.fieldIndex));
  const [head, ...body] = csv.records;
  if (!head || (head.fields.length === 1 && head.fields[0] === '')) {
    return refused(issue(0, undefined, 'E_IMPORT_EMPTY', 'ファイルが空です（見出し行がありません）。', 'The file is empty (no header line).'));
  }
  const header = mapHeader(head.fields, opts.allowUnknownColumns === true);
  if (!header.ok) return { ok: false, errors: header.errors };
  const warnings = [...header.warnings];

  const rows = body.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  const lastDataLine = rows.at(-1)?.line ?? 0;
  for (const r of body) {
    if (r.fields.length === 1 && r.fields[0]!.trim() === '' && r.line < lastDataLine) {
      warnings.push(issue(r.line, undefined, 'W_IMPORT_BLANK_LINE', '空行を読み飛ばしました。', 'Blank line skipped.'));
    }
  }
  if (rows.length === 0) {
    return refused(issue(0, undefined, 'E_IMPORT_NO_ROWS', 'データ行がありません。空のファイルで保護リストを置き換えることはできません。データ行のあるファイルを選んでください。', 'The file has no data rows; an empty file never replaces the list.'));
  }
  if (rows.length > MAX_ROWS) {
    return refused(issue(0, undefined, 'E_IMPORT_TOO_MANY_ROWS', `行数が多すぎます（${MAX_ROWS}行超）。`, `More than ${MAX_ROWS} rows.`));
  }

  const errors: ImportIssue[] = [];
  const persons: ProtectedPerson[] = [];
  const firstLineOfId = new Map<string, number>();
  const width = head.fields.length;
  const total = rows.length;
  let done = 0;
  for (const r of rows) {
    if (errors.length >= MAX_ERRORS) break;
    done++;
    if (opts.onProgress && done % PROGRESS_EVERY === 0) opts.onProgress(done, total);
    if (r.fields.length !== width) {
      errors.push(issue(r.line, undefined, 'E_IMPORT_FIELD_COUNT', `列の数が見出し行と違います（見出し ${width} 列、この行 ${r.fields.length} 列）。`, `Expected ${width} fields, found ${r.fields.length}.`));
      continue;
    }
    const res = rowToPerson(r.line, r.fields, header.map);
    if (!res.ok) {
      errors.push(...res.errors);
      continue;
    }
    const seen = firstLineOfId.get(res.person.id);
    if (seen !== undefined) {
      errors.push(issue(r.line, '管理番号', 'E_IMPORT_DUPLICATE_ID', `管理番号 ${res.person.id} が${seen}行目と重複しています。`, `Id ${res.person.id} duplicates line ${seen}.`));
      continue;
    }
    firstLineOfId.set(res.person.id, r.line);
    persons.push(res.person);
  }
  if (errors.length >= MAX_ERRORS) {
    errors.push(issue(0, undefined, 'E_IMPORT_TOO_MANY_ERRORS', `誤りが多すぎるため${done}行目までで確認を打ち切りました。`, `Too many errors; checking stopped after ${done} rows.`));
  }
  if (errors.length > 0) return { ok: false, errors };
  opts.onProgress?.(total, total);
  return { ok: true, persons, encoding: decoded.encoding, warnings };
}
