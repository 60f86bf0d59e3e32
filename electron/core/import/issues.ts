/**
 * Row-level findings of an import. They carry row numbers, column names and 管理番号 only — never a
 * value from the file, because these messages end up on screens, in CLI output and in IT tickets.
 */
export interface ImportIssue {
  /** Line of the file where the record starts (the header is line 1); 0 for file-level problems. */
  row: number;
  /** The Japanese column name the problem is in, when there is one. */
  column?: string;
  code: string;
  ja: string;
  en: string;
}

export function issue(row: number, column: string | undefined, code: string, ja: string, en: string): ImportIssue {
  const rowJa = row > 0 ? `${row}行目` : 'ファイル';
  const rowEn = row > 0 ? `Line ${row}` : 'File';
  const colJa = column ? `「${column}」列` : '';
  const colEn = column ? ` column "${column}"` : '';
  const base = { row, code, ja: `${rowJa}${colJa}: ${ja}`, en: `${rowEn}${colEn}: ${en}` };
  return column ? { ...base, column } : base;
}
