/**
 * The shared dev set (../shared/fixtures/matching-dev.*): every positive found, every 相手方 found, and at most
 * 1% of negatives flagged. Read through the app's importer, exactly as the match CLI does.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../../electron/core/matching';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repoRoot, '../shared/fixtures');
const jsonl = <T>(f: string): T[] => readFileSync(join(fixtures, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

interface Expected { id: string; kind: string; expect: 'flag' | 'aitekata' | 'none'; ids: string[]; aitekataOf: string[] }

describe.skipIf(!existsSync(join(fixtures, 'matching-dev.queries.jsonl')))('dev set matching-dev with protected-sample.csv', () => {
  it('recall 1.000, 相手方 recall 1.000, false positives ≤ 1%', () => {
    const parsed = parseProtectedList(readFileSync(join(fixtures, 'protected-sample.csv')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const matcher = Matcher.build(parsed.persons, createHmacKeyer(randomBytes(32)));
    const queries = new Map(jsonl<MatchQuery & { id: string }>('matching-dev.queries.jsonl').map((q) => [q.id, q]));
    const expected = jsonl<Expected>('matching-dev.expected.jsonl');
    const missed: string[] = [];
    let pos = 0, aitekata = 0, neg = 0, fp = 0;
    for (const e of expected) {
      const r = matcher.query(queries.get(e.id)!);
      if (e.expect === 'none') {
        neg++;
        if (r.decision !== 'none') fp++;
      } else if (e.expect === 'flag') {
        pos++;
        if (r.decision === 'none' || !e.ids.every((id) => r.ids.includes(id))) missed.push(`${e.id} ${e.kind}`);
      } else {
        aitekata++;
        if (r.decision === 'none' || !e.aitekataOf.every((id) => r.aitekataOf.includes(id))) missed.push(`${e.id} ${e.kind}`);
      }
    }
    expect(pos).toBeGreaterThan(0);
    expect(aitekata).toBeGreaterThan(0);
    expect(missed).toEqual([]);
    expect(fp / neg).toBeLessThanOrEqual(0.01);
  });
});
