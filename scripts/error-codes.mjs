#!/usr/bin/env node
/**
 * Writes the table of error codes for IT (docs/error-codes.md) from the source itself, so the guide cannot drift
 * from what the app says: every `'E_…', '<ja>', '<en>'` triple (the make() helpers) and every `{ code: 'E_…', ja, en }`
 * literal under electron/ and shared/. Messages built with `${…}` keep their placeholders.
 * Usage: node scripts/error-codes.mjs > docs/error-codes.md
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(n)) files.push(p);
  }
};
walk(join(root, 'electron'));
walk(join(root, 'shared'));

const STR = String.raw`(?:'((?:[^'\\]|\\.)*)'|\x60((?:[^\x60\\]|\\.)*)\x60)`;
const patterns = [
  new RegExp(String.raw`'(E_[A-Z0-9_]+)',\s*` + STR + String.raw`,\s*` + STR, 'g'),
  new RegExp(String.raw`code:\s*'(E_[A-Z0-9_]+)',\s*ja:\s*` + STR + String.raw`,\s*en:\s*` + STR, 'g'),
];
const rows = new Map();
for (const f of files.sort()) {
  const text = readFileSync(f, 'utf8');
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const [code, ja, en] = [m[1], m[2] ?? m[3], m[4] ?? m[5]];
      if (!rows.has(code)) rows.set(code, { ja, en, file: relative(root, f) });
    }
  }
}
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const out = [
  '# エラーコード一覧（Error codes）',
  '',
  '`node scripts/error-codes.mjs > docs/error-codes.md` がソースから生成します（手で編集しないでください）。',
  'アプリ・CLI はすべて「コード + 日本語 + 英語」で表示し、スタックトレースは表示しません（CLI は `CS_DEBUG=1` で原因を表示）。',
  '`${…}` の部分は実際には件数・行番号・管理番号などが入ります（個人情報の値は入りません）。',
  '',
  '| コード | 日本語（画面・CLI） | English | 定義 |',
  '|---|---|---|---|',
  ...[...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, r]) => `| \`${c}\` | ${cell(r.ja)} | ${cell(r.en)} | \`${r.file}\` |`),
  '',
];
process.stdout.write(out.join('\n'));
