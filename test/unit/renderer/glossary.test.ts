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
import { AUDIT_DETAIL_LABELS } from '../../../shared/audit/detailLabels';
import { AppError } from '../../../shared/errors';
import { POLICY_STATE_MESSAGES } from '../../../electron/core/policy/messages';
import { startupFailureFrom } from '../../../electron/core/startup/failure';
import { startupFailureHtml } from '../../../electron/core/startup/screen';
import { REPO_ROOT } from '../vault/helpers';
import { bilingualLiterals, errorMessages, errorModules, japaneseLiterals, mainSources, NOT_YET_CHECKED, rendererSources, type Located } from './mainProcessText';

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

function glossaryHits(all: Located[]): string[] {
  const rules = forbidden();
  const hits: string[] = [];
  for (const [where, text] of all) {
    for (const { word, except } of rules) {
      const cleaned = except.reduce((s, e) => s.split(e).join(''), text);
      if (cleaned.includes(word)) hits.push(`${where}: 「${word}」 in ${text}`);
    }
  }
  return hits;
}

/** 「20,000人」, not 「20000 人」; a template's {{n}} / {n} stands for the number. */
const SPACED_UNIT = /(\d|\})[ \u3000](人|名|件|秒|分|回|桁|文字|組|番|バイト|日|時間|版|個|か月|年)(?![数時号前])/;
/**
 * A label's colon in Japanese is the full-width 「：」 (「対象：山田」), never ASCII 「: 」 after Japanese, a closing
 * bracket or a placeholder (「役割: 班長」 reads as code). Times (「17:02」) and 「例: 」 inside English are not labels.
 */
const HALF_WIDTH_COLON = /([\u3040-\u30ff\u4e00-\u9fff）」】]|\}\}?):(?:\s|$)/;
/** Words a developer writes that a clerk, a lead or IT at the counter should never read on a screen. */
const DEVELOPER_TEXT = /docs\/|\.md\b|main process|メインプロセス|harness|interim|仮の画面|開発者|TODO|\bCLI\b|npm run|stack trace|\bhash\b|\bschema\b|\bwrap\b|\bpepper\b|\bIPC\b/i;

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
    const audit = [...Object.entries(AUDIT_ACTIONS), ...Object.entries(AUDIT_DETAIL_LABELS)].map(([k, v]): [string, string] => [`audit:${k}`, v.ja]);
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

  it('the administrator has one name: 「IT 担当」 is caught, 「管理者」 and the manual\'s title 「IT 向け手引き」 are not', () => {
    const hit = (text: string) => glossaryHits([['probe', text]]).length > 0;
    expect(hit('直らないときは IT 担当に連絡してください。')).toBe(true);
    expect(hit('IT担当が回復キーで端末登録を行ってください。')).toBe(true);
    expect(hit('書き出した区間は IT が本部の配布フォルダーにコピーします。')).toBe(true);
    expect(hit('直らないときは管理者に連絡してください（IT 向け手引き「エラーコード」参照）。')).toBe(false);
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

  it('no Japanese string writes a date as YYYY-MM-DD, not even an example (和暦 first: 「昭和60年1月2日」, 「1985年1月2日」)', async () => {
    const { ja } = await bundles();
    const literals = mainSources().filter((f) => !f.includes('/electron/cli/')).flatMap(japaneseLiterals);
    const iso = /(19|20)\d{2}-\d{2}-\d{2}/;
    expect(iso.test('例: 1985-01-02')).toBe(true);
    expect([...ja, ...tsxJapanese(), ...literals].filter(([, s]) => iso.test(s))).toEqual([]);
  });

  it('a label colon in Japanese is the full-width 「：」, never 「: 」 (screens, TSX, audit action names)', async () => {
    const { ja } = await bundles();
    const audit = Object.entries(AUDIT_ACTIONS).map(([k, v]): [string, string] => [`audit:${k}`, v.ja]);
    expect(HALF_WIDTH_COLON.test('役割: {{after}}')).toBe(true);
    expect(HALF_WIDTH_COLON.test('{{who}}: {{tag}}')).toBe(true);
    expect(HALF_WIDTH_COLON.test('17:02 まで')).toBe(false);
    expect(HALF_WIDTH_COLON.test('対象：山田')).toBe(false);
    expect([...ja, ...tsxJapanese(), ...audit].filter(([, s]) => HALF_WIDTH_COLON.test(s)).map(([w, s]) => `${w}: ${s}`)).toEqual([]);
  });

  it('no developer text on any screen, in either language', async () => {
    const { ja, en } = await bundles();
    const dev = [...ja, ...en].filter(([, s]) => /docs\/|\.md\b|main process|メインプロセス|harness|interim|仮の画面|TODO|\bCLI\b/i.test(s));
    expect(dev).toEqual([]);
  });
});

/** Everything main can send to a screen, with the language it is in (the fail-closed page is rendered whole). */
async function mainProcessScreenText(): Promise<{ ja: Located[]; en: Located[] }> {
  const errors = await errorMessages();
  const failures = errors.map((e) => ({ where: e.where, f: startupFailureFrom(new AppError({ code: e.code, ja: e.ja, en: e.en })) }));
  const policy = Object.entries(POLICY_STATE_MESSAGES).map(([state, m]) => ({ where: `policy:${state}`, ...m }));
  const ja: Located[] = [
    ...errors.map((e): Located => [e.where, e.ja]),
    ...failures.map(({ where, f }): Located => [`start screen ${where}`, f.todoJa]),
    ...policy.map((p): Located => [p.where, p.ja]),
  ];
  const en: Located[] = [
    ...errors.map((e): Located => [e.where, e.en]),
    ...failures.map(({ where, f }): Located => [`start screen ${where}`, f.todoEn]),
    ...policy.map((p): Located => [p.where, p.en]),
  ];
  const page = startupFailureHtml(startupFailureFrom(new Error('boom')));
  ja.push(['start screen (page)', page.replace(/<section lang="en"[\s\S]*?<\/section>/, '').replace(/<[^>]+>/g, ' ')]);
  return { ja, en };
}

describe('the glossary holds in every string the main process sends (errors, start screen, policy, CLI, printouts)', () => {
  it('finds every errors module in electron/ and shared/, and messages from each', async () => {
    const modules = errorModules();
    for (const m of ['shared/errors.ts', 'electron/core/vault/errors.ts', 'electron/core/staff/errors.ts', 'electron/core/unmask/errors.ts', 'electron/core/setup/errors.ts'])
      expect(modules).toContain(m);
    const errors = await errorMessages();
    const perModule = new Set(errors.map((e) => e.where.split(' ')[0]));
    expect([...perModule].sort()).toEqual(modules.filter((m) => m !== 'shared/errors.ts' || perModule.has(m)).sort());
    expect(errors.length).toBeGreaterThan(100);
    // The areas being built in parallel are named, not silently dropped.
    expect(mainSources().some((f) => NOT_YET_CHECKED.some((p) => f.includes(p)))).toBe(false);
  });

  it('no message main can send uses a word the glossary forbids (一覧, 拒否, 申出者, 保護対象者, ID …)', async () => {
    const { ja } = await mainProcessScreenText();
    const literals = mainSources().flatMap(japaneseLiterals);
    expect(literals.length).toBeGreaterThan(300);
    expect(glossaryHits([...ja, ...literals])).toEqual([]);
  });

  it('no space between a number and its unit in any Japanese message from main (「2名」, 「6桁」, 「{n}件」)', async () => {
    const { ja } = await mainProcessScreenText();
    const literals = mainSources().flatMap(japaneseLiterals);
    expect([...ja, ...literals].filter(([, s]) => SPACED_UNIT.test(s))).toEqual([]);
  });

  it('a label colon in any Japanese message from main is the full-width 「：」 (the CLI, a terminal tool, keeps ASCII)', async () => {
    const { ja } = await mainProcessScreenText();
    // A page's style sheet and its English section for IT are not Japanese labels.
    const literals = mainSources().filter((f) => !f.includes('/electron/cli/')).flatMap(japaneseLiterals)
      .map(([w, s]): Located => [w, s.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<section lang="en"[\s\S]*?<\/section>/g, '')]);
    expect([...ja, ...literals].filter(([, s]) => HALF_WIDTH_COLON.test(s)).map(([w, s]) => `${w}: ${s}`)).toEqual([]);
  });

  it('no developer text in any error, start-screen or policy message, in either language', async () => {
    const { ja, en } = await mainProcessScreenText();
    expect([...ja, ...en].filter(([, s]) => DEVELOPER_TEXT.test(s))).toEqual([]);
  });

  it('no developer text in any ja/en message written in code, in main or in the renderer (「アプリ本体」, "main process" …)', () => {
    // The CLI is IT's own tool: there 「CLI」 and command names are the right words.
    const all = bilingualLiterals([...mainSources().filter((f) => !f.includes('/electron/cli/')), ...rendererSources()]);
    expect(all.filter(([, , lang]) => lang === 'en').length).toBeGreaterThan(100);
    expect(all.filter(([, s]) => DEVELOPER_TEXT.test(s) || /アプリ本体/.test(s)).map(([w, s]) => `${w}: ${s}`)).toEqual([]);
  });

  it('the English copy names the administrator as the Japanese does (「管理者」): never "contact IT" — only the manual\'s title "IT guide"', async () => {
    const itAsPerson = /\bIT\b(?! guide)/;
    expect(itAsPerson.test('If that does not help, contact IT.')).toBe(true);
    expect(itAsPerson.test('Contact your administrator (IT guide, “Error codes”).')).toBe(false);
    const { en } = await mainProcessScreenText();
    const { en: bundle } = await bundles();
    const literals = bilingualLiterals([...mainSources().filter((f) => !f.includes('/electron/cli/')), ...rendererSources()]).filter(([, , lang]) => lang === 'en');
    expect([...en, ...bundle, ...literals.map(([w, s]): Located => [w, s])].filter(([, s]) => itAsPerson.test(s)).map(([w, s]) => `${w}: ${s}`)).toEqual([]);
  });

  it('the checks can fail: a message with 一覧, a spaced unit and a docs path is caught', () => {
    const probe: Located[] = [['probe', '一覧は変更していません（2 名、docs/IT.md 参照）。']];
    expect(glossaryHits(probe).some((h) => h.includes('「一覧」'))).toBe(true);
    expect(SPACED_UNIT.test(probe[0]![1])).toBe(true);
    expect(DEVELOPER_TEXT.test(probe[0]![1])).toBe(true);
  });
});
