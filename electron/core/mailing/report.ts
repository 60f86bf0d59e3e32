/**
 * The file a department gets back (issue 21): row numbers, decisions, codes and counts — nothing from the
 * batch and nothing from the list, so it can be e-mailed inside the town hall or filed without harm. UTF-8
 * with a BOM so that Excel on the department's PC opens the Japanese correctly.
 */
import { MAIL_CODES } from './codes';
import type { CheckSummary, RowResult } from './check';

const DECISION_JA = { stop: '発送停止', review: '要確認', ok: '問題なし' } as const;

export function mailingReportCsv(results: readonly RowResult[], summary: CheckSummary): string {
  const lines = ['行番号,判定,理由コード,説明'];
  for (const r of results) lines.push(`${r.row},${DECISION_JA[r.decision]},${r.code},${MAIL_CODES[r.code].ja}`);
  lines.push('', `件数,${summary.rows}`, `発送停止,${summary.stop}`, `要確認,${summary.review}`, `問題なし,${summary.ok}`);
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
