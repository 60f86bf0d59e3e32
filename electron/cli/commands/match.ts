/**
 * `npm run -s cli -- match --list LIST.csv --queries QUERIES.jsonl [--stats]` (SPEC "Matching command").
 * Reads the list with the app's importer and matches with the app's Matcher, so what IT measures here is what
 * clerks get at the counter. The index key is random per run: nothing from this command is kept.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseProtectedList } from '../../core/import/parseList';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../core/matching';

export const summary = '照合結果を1行1件のJSONで出力 / match queries against a list, one JSON line each';
export const usage = 'match --list LIST.csv --queries QUERIES.jsonl [--stats]';

const USAGE =
  '使い方: npm run -s cli -- match --list 保護リスト.csv --queries 照会.jsonl [--stats]\n' +
  'usage: npm run -s cli -- match --list LIST.csv --queries QUERIES.jsonl [--stats]\n';

function say(ja: string, en: string): void {
  process.stderr.write(`${ja}\n${en}\n`);
}

function parseArgs(argv: string[]): { list: string; queries: string; stats: boolean } | undefined {
  let list: string | undefined;
  let queries: string | undefined;
  let stats = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list') list = argv[++i];
    else if (a === '--queries') queries = argv[++i];
    else if (a === '--stats') stats = true;
    else return undefined;
  }
  return list && queries ? { list, queries, stats } : undefined;
}

function readBytes(path: string, what: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    say(`${what}を読めません: ${path}`, `Cannot read the ${what === '保護リスト' ? 'list' : 'queries'} file: ${path}`);
    return undefined;
  }
}

function toQuery(v: unknown): (MatchQuery & { id: string }) | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string') return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const q: MatchQuery & { id: string } = { id: o.id };
  const name = str(o.name);
  const kana = str(o.kana);
  const dob = str(o.dob);
  if (name !== undefined) q.name = name;
  if (kana !== undefined) q.kana = kana;
  if (dob !== undefined) q.dob = dob;
  if (o.role === 'applicant' || o.role === 'subject') q.role = o.role;
  return q;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(USAGE);
    return 2;
  }
  const listBytes = readBytes(args.list, '保護リスト');
  const queryBytes = readBytes(args.queries, '照会');
  if (!listBytes || !queryBytes) return 1;

  const t0 = performance.now();
  const parsed = parseProtectedList(listBytes);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      const where = `${e.row}行目${e.column ? `・${e.column}` : ''}`;
      say(`[${e.code}] ${where}: ${e.ja}`, `[${e.code}] row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.en}`);
    }
    say('保護リストにエラーがあるため照合しません。保護リストのファイルを直してから、もう一度実行してください。', 'The list has errors; nothing was matched.');
    return 1;
  }
  const matcher = Matcher.build(parsed.persons, createHmacKeyer(randomBytes(32)));
  const loadMs = performance.now() - t0;

  const lines = new TextDecoder().decode(queryBytes).split(/\r?\n/);
  const latencies: number[] = [];
  const out: string[] = [];
  let bad = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let q: ReturnType<typeof toQuery>;
    try {
      q = toQuery(JSON.parse(line));
    } catch {
      q = undefined;
    }
    if (!q) {
      bad++;
      say(`照会 ${i + 1}行目: JSONとして読めないか id がありません。`, `Query line ${i + 1}: not JSON or no id.`);
      return;
    }
    const t = performance.now();
    const r = matcher.query(q);
    latencies.push((performance.now() - t) * 1000);
    out.push(JSON.stringify({ id: q.id, decision: r.decision, ids: r.ids, aitekataOf: r.aitekataOf }));
  });
  process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
  if (args.stats) {
    latencies.sort((x, y) => x - y);
    const stats = {
      loadMs: Math.round(loadMs * 10) / 10,
      persons: matcher.size,
      queries: latencies.length,
      p50Us: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Us: Math.round(percentile(latencies, 99) * 10) / 10,
    };
    process.stderr.write(`${JSON.stringify(stats)}\n`);
  }
  return bad > 0 ? 1 : 0;
}
