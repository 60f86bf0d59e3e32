import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../../..') });
const errorsFor = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;

describe('runtime boundaries (lint)', () => {
  it('electron/core may not import electron', async () => {
    expect(await errorsFor("import { app } from 'electron';\nexport const x = app;\n", 'electron/core/x.ts')).toBe(1);
    expect(await errorsFor("import { safeStorage } from 'electron/main';\nexport const x = safeStorage;\n", 'electron/core/x.ts')).toBe(1);
    expect(await errorsFor("import { createHash } from 'node:crypto';\nexport const x = createHash;\n", 'electron/core/x.ts')).toBe(0);
  });
  it('electron/ipc may not import electron', async () => {
    expect(await errorsFor("import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'electron/ipc/x.ts')).toBe(1);
  });
  it('shared/ may import neither electron nor node built-ins', async () => {
    expect(await errorsFor("import { app } from 'electron';\nexport const x = app;\n", 'shared/x.ts')).toBe(1);
    expect(await errorsFor("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'shared/x.ts')).toBe(1);
    expect(await errorsFor("import { join } from 'path';\nexport const x = join;\n", 'shared/x.ts')).toBe(1);
    expect(await errorsFor("import { z } from 'zod';\nexport const x = z;\n", 'shared/x.ts')).toBe(0);
  });
  it('the renderer may import neither electron nor node built-ins', async () => {
    expect(await errorsFor("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/src/x.ts')).toBe(1);
    expect(await errorsFor("import fs from 'node:fs';\nexport const x = fs;\n", 'renderer/src/x.ts')).toBe(1);
  });
});
