/**
 * The fail-closed start screen as a static page (SPEC F21). It obeys the app's CSP: no script at all, no inline
 * style — its stylesheet is a file of the same origin. The one action, 終了, is a plain link whose navigation main
 * refuses and answers by quitting, so the page needs no bridge to main.
 */
import type { StartupFailure } from './failure';

export const STARTUP_FAILURE_PAGE = '/startup-error.html';
export const STARTUP_FAILURE_CSS = '/startup-error.css';
export const STARTUP_QUIT_PATH = '/quit';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function startupFailureHtml(f: StartupFailure): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>窓口シールド — 起動できません</title>
<link rel="stylesheet" href="${STARTUP_FAILURE_CSS}">
</head>
<body>
<main data-testid="startup-failure" data-code="${e(f.code)}">
<h1>窓口シールドを起動できません</h1>
<p class="code">エラーコード：<strong>${e(f.code)}</strong></p>
<p class="what">${e(f.ja)}</p>
<h2>どうすればよいか</h2>
<p class="todo">${e(f.todoJa)}</p>
<p class="safe">支援措置対象者の情報は表示されていません。この状態で窓口業務を続けないでください。</p>
<section lang="en" class="it">
<h2>For the administrator</h2>
<p>${e(f.code)}: ${e(f.en)}</p>
<p>${e(f.todoEn)}</p>
</section>
<p class="actions"><a class="quit" data-testid="startup-quit" href="${STARTUP_QUIT_PATH}">終了</a></p>
</main>
</body>
</html>
`;
}

export const STARTUP_FAILURE_STYLES = `body{margin:0;font-family:"Noto Sans JP","Yu Gothic UI","Meiryo",sans-serif;background:#fff5f5;color:#1a1a1a}
main{max-width:46rem;margin:3rem auto;padding:2rem;background:#fff;border:3px solid #b00020;border-radius:8px}
h1{color:#b00020;font-size:1.6rem;margin-top:0}
.code strong{font-family:monospace;font-size:1.2rem}
.it{margin-top:2rem;color:#444;font-size:.9rem;border-top:1px solid #ddd}
.actions{margin-top:2rem;text-align:right}
.quit{display:inline-block;padding:.6rem 2.4rem;background:#b00020;color:#fff;text-decoration:none;border-radius:4px;font-size:1.1rem}
.quit:focus{outline:3px solid #1a73e8;outline-offset:2px}
`;
