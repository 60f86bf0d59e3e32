/** Every personal value of the sample list (names, readings, dates of birth as written and ISO, addresses), for byte searches. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { FIXTURES } from '../vault/helpers';
import { testNowMs } from '../../clock';

export function samplePersons(): ProtectedPerson[] {
  const r = parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.csv')));
  if (!r.ok) throw new Error('sample must parse');
  return [...r.persons];
}

export function personalNeedles(): string[] {
  const raw = readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(','));
  const out = new Set<string>();
  for (const p of samplePersons()) {
    for (const v of [p.name, p.kana, p.dob, p.address, p.katagaki, p.honseki, p.note, ...p.formerSurnames.filter((s) => s.length > 2)]) if (v) out.add(v);
    for (const a of p.aitekata) for (const v of [a.name, a.kana, a.dob]) if (v) out.add(v);
  }
  for (const cols of raw) out.add(cols[5]!);
  return [...out].filter((s) => s.length >= 3 && !stampedThisRun(s));
}

/**
 * A date of birth that is also a day this run stamps events with (the seeded previous month up to tomorrow) cannot
 * be told from a timestamp or a report's day list, so it is no needle; the person's other fields still are. Only
 * matters under `npm run test:dates` on 1 May 2019, where the sample's era-boundary births (2019-04-30, 2019-05-01)
 * are the seeded month.
 */
function stampedThisRun(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00+09:00`);
  const now = testNowMs();
  return t >= now - 63 * 86_400_000 && t <= now + 86_400_000;
}

export function scanBytes(bytes: Buffer, words: readonly string[]): string[] {
  return words.filter((w) => bytes.includes(Buffer.from(w, 'utf8')) || bytes.includes(Buffer.from(w, 'utf16le')));
}

export function scanFolder(dir: string, words: readonly string[]): string[] {
  const hits: string[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (statSync(join(dir, f)).isDirectory()) continue;
    for (const w of scanBytes(readFileSync(join(dir, f)), words)) hits.push(`${f}: needle #${words.indexOf(w)}`);
  }
  return hits;
}
