// What must and must not be in the packaged app (issue 9). Pure, so a unit test can prove each rule fires.
const REQUIRED = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json'];
const FORBIDDEN = [
  [/(^|\/)test\//, 'a test file'],
  [/(^|\/)harness\//, 'the e2e harness'],
  [/\.map$/, 'a source map'],
  [/(^|\/)(electron|renderer|shared)\/.*\.tsx?$/, 'TypeScript source'],
  [/^(?!node_modules\/).*\.tsx?$/, 'TypeScript source'],
  [/(^|\/)\.env/, 'an environment file'],
  [/(^|\/)node_modules\/(vitest|playwright-core|electron-builder|typescript|@doyensec|eslint|fast-check)\//, 'a development dependency'],
];

/** The import's blind-index worker (electron/core/matching/indexWorker.ts, built via `?modulePath`). */
export const INDEX_WORKER = /^out\/main\/chunks\/indexWorker-[^/]+\.js$/;

/** @returns {string[]} problems; empty when the package is as intended */
export function inspectPackage(asarFiles, unpackedFiles) {
  const problems = [];
  const all = new Set(asarFiles);
  for (const r of REQUIRED) if (!all.has(r)) problems.push(`missing from app.asar: ${r}`);
  if (!asarFiles.some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))) problems.push('missing from app.asar: the renderer bundle (out/renderer/assets/*.js)');
  if (!asarFiles.some((f) => INDEX_WORKER.test(f))) problems.push('missing from app.asar: the import index worker (out/main/chunks/indexWorker-*.js)');
  for (const f of [...asarFiles, ...unpackedFiles]) {
    for (const [re, what] of FORBIDDEN) if (re.test(f)) problems.push(`${what} must not ship: ${f}`);
  }
  const nativeInAsar = asarFiles.filter((f) => f.endsWith('.node') && !unpackedFiles.includes(f));
  for (const f of nativeInAsar) problems.push(`native module packed inside the asar (cannot load): ${f}`);
  if (!unpackedFiles.some((f) => /node_modules\/sqlite3\/.*\.node$/.test(f))) problems.push("sqlite3's .node is not unpacked from the asar");
  return [...new Set(problems)];
}
