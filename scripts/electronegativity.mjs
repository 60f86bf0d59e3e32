#!/usr/bin/env node
// `npm run lint:security`: Electronegativity over the sources, through its API because its CLI
// always exits 0. Any finding fails. An accepted exception must be an inline
// `eng-disable CHECK_ID` comment on the flagged line with a sentence saying why.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = require('@doyensec/electronegativity').default ?? require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

// Scan exactly what ships: main, preload, renderer and the shared code they both import.
// A directory given on the command line is scanned instead (the self-test uses it to prove a finding fails).
const given = process.argv[2];
const scanRoot = mkdtempSync(join(tmpdir(), 'cs-eg-'));
if (given) cpSync(given, scanRoot, { recursive: true });
else for (const dir of ['electron', 'renderer', 'shared']) cpSync(join(root, dir), join(scanRoot, dir), { recursive: true });
cpSync(join(root, 'package.json'), join(scanRoot, 'package.json'));

try {
  const result = await run({ input: scanRoot, electronVersionOverride: electronVersion, isRelative: true, parserPlugins: [] }, false);
  const issues = result.issues ?? [];
  const errors = (result.errors ?? []).filter((e) => !e.tolerable);
  for (const i of issues) {
    const loc = i.location ? `${i.location.line}:${i.location.column}` : '';
    console.error(`✗ ${i.id} [${i.severity?.name ?? i.severity}/${i.confidence?.name ?? i.confidence}] ${relative(scanRoot, join(scanRoot, i.file))}:${loc} — ${i.description}`);
  }
  for (const e of errors) console.error(`✗ parse error in ${relative(scanRoot, e.file)}: ${e.message}`);
  console.log(`Electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ${issues.length} finding(s), ${errors.length} parse error(s)`);
  process.exitCode = issues.length === 0 && errors.length === 0 ? 0 : 1;
} finally {
  rmSync(scanRoot, { recursive: true, force: true });
}
