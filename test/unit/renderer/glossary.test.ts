/**
 * One word, one role (issue 23, docs/glossary.md). In 2023 「申出者」 named both the family member at the counter
 * and the protected person; this test reads the glossary's table of forbidden words and checks it against every
 * Japanese string a screen can show: the i18n bundles of every feature, Japanese written directly in TSX, and the
 * audit action names the audit screen lists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/audit/actions';
import { REPO_ROOT } from '../vault/helpers';

const RENDERER = join(REPO_ROOT, 'renderer/src');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function flatten(o: unknown, path = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[path, o]];
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  return [];
}

/** The table under 「使わない語」: | 使わない語 | 代わりに | 例外 | 理由 | */
function forbidden(): Array<{ word: string; except: string[] }> {
  const md = readFileSync(join(REPO_ROOT, 'docs/glossary.md'), 'utf8');
  const section = md.slice(md.indexOf('## 使わない語'));
  return section.split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.includes('使わない語 |'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((c) => ({ word: c[1]!, except: c[3] ? c[3].split(/[、,]/).map((x) => x.trim()).filter(Boolean) : [] }));
}

async function bundles(): Promise<{ ja: Array<[string, string]>; en: Array<[string, string]> }> {
  const strings = walk(RENDERER).filter((f) => /(^|\/)(strings|[a-zA-Z]+Strings)\.ts$/.test(f));
  for (const f of strings) await import(f);
  const { default: i18n } = await import('../../../renderer/src/i18n/setup');
  return { ja: flatten(i18n.getResourceBundle('ja', 'translation')), en: flatten(i18n.getResourceBundle('en', 'translation')) };
}

/** Japanese written straight into components (a script to read aloud, labels), comments removed. */
function tsxJapanese(): Array<[string, string]> {
  return walk(RENDERER).filter((f) => f.endsWith('.tsx')).flatMap((f) => {
    const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/.*$/gm, '');
    return (code.match(/[^\s<>{}'"`=]*[\u3040-\u30ff\u4e00-\u9fff][^<>{}'"`]*/g) ?? []).map((s): [string, string] => [relative(REPO_ROOT, f), s]);
  });
}

describe('the glossary (docs/glossary.md) holds in every Japanese string on screen', () => {
  it('no screen uses a word the glossary forbids (申出者, 申請者, 保護対象者, 拒否, 職員ID, 一覧, five names for back-to-start …)', async () => {
    const { ja } = await bundles();
    const audit = Object.entries(AUDIT_ACTIONS).map(([k, v]): [string, string] => [`audit:${k}`, v.ja]);
    const all = [...ja, ...tsxJapanese(), ...audit];
    const rules = forbidden();
    expect(rules.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const [where, text] of all) {
      for (const { word, except } of rules) {
        const cleaned = except.reduce((s, e) => s.split(e).join(''), text);
        if (cleaned.includes(word)) hits.push(`${where}: 「${word}」 in ${text}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the glossary test can fail: a forbidden word in a string is found', () => {
    const rules = forbidden();
    const probe = '申出者本人からの請求・届出';
    expect(rules.some(({ word, except }) => except.reduce((s, e) => s.split(e).join(''), probe).includes(word))).toBe(true);
    // 支援措置対象者 is the exception for 対象者, not a hit.
    expect(rules.some(({ word, except }) => except.reduce((s, e) => s.split(e).join(''), '支援措置対象者').includes(word))).toBe(false);
  });

  it('the 相手方 alarm heading is a neutral code: it names no 相手方, no protected person, no stopped case', async () => {
    const { ja, en } = await bundles();
    const title = ja.find(([k]) => k === 'case.warn.aitekata.title')![1];
    expect(title).toBe('確認事項A：班長の対応が必要です');
    for (const w of ['相手方', '支援措置', '停止', '可能性', '加害']) expect(title).not.toContain(w);
    expect(en.find(([k]) => k === 'case.warn.aitekata.title')![1]).not.toMatch(/perpetrator|protected|stopped/i);
  });

  it('the unmask reason for the protected person names the protected person, not the person at the counter', async () => {
    const { ja } = await bundles();
    expect(ja.find(([k]) => k === 'unmask.reasons.self-request')![1]).toMatch(/^支援措置対象者本人/);
    expect(ja.find(([k]) => k === 'approval.requester')![1]).toBe('申請した職員');
  });

  it('no space between a number and its unit in Japanese (「20,000人」, not 「20000 人」)', async () => {
    const { ja } = await bundles();
    const spaced = ja.filter(([, s]) => /(\d|\}\})[ \u3000](人|名|件|秒|分|回|桁|文字|組|番|バイト|日|時間|版)/.test(s));
    expect(spaced).toEqual([]);
  });

  it('no developer text on any screen, in either language', async () => {
    const { ja, en } = await bundles();
    const dev = [...ja, ...en].filter(([, s]) => /docs\/|\.md\b|main process|メインプロセス|harness|interim|仮の画面|TODO|\bCLI\b/i.test(s));
    expect(dev).toEqual([]);
  });
});
