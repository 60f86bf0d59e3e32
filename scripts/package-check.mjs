#!/usr/bin/env node
// `npm run package:check`: builds the real package with electron-builder's `dir` target and inspects it.
// This machine cannot download Electron, so a stand-in distribution (an empty shell of Electron's
// folder layout) is handed to electron-builder as `electronDist`; everything electron-builder does
// with OUR files — the whitelist, asar packing, asarUnpack, production node_modules — is real.
// Fuses are flipped in the real Electron binary, which the stand-in is not, so they are left out here
// and checked from electron-builder.yml by test/unit/packaging.
import { build, Platform, Arch } from 'electron-builder';
import { listPackage } from '@electron/asar';
import yaml from 'js-yaml';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inspectPackage } from './package-rules.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('out/ is missing: run `npm run build` first.');
  process.exit(1);
}
await checkBuiltIndexWorker();
const work = mkdtempSync(join(tmpdir(), 'cs-package-'));
const dist = join(work, 'electron-dist');
// A fixed place, kept after the check: the stand-in Electron test (test/standin) runs the packaged main from it.
const PACKAGE_OUT = join(root, 'dist', 'package-check');
rmSync(PACKAGE_OUT, { recursive: true, force: true });
mkdirSync(join(dist, 'locales'), { recursive: true });
mkdirSync(join(dist, 'resources'), { recursive: true });
writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (package check only)"\n', { mode: 0o755 });
writeFileSync(join(dist, 'version'), 'v45.5.0');
writeFileSync(join(dist, 'LICENSE'), '');
writeFileSync(join(dist, 'LICENSES.chromium.html'), '');
for (const l of ['ja', 'en-US', 'de']) writeFileSync(join(dist, 'locales', `${l}.pak`), '');

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
config.electronFuses = null;
config.electronDist = dist;
config.electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
config.directories = { ...config.directories, output: PACKAGE_OUT };
config.npmRebuild = false;

try {
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch.x64), config, publish: 'never' });
  const resources = join(PACKAGE_OUT, 'linux-unpacked/resources');
  const asarFiles = listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  const unpackedDir = join(resources, 'app.asar.unpacked');
  const unpacked = existsSync(unpackedDir) ? walk(unpackedDir).map((f) => relative(unpackedDir, f).replace(/\\/g, '/')) : [];
  const problems = inspectPackage(asarFiles, unpacked);
  console.log(`package check: ${asarFiles.length} entries in app.asar, ${unpacked.length} unpacked file(s)`);
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exitCode = 1;
  else console.log(`✓ package contents are as intended (${relative(root, resources)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The import's index worker must run on its own: built as a separate file, it may load nothing of main's
 * bundle (which would start the app inside a worker) and nothing of Electron. Runs it in plain Node.
 */
async function checkBuiltIndexWorker() {
  const chunks = join(root, 'out/main/chunks');
  const file = existsSync(chunks) && readdirSync(chunks).find((f) => /^indexWorker-[^/]+\.js$/.test(f));
  if (!file) throw new Error('out/main/chunks/indexWorker-*.js is missing: the import index worker was not built');
  const code = readFileSync(join(chunks, file), 'utf8');
  const requires = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
  const foreign = requires.filter((r) => !r.startsWith('node:'));
  if (foreign.length) throw new Error(`the index worker loads ${foreign.join(', ')}: it must be self-contained`);
  const worker = new Worker(join(chunks, file));
  const lines = new TextEncoder().encode(`${JSON.stringify({ id: 'X1', name: '見本　花子', kana: 'ミホン　ハナコ', formerSurnames: [], dob: '1980-01-02', aitekata: [] })}\n`);
  const answer = await new Promise((resolve, reject) => {
    worker.on('message', (m) => m.type === 'done' && resolve(m.bytes));
    worker.on('error', reject);
    worker.postMessage({ key: new Uint8Array(32).fill(7), lines, count: 1 });
  });
  await worker.terminate();
  if (new DataView(answer.buffer, answer.byteOffset).getUint32(0, true) !== 0x314d5343) throw new Error('the built index worker answered with something that is not an index');
  console.log(`✓ the built index worker (${file}) runs on its own and answers with an index`);
}

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
