/**
 * Exports for leads: CSV for Excel and an HTML table that Electron's printToPDF renders as the PDF.
 * CSV cells that a spreadsheet would read as a formula (= + - @ TAB CR at the start) are prefixed with a
 * quote (OWASP "CSV injection"); the file is UTF-8 with a BOM because Excel in Japan otherwise reads CP932.
 * The HTML escapes every value: the log holds ids and codes, but an export must be safe whatever it holds.
 */
import { detailText as labelledDetail } from '../../../shared/audit/detailLabels';
import type { AuditRow } from './query';

const HEADERS_JA = ['通し番号', '日時（日本時間）', '端末', '職員', '操作', '操作コード', '対象（管理番号・項目）', '詳細'];

export function jstDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}

function targetsText(r: AuditRow): string {
  return r.targets.map((t) => [t.recordId, t.field].filter(Boolean).join(':')).join(' ');
}

/** The CSV keeps the stored keys (a script reading it never breaks); the printout is for a person. */
function rawDetail(r: AuditRow): string {
  return Object.entries(r.detail).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

/** 「最終記録：2026-12-01 09:00:00、種類：…」: a time written as the rest of the page writes it. */
function printedDetail(r: AuditRow): string {
  return labelledDetail(r.detail, 'ja', (v) => {
    const text = String(v);
    return /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?$/.test(text) ? jstDateTime(text) : text;
  });
}

export function rowCells(r: AuditRow, detail: (r: AuditRow) => string = rawDetail): string[] {
  return [String(r.seq), jstDateTime(r.at), r.terminal, r.actors.join(' '), r.actionJa, r.action, targetsText(r), detail(r)];
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly AuditRow[], headers: readonly string[] = HEADERS_JA): string {
  const lines = [headers.map(csvCell).join(','), ...rows.map((r) => rowCells(r).map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A self-contained printable page (no script, no external resource) for printToPDF. */
export function toPrintableHtml(rows: readonly AuditRow[], meta: { title: string; generatedAt: string; filter: string }): string {
  const head = HEADERS_JA.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${rowCells(r, printedDetail).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(meta.title)}</title>
<style>
body{font-family:"Noto Sans CJK JP","Yu Gothic",sans-serif;font-size:10pt;margin:12mm}
h1{font-size:14pt;margin:0 0 4mm}p{margin:0 0 4mm}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:2px 4px;text-align:left;vertical-align:top}
th{background:#eee}tr{page-break-inside:avoid}
</style></head><body>
<h1>${escapeHtml(meta.title)}</h1>
<p>出力日時：${escapeHtml(jstDateTime(meta.generatedAt))}　条件：${escapeHtml(meta.filter)}　件数：${rows.length}</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}
