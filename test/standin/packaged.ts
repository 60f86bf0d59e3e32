/**
 * The packaged app as electron-builder made it (`npm run package:check`, `dir` target): app.asar extracted with
 * @electron/asar — which takes the unpacked native module from app.asar.unpacked, as Electron's asar support does —
 * so the stand-in runs the very main, preload, renderer and production node_modules that ship.
 */
import { extractAll, listPackage } from '@electron/asar';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_OUT = join(REPO, 'out');
export const PACKAGE_RESOURCES = join(REPO, 'dist/package-check/linux-unpacked/resources');

export function requireBuild(): string {
  if (!existsSync(join(BUILD_OUT, 'main/index.js'))) throw new Error('out/main/index.js is missing: run `npx electron-vite build` (npm test does) first');
  return BUILD_OUT;
}

/** Extracts app.asar to a temporary folder and returns its out/ folder. */
export function extractPackagedApp(): { outDir: string; entries: number; unpackedNative: string[] } {
  const asar = join(PACKAGE_RESOURCES, 'app.asar');
  if (!existsSync(asar)) throw new Error(`${asar} is missing: run \`npm run package:check\` (npm test does) first`);
  const dest = mkdtempSync(join(tmpdir(), 'cs-standin-asar-'));
  // Readable by the unprivileged account the not-writable scenario runs as.
  chmodSync(dest, 0o755);
  extractAll(asar, dest);
  const entries = listPackage(asar, { isPack: false }).length;
  const unpackedNative = listPackage(asar, { isPack: false }).filter((f) => f.endsWith('.node'));
  return { outDir: join(dest, 'out'), entries, unpackedNative };
}
