import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

describe('npm run lint:security', () => {
  it('fails on a finding (a window with nodeIntegration on and no sandbox)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-eg-bad-'));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const r = spawnSync(process.execPath, [join(root, 'scripts/electronegativity.mjs'), dir], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NODE_INTEGRATION|CONTEXT_ISOLATION|SANDBOX/);
  });
});
