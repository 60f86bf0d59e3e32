/**
 * A strict RFC 4180 reader. Strict on purpose: a stray quote usually means two records have been glued
 * together, which would shift one person's data into another's columns. Structural errors stop the read,
 * since nothing after them can be trusted.
 */
import { issue, type ImportIssue } from './issues';

export interface CsvRecord {
  /** Line where the record starts (1-based). */
  line: number;
  fields: string[];
}

export const MAX_FIELD_CHARS = 10_000;
export const MAX_FIELDS = 100;

export type CsvRead =
  | { ok: true; records: CsvRecord[] }
  /** header and fieldIndex let the caller name the column of an over-long field. */
  | { ok: false; error: ImportIssue; header?: string[]; fieldIndex?: number };

const quoteError = (line: number, ja: string, en: string): CsvRead => ({
  ok: false,
  error: issue(line, undefined, 'E_IMPORT_QUOTE', ja, en),
});


export function readCsv(text: string): CsvRead {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const tooLong = (line: number): CsvRead => ({
    ok: false,
    error: issue(line, undefined, 'E_IMPORT_TOO_LONG', `項目が長すぎます（${MAX_FIELD_CHARS}文字超）。`, `A field exceeds ${MAX_FIELD_CHARS} characters.`),
    fieldIndex: fields.length,
    ...(records[0] && { header: records[0].fields }),
  });
  const endField = (): CsvRead | undefined => {
    if (field.length > MAX_FIELD_CHARS) return tooLong(recordLine);
    fields.push(field);
    field = '';
    if (fields.length > MAX_FIELDS) {
      return { ok: false, error: issue(recordLine, undefined, 'E_IMPORT_FIELD_COUNT', `列が多すぎます（${MAX_FIELDS}列超）。`, `More than ${MAX_FIELDS} columns.`) };
    }
    return undefined;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */ && field.length === 0) {
      const start = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        const chunk = text.slice(i, q);
        for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 0x0a) line++;
        field += chunk;
        if (text.charCodeAt(q + 1) === 0x22) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
        if (field.length > MAX_FIELD_CHARS) return tooLong(recordLine);
      }
      if (!closed) {
        return quoteError(start, '引用符（"）が閉じられていません。', 'A quoted field is never closed.');
      }
      const next = text.charCodeAt(i);
      if (i < n && next !== 0x2c && next !== 0x0d && next !== 0x0a) {
        return quoteError(line, '引用符（"）の対応が崩れています。閉じ引用符の直後に区切り（,）以外の文字があります。', 'Unbalanced quotes: characters follow a closing quote.');
      }
      // The record or file ends here; the line-end branch (or the end of input) closes the field.
      if (i >= n || next !== 0x2c) continue;
      const bad = endField();
      if (bad) return bad;
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      const bad = endField();
      if (bad) return bad;
      i++;
      continue;
    }
    if (c === 0x0d || c === 0x0a) {
      const bad = endField();
      if (bad) return bad;
      records.push({ line: recordLine, fields });
      fields = [];
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (c === 0x22) {
      return quoteError(line, '引用符で囲まれていない項目の中に引用符（"）があります。', 'A quote appears inside an unquoted field.');
    }
    const stop = nextSpecial(text, i);
    field += text.slice(i, stop);
    if (field.length > MAX_FIELD_CHARS) return tooLong(recordLine);
    i = stop;
  }
  if (fields.length > 0 || field.length > 0 || (n > 0 && !isLineEnd(text.charCodeAt(n - 1)))) {
    const bad = endField();
    if (bad) return bad;
    records.push({ line: recordLine, fields });
  }
  return { ok: true, records };
}

function isLineEnd(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function nextSpecial(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x2c || c === 0x0d || c === 0x0a || c === 0x22) return j;
  }
  return text.length;
}
