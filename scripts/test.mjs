#!/usr/bin/env node
// `npm test`: everything, in the order a failure is cheapest to find. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'];
const browser = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
if (!browser || !existsSync(browser)) {
  console.error(
    'npm test には Chromium 系ブラウザが必要です（e2e テスト用）。/ npm test needs a Chromium-family browser for the e2e tests.\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk\n' +
      '  Windows: Microsoft Edge, or set CHROMIUM_PATH to chrome.exe / msedge.exe\n' +
      '  Any OS: CHROMIUM_PATH=/path/to/chromium npm test',
  );
  process.exit(1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['type check', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint (runtime boundaries)', npx, ['eslint', '.']],
  ['lint:security (Electronegativity)', process.execPath, ['scripts/electronegativity.mjs']],
  ['build (main, preload, renderer)', npx, ['electron-vite', 'build']],
  ['package check (electron-builder dir target)', process.execPath, ['scripts/package-check.mjs']],
  ['unit tests', npx, ['vitest', 'run', '--project', 'unit']],
  ['built and packaged main under the stand-in Electron', npx, ['vitest', 'run', '--project', 'standin']],
  ['e2e tests (Chromium)', npx, ['vitest', 'run', '--project', 'e2e']],
];

const timings = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: browser }, shell: process.platform === 'win32' });
  timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
console.log(`\n✓ all steps passed\n  ${timings.join('\n  ')}`);
