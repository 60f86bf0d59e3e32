/**
 * Where the matching query's tail comes from, on the bench's own 100,000-person set (issue 20: p99 ≤ 200 µs),
 * measured in a way a loaded, shared machine does not blur: CPU time per query (process.cpuUsage, not the wall
 * clock), the heap allocated per query (heapUsed growth between collections), and which queries a GC pause fell
 * into. Runs in about a minute; not part of `npm run bench` (it is not a *.bench.ts).
 *
 *   npx tsx test/bench/queryProfile.mts [rounds]           (index cached in $TMPDIR under a fixed test key)
 *   CS_PROFILE_OUTCOMES=file npx tsx test/bench/queryProfile.mts   also writes every outcome, to diff before/after
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { Matcher, createHmacKeyer, type MatchQuery } from '../../electron/core/matching';
import { queriesFor, synth } from './matching.bench';

const N = 100_000;
const rounds = Number(process.argv[2] ?? 5);
const keyer = createHmacKeyer(new Uint8Array(32).fill(7)); // a fixed test key, so the cached index stays valid
const persons = synth(N, N);
const cache = join(tmpdir(), `cs-query-profile-${N}.idx`);
let m: Matcher;
if (existsSync(cache)) m = Matcher.deserialize(new Uint8Array(readFileSync(cache)), keyer);
else {
  const t = performance.now();
  m = Matcher.build(persons, keyer);
  console.error(`# built in ${Math.round(performance.now() - t)} ms (cached in ${cache})`);
  writeFileSync(cache, m.serialize());
}
const qs: MatchQuery[] = queriesFor(persons, 4_000, N + 1);

if (process.env.CS_PROFILE_OUTCOMES) {
  writeFileSync(process.env.CS_PROFILE_OUTCOMES, qs.map((q) => JSON.stringify(m.query(q))).join('\n') + '\n');
}

const gcs: Array<{ start: number; end: number; kind: number }> = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind: (e as PerformanceEntry & { detail: { kind: number } }).detail.kind });
}).observe({ entryTypes: ['gc'] });

for (const q of qs.slice(0, 400)) m.query(q); // warm-up, as the bench does

const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
const cpu: number[][] = [[], [], [], []];
const wall: number[] = [];
const inGc = new Set<number>();
const starts: number[] = [];
let allocated = 0;
let allocQueries = 0;
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < qs.length; i++) {
    const h0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    m.query(qs[i]!);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const h1 = process.memoryUsage().heapUsed;
    cpu[i % 4]!.push(c1.user + c1.system);
    starts.push(t0);
    wall.push((t1 - t0) * 1000);
    if (h1 >= h0) {
      allocated += h1 - h0;
      allocQueries++;
    }
  }
}
await new Promise((r) => setTimeout(r, 50)); // let the observer deliver
for (let i = 0; i < wall.length; i++) {
  const t0 = starts[i]!;
  const t1 = t0 + wall[i]! / 1000;
  if (gcs.some((g) => g.start < t1 && g.end > t0)) inGc.add(i);
}
const sortedWall = [...wall].sort((a, b) => a - b);
const p99 = pct(sortedWall, 99);
const slow = wall.map((w, i) => [w, i] as const).filter(([w]) => w >= p99);
const allCpu = cpu.flat().sort((a, b) => a - b);
const kinds = ['name+dob', 'kana+dob', 'applicant name+kana', 'unknown name+kana+和暦'];
console.log(`# ${rounds} rounds × ${qs.length} queries at ${N} persons, node ${process.version}`);
console.log(`wall µs p50 ${pct(sortedWall, 50).toFixed(0)} p99 ${p99.toFixed(0)}; CPU µs p50 ${pct(allCpu, 50)} p99 ${pct(allCpu, 99)}`);
for (let k = 0; k < 4; k++) {
  const s = cpu[k]!.sort((a, b) => a - b);
  console.log(`  ${kinds[k]!.padEnd(24)} CPU µs p50 ${pct(s, 50)} p90 ${pct(s, 90)} p99 ${pct(s, 99)} max ${s[s.length - 1]}`);
}
console.log(`heap allocated per query ≈ ${Math.round(allocated / Math.max(1, allocQueries))} B; GC events ${gcs.length} (scavenges ${gcs.filter((g) => g.kind === 1).length}), total GC ms ${gcs.reduce((a, g) => a + g.end - g.start, 0).toFixed(1)}`);
console.log(`queries at or above wall p99: ${slow.length}, of which overlapping a GC: ${slow.filter(([, i]) => inGc.has(i)).length}; by kind ${[0, 1, 2, 3].map((k) => slow.filter(([, i]) => i % 4 === k).length).join('/')}`);
