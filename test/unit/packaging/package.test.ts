import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain .mjs module shared with scripts/package-check.mjs
import { inspectPackage } from '../../../scripts/package-rules.mjs';

const root = resolve(__dirname, '../../..');
const good = ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'out/main/chunks/indexWorker-1a2b3c.js', 'node_modules/sqlite3/package.json', 'node_modules/sqlite3/build/Release/node_sqlite3.node'];
const unpacked = ['node_modules/sqlite3/build/Release/node_sqlite3.node'];
const check = inspectPackage as (a: string[], u: string[]) => string[];

describe('what ships in the package (issue 9)', () => {
  it('accepts the bundles with sqlite3 unpacked', () => {
    expect(check(good, unpacked)).toEqual([]);
  });
  it.each([
    ['a test file', 'test/unit/vault/vaultStore.test.ts'],
    ['a test file (js)', 'test/e2e/start.e2e.js'],
    ['a harness file', 'out/harness/bridge.js'],
    ['a source map', 'out/renderer/assets/index-abc.js.map'],
    ['TypeScript source', 'electron/core/vault/vault.ts'],
    ['a development dependency', 'node_modules/vitest/package.json'],
  ])('refuses %s', (_what, file) => {
    expect(check([...good, file], unpacked).length).toBeGreaterThan(0);
  });
  it('refuses a package whose sqlite3 binary stayed inside the asar, or whose bundles are missing', () => {
    expect(check(good, [])).toEqual(expect.arrayContaining([expect.stringMatching(/sqlite3/)]));
    expect(check(good.filter((f) => !f.startsWith('out/preload')), unpacked)).toEqual([expect.stringMatching(/preload/)]);
    expect(check(good.filter((f) => !f.includes('indexWorker')), unpacked)).toEqual([expect.stringMatching(/index worker/)]);
  });
});

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  it('sets every fuse the foundation asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });
  it('builds a per-machine, not one-click, Japanese NSIS installer with native modules unpacked', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, installerLanguages: ['ja_JP'] });
    expect(config.productName).toBe('窓口シールド');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!test/**']));
  });
});
