/**
 * Vault figures for issue 3: import of 100,000 rows into an empty vault and over an existing 100,000-person
 * list (time and peak RSS, measured in a child process so the bench runner's own memory does not count), vault open through the OS key protector, and blind-index
 * lookup latency through the vault at 100,000 persons. Synthetic data only.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Vault } from '../../electron/core/vault/vault';
import { AccountProtector, REPO_ROOT, tempDir } from '../unit/vault/helpers';
import { syntheticCsv } from '../unit/vault/synthetic';
import type { Report } from './run.mjs';

export const name = 'vault';
/** Kept equal to the flags of the "cli" script in package.json (test/unit/vault/cli.test.ts checks). */
export const CLI_V8_FLAGS = ['--max-old-space-size=320', '--max-semi-space-size=4'];
const ROWS = 100_000;

function runImportChild(dataDir: string, recoveryKey: string, csv: string, v8Flags = CLI_V8_FLAGS): Promise<{ ms: number; maxRssKb: number; persons: number }> {
  return new Promise((resolve, reject) => {
    // The CLI's own V8 flags (package.json "cli"): V8 otherwise grows its heap and nursery lazily, well past
    // the live set. The app's main process has no such cap (docs/vault.md).
    const child = spawn(process.execPath, [...v8Flags, '--import', 'tsx', join(REPO_ROOT, 'test/unit/vault/importChild.ts'), dataDir, recoveryKey, csv], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stats: { ms: number; maxRssKb: number; persons: number } | undefined;
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('stats ')) stats = JSON.parse(l.slice(6));
    });
    child.on('error', reject);
    child.on('exit', (code) => (stats && code === 0 ? resolve(stats) : reject(new Error(`import child failed (${code})`))));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(report: Report): Promise<void> {
  const dir = tempDir('cs-bench-');
  const dataDir = join(dir, 'data');
  const csv = join(dir, 'list.csv');
  writeFileSync(csv, syntheticCsv(ROWS, 7));
  const protector = new AccountProtector();
  const { vault, recoveryKey } = await Vault.create({ dataDir }, { protector });
  await vault.close();

  const imp = await runImportChild(dataDir, recoveryKey, csv);
  if (imp.persons !== ROWS) throw new Error('import did not commit every row');
  report('import_100k_ms', imp.ms, 'ms', { max: 20_000 });
  report('import_100k_peak_rss', imp.maxRssKb / 1024, 'MB', { max: 500 });

  // The monthly case: a new 100,000-row list over the current one (every row changed — the most work).
  const text = syntheticCsv(ROWS, 8);
  writeFileSync(csv, text);
  const re = await runImportChild(dataDir, recoveryKey, csv);
  if (re.persons !== ROWS) throw new Error('re-import did not commit every row');
  report('reimport_100k_ms', re.ms, 'ms', { max: 20_000 });
  report('reimport_100k_peak_rss', re.maxRssKb / 1024, 'MB', { max: 500 });

  // For comparison only: the same import with V8's default heap sizing, as in the app's main process today.
  writeFileSync(csv, syntheticCsv(ROWS, 7));
  const free = await runImportChild(dataDir, recoveryKey, csv, []);
  report('reimport_100k_default_heap_peak_rss', free.maxRssKb / 1024, 'MB');
  writeFileSync(csv, text);
  await runImportChild(dataDir, recoveryKey, csv);

  const opens: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const v = await Vault.open({ dataDir }, protector);
    opens.push(performance.now() - t);
    await v.close();
  }
  opens.sort((a, b) => a - b);
  report('open_100k_protector_median_ms', percentile(opens, 50), 'ms', { max: 300 });
  const t = performance.now();
  const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  report('open_100k_recovery_key_ms', performance.now() - t, 'ms');

  const rows = text.split('\r\n').slice(1, -1).map((l) => l.split(','));
  const queries = Array.from({ length: 4000 }, (_, i) => {
    const r = rows[(i * 7919) % rows.length]!;
    return i % 4 === 3 ? { name: `架空　${i}`, dob: '1901-01-01' } : { name: r[1]!, kana: r[2]!, dob: r[4]! };
  });
  // The figures mean nothing unless the imported index finds the people it was built from.
  queries.forEach((q, i) => {
    const id = rows[(i * 7919) % rows.length]![0]!;
    if (i % 4 !== 3 && !v.match(q).ids.includes(id)) throw new Error(`lookup after import did not find ${id}`);
  });
  const lat: number[] = [];
  for (const q of queries) {
    const s = process.hrtime.bigint();
    v.match(q);
    lat.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  lat.sort((a, b) => a - b);
  report('lookup_100k_p50', percentile(lat, 50), 'us');
  report('lookup_100k_p99', percentile(lat, 99), 'us', { max: 1000 });
  await v.close();
}
