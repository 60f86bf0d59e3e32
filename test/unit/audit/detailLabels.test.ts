/**
 * The audit screen and its printout say an entry's detail in words (issue 23): 「最終記録：…」, not `lastEntryAt=…`.
 * Every detail key main writes — read from the source, so a new audit event with a new key fails here until it has
 * a label — has a Japanese and an English label; the CSV keeps the stored keys for scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_LABELS, detailText } from '../../../shared/audit/detailLabels';
import { toCsv, toPrintableHtml } from '../../../electron/core/audit/export';
import type { AuditRow } from '../../../electron/core/audit/query';
import { REPO_ROOT } from '../vault/helpers';

const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));

/** Keys written in a `detail: { … }` literal anywhere in electron/, with where. */
function literalDetailKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const f of walk(join(REPO_ROOT, 'electron')).filter((f) => f.endsWith('.ts'))) {
    const src = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'detail' && ts.isObjectLiteralExpression(n.initializer)) {
        for (const p of n.initializer.properties) {
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
          if (name) keys.set(name, `${relative(REPO_ROOT, f)}:${src.getLineAndCharacterOfPosition(p.getStart()).line + 1}`);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return keys;
}

/** Keys that reach a detail through a spread (`...c.counts`, `...counts(s)`, `...summary`): their types' fields. */
const SPREAD_KEYS = ['matches', 'dobTries', 'lotChecks', 'lookups', 'total', 'added', 'changed', 'removed', 'shortened', 'rows', 'matched', 'red', 'review',
  'stop', 'ok', 'oldAddress', 'generation', 'persons', 'leadWrapsDropped', 'protectorSlotsDropped', 'enrolmentSlotsDropped'];

const row = (detail: AuditRow['detail']): AuditRow => ({
  seq: 7, at: '2026-04-06T01:00:00Z', terminal: 'T-1', actors: ['L001'], action: 'audit.chain_break_detected', actionJa: '監査記録の破損を検出', actionEn: 'x', targets: [], detail,
} as AuditRow);

describe('audit detail in words (issue 23)', () => {
  it('every detail key main writes has a Japanese and an English label', () => {
    const keys = literalDetailKeys();
    expect(keys.size).toBeGreaterThan(80);
    const missing = [...keys].filter(([k]) => !AUDIT_DETAIL_LABELS[k]).map(([k, where]) => `${k} (${where})`);
    const missingSpread = SPREAD_KEYS.filter((k) => !AUDIT_DETAIL_LABELS[k]);
    expect([...missing, ...missingSpread]).toEqual([]);
    for (const [k, l] of Object.entries(AUDIT_DETAIL_LABELS)) {
      expect(l.ja, k).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(l.en, k).toMatch(/^[a-z][a-z ()'-]*$/i);
    }
  });

  it('the check can fail: a key no label knows is found and shown as stored, never dropped', () => {
    expect(AUDIT_DETAIL_LABELS['aNewKeyNobodyLabelled']).toBeUndefined();
    expect(detailText({ aNewKeyNobodyLabelled: 3 }, 'ja')).toBe('aNewKeyNobodyLabelled：3');
  });

  it('reads as words in each language, with はい/いいえ for a flag', () => {
    expect(detailText({ lastEntryAt: 'x', kind: 'truncated', acceptedBroken: true }, 'ja')).toBe('最終記録：x、種類：truncated、破損を承知で作成：はい');
    expect(detailText({ lastEntryAt: 'x', acceptedBroken: false }, 'en')).toBe('last entry at: x; made despite breaks: no');
  });

  it('the printout says the detail in words with the page\'s times; the CSV keeps the stored keys', () => {
    const r = row({ kind: 'truncated', lastEntryAt: '2026-04-06T01:02:03Z' });
    const html = toPrintableHtml([r], { title: '監査記録', generatedAt: '2026-04-06T01:00:00Z', filter: '' });
    expect(html).toContain('種類：truncated、最終記録：2026-04-06 10:02:03');
    expect(html).not.toContain('lastEntryAt=');
    expect(toCsv([r])).toContain('kind=truncated lastEntryAt=2026-04-06T01:02:03Z');
  });
});
