/** The checkpoint's paper form as a self-contained HTML page (inline CSS, no script) for the PDF adapter. */
import { escapeHtml } from '../audit';

export function printableCheckpointHtml(paperText: string): string {
  const [title = '', ...rest] = paperText.split('\n');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
body{font-family:"Noto Sans CJK JP","Yu Gothic","Meiryo",sans-serif;margin:24mm;font-size:12pt;color:#111}
h1{font-size:16pt;border-bottom:2px solid #111;padding-bottom:4pt}
pre{font-family:"Noto Sans Mono CJK JP","MS Gothic",monospace;font-size:11pt;line-height:1.8;white-space:pre-wrap;word-break:break-all}
</style></head><body><h1>${escapeHtml(title)}</h1><pre>${escapeHtml(rest.join('\n'))}</pre></body></html>`;
}
