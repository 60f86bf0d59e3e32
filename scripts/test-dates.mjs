#!/usr/bin/env node
// `npm run test:dates`: the whole suite (unit, the built main under the stand-in Electron, e2e), once per awkward instant, with the clock of every process the
// tests run shifted to that instant — vitest and its workers, the `node --import tsx` children the CLI tests spawn,
// worker threads, Chromium and its renderer, sqlite, file times. Proves that no test (and no product code path a
// test reaches) depends on today's date (issue 13). Needs Linux and Debian's `faketime` (apt-get install faketime).
//
//   npm run test:dates                                  every instant, unit, standin then e2e (measured on a shared
//                                                       2-core machine at load ≈ 12: 1480 s + 640 s a day)
//   npm run test:dates -- --only sunday,era             some instants, in that order (labels below)
//   npm run test:dates -- --only era --project e2e test/e2e/leads.e2e.ts   one instant, one project, some files
//
// How: libfaketime is preloaded (LD_PRELOAD) with FAKETIME="±Ns", ONE relative offset the runner computes once per
// instant, so every process in the tree agrees on the time and it still advances (TTLs, idle timers, timeouts
// run as they do). CS_TEST_NOW tells test/clock.ts the clock is pinned, so the fixtures start at the shifted now.
// Measured on Node 24 + Debian Chromium 2026-12-01: Node, its worker threads and Chromium (playwright-core) all
// read the shifted time, at the same start-up cost as without it. DONT_FAKE_MONOTONIC=1 must NOT be set: with
// it, Chromium under a negative offset stalled (60 s timeout on a 2 s launch-and-evaluate).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** JST instants where date code breaks: month/year/era boundaries, a leap day, a weekend, the UTC-vs-JST gap. */
export const INSTANTS = [
  // 08:45 JST on the 1st is still the last day of the previous month in UTC.
  { label: 'first-of-month', at: '2027-02-01T08:45:00+09:00', why: 'the 1st (UTC still the 31st)' },
  { label: 'last-of-month', at: '2027-04-30T16:00:00+09:00', why: 'the last day of a month' },
  { label: 'leap-day', at: '2028-02-29T10:00:00+09:00', why: '29 Feb 2028' },
  { label: 'sunday', at: '2027-03-14T11:00:00+09:00', why: 'a Sunday' },
  { label: 'new-year-eve', at: '2026-12-31T23:59:00+09:00', why: '31 Dec 23:59 JST (year changes during the run)' },
  { label: 'era', at: '2019-05-01T00:00:00+09:00', why: '1 May 2019 00:00 JST (平成→令和)' },
];

const LIB_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
];

function parseArgs(argv) {
  const out = { only: null, projects: ['unit', 'standin', 'e2e'], files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') out.only = argv[++i];
    else if (argv[i] === '--project') out.projects = [argv[++i]];
    else out.files.push(argv[i]);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const lib = process.env.FAKETIME_LIB ?? LIB_CANDIDATES.find((p) => existsSync(p));
  if (process.platform !== 'linux' || !lib || !existsSync(lib)) {
    console.error('npm run test:dates は Linux の libfaketime が必要です / test:dates needs libfaketime on Linux.\n  Debian/Ubuntu: sudo apt-get install -y faketime\n  or set FAKETIME_LIB=/path/to/libfaketime.so.1');
    process.exit(1);
  }
  const wanted = args.only?.split(',');
  const instants = wanted ? wanted.map((l) => INSTANTS.find((d) => d.label === l)).filter(Boolean) : INSTANTS;
  if (wanted && instants.length !== wanted.length) {
    console.error(`unknown --only ${args.only}; one of: ${INSTANTS.map((d) => d.label).join(', ')}`);
    process.exit(1);
  }
  const npx = 'npx';
  const logDir = join('test-results', 'dates');
  mkdirSync(logDir, { recursive: true });

  // The build does not depend on the date; build once, unshifted.
  console.log('▶ build (main, preload, renderer)');
  if (spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  // The stand-in project also loads the packaged dir output (out of app.asar), as `npm test` does; also date-free.
  if (args.projects.includes('standin')) {
    console.log('▶ package check (electron-builder dir target)');
    if (spawnSync(process.execPath, ['scripts/package-check.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  }

  const results = [];
  for (const d of instants) {
    const target = Date.parse(d.at);
    const offsetS = Math.round((target - Date.now()) / 1000);
    const env = {
      ...process.env,
      LD_PRELOAD: [lib, process.env.LD_PRELOAD].filter(Boolean).join(':'),
      FAKETIME: `${offsetS >= 0 ? '+' : ''}${offsetS}s`,
      CS_TEST_NOW: new Date(target).toISOString(),
    };
    delete env.DONT_FAKE_MONOTONIC;
    delete env.FAKETIME_DONT_FAKE_MONOTONIC;

    // Refuse to report green for a day the clock was never moved to.
    const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env, encoding: 'utf8' });
    const seen = Number(probe.stdout);
    if (!(Math.abs(seen - target) < 60_000)) {
      console.error(`✗ ${d.label}: the clock did not move (child saw ${new Date(seen).toISOString()}, wanted ${d.at})`);
      process.exit(1);
    }
    console.log(`\n▶ ${d.label}: ${d.why} — ${d.at} (FAKETIME=${env.FAKETIME})`);

    for (const project of args.projects) {
      const t0 = performance.now();
      const r = spawnSync(npx, ['vitest', 'run', '--project', project, ...args.files], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const log = `${r.stdout}\n${r.stderr}`;
      writeFileSync(join(logDir, `${d.label}-${project}.log`), log);
      const tests = /Tests\s+(.*)\(\d+\)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]?.trim() ?? 'no test summary';
      const ok = r.status === 0;
      const seconds = ((performance.now() - t0) / 1000).toFixed(0);
      results.push({ label: d.label, project, ok, tests, seconds });
      console.log(`  ${ok ? '✓' : '✗'} ${project}: ${tests} (${seconds} s)${ok ? '' : ` — see ${join(logDir, `${d.label}-${project}.log`)}`}`);
      if (!ok) process.stdout.write(failures(log));
    }
  }

  console.log('\nresult per instant:');
  for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.label.padEnd(15)} ${r.project.padEnd(4)} ${r.tests} (${r.seconds} s)`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`runs: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** The failing tests' names from a vitest log, so a red day says what broke without opening the log. */
function failures(log) {
  const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /^\s*(×|FAIL)\s/.test(l));
  return lines.length ? `${[...new Set(lines)].slice(0, 30).join('\n')}\n` : '';
}

main();
