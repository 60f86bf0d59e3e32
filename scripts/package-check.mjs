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
import { inspectPackage } from './package-rules.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('out/ is missing: run `npm run build` first.');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'cs-package-'));
const dist = join(work, 'electron-dist');
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
config.directories = { ...config.directories, output: join(work, 'out') };
config.npmRebuild = false;

try {
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch.x64), config, publish: 'never' });
  const resources = join(work, 'out/linux-unpacked/resources');
  const asarFiles = listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  const unpackedDir = join(resources, 'app.asar.unpacked');
  const unpacked = existsSync(unpackedDir) ? walk(unpackedDir).map((f) => relative(unpackedDir, f).replace(/\\/g, '/')) : [];
  const problems = inspectPackage(asarFiles, unpacked);
  console.log(`package check: ${asarFiles.length} entries in app.asar, ${unpacked.length} unpacked file(s)`);
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exitCode = 1;
  else console.log('✓ package contents are as intended');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
