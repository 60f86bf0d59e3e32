/**
 * Every string the main process can put in front of a person (issue 23): the ja/en of every error module's
 * messages, the policy state messages, the fail-closed start screen, and every Japanese literal in electron/ and
 * shared/ (CLI output, setup pages, printouts, messages built in services). Collected by walking the source, so a
 * new errors.ts or a new message is checked without anyone adding it to a list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../vault/helpers';

export type Located = [where: string, text: string];

/**
 * Screens and code being written in parallel this session by other engineers (fleet, admin tasks); they adopt the
 * glossary as they go. Remove an entry once its branch is merged and its strings pass.
 */
export const NOT_YET_CHECKED: string[] = [];
/**
 * Normalisation tables (variant characters, kana, numerals, addresses) and the header words another system's CSV may
 * use (reconcile/mapping.ts: '対象者氏名' is their column name, matched, never shown): data compared with input.
 */
const DATA_ONLY = ['shared/text/', 'electron/core/reconcile/mapping.ts'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const rel = (f: string) => relative(REPO_ROOT, f);
const skipped = (f: string) => [...NOT_YET_CHECKED, ...DATA_ONLY].some((p) => rel(f).startsWith(p));

/** Main-process and shared TypeScript sources (not tests, not declarations, not the in-progress areas). */
export function mainSources(): string[] {
  return [...walk(join(REPO_ROOT, 'electron')), ...walk(join(REPO_ROOT, 'shared'))]
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !skipped(f));
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * Every Japanese string or template literal in a source file, comments excluded (the TypeScript parser, not a
 * regex, so a 「//」 inside a string or a quote inside a comment cannot confuse it). A template's `${…}` becomes
 * 「{n}」, which the unit-spacing rule treats as a number.
 */
export function japaneseLiterals(file: string): Located[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Located[] = [];
  const visit = (n: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
    else if (ts.isTemplateExpression(n)) text = n.head.text + n.templateSpans.map((s) => `{n}${s.literal.text}`).join('');
    if (text !== null && JAPANESE.test(text)) out.push([`${rel(file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, text]);
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

interface Bilingual { code?: string; ja: string; en: string }
const isBilingual = (v: unknown): v is Bilingual =>
  !!v && typeof v === 'object' && typeof (v as Bilingual).ja === 'string' && typeof (v as Bilingual).en === 'string';

/**
 * Every message of every `errors.ts`, as the error carries it: each factory called with a stand-in for its
 * arguments (「3」, which a template shows where a count, an id or a name would be).
 */
export async function errorMessages(): Promise<Array<{ where: string; code: string; ja: string; en: string }>> {
  const modules = mainSources().filter((f) => /(^|\/)errors\.ts$/.test(f));
  const out: Array<{ where: string; code: string; ja: string; en: string }> = [];
  for (const file of modules) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, table] of Object.entries(mod)) {
      if (isBilingual(table)) out.push({ where: `${rel(file)} ${name}`, code: table.code ?? name, ja: table.ja, en: table.en });
      if (!table || typeof table !== 'object') continue;
      for (const [key, factory] of Object.entries(table as Record<string, unknown>)) {
        if (typeof factory !== 'function') continue;
        let made: unknown;
        try {
          made = (factory as (...a: unknown[]) => unknown)(...Array.from({ length: Math.max(factory.length, 2) }, () => '3'));
        } catch {
          continue;
        }
        if (isBilingual(made)) out.push({ where: `${rel(file)} ${name}.${key}`, code: made.code ?? key, ja: made.ja, en: made.en });
      }
    }
  }
  return out;
}

/** The error modules this collector found (the test asserts it found them all, so a rename cannot empty it). */
export function errorModules(): string[] {
  return mainSources().filter((f) => /(^|\/)errors\.ts$/.test(f)).map(rel);
}

/** Renderer sources (TS and TSX), for the `ja:` / `en:` literals written outside the i18n bundles. */
export function rendererSources(): string[] {
  return walk(join(REPO_ROOT, 'renderer/src')).filter((f) => /\.tsx?$/.test(f));
}

/**
 * Every string given as a `ja:` or `en:` property anywhere in the code (error values built on the spot, messages
 * the renderer makes up when main cannot be reached), with its language.
 */
export type Lingual = [where: string, text: string, lang: 'ja' | 'en'];

export function bilingualLiterals(files: string[]): Lingual[] {
  const out: Lingual[] = [];
  for (const file of files) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (n.name.text === 'ja' || n.name.text === 'en')) {
        const v = n.initializer;
        const text = ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v) ? v.text
          : ts.isTemplateExpression(v) ? v.head.text + v.templateSpans.map((s) => `{n}${s.literal.text}`).join('') : null;
        if (text !== null) out.push([`${rel(file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, text, n.name.text]);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}
