import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { FIXTURES, REPO_ROOT, tempDir } from './helpers';
import { syntheticCsv } from './synthetic';

describe('a crash during import (F8 all-or-nothing)', () => {
  it('kill -9 in the middle of a 100,000-row import leaves the previous list intact and openable', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok).toBe(true);
    const before = await vault.status();
    await vault.close();
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, syntheticCsv(100_000, 42));

    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/unit/vault/importChild.ts'), dataDir, recoveryKey, csv], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const seen: string[] = [];
    const killedAt = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        seen.push(line);
        const m = /^write (\d+)$/.exec(line);
        if (m && Number(m[1]) >= 20_000) {
          child.kill('SIGKILL');
          resolve(line);
        }
      });
      child.on('exit', () => resolve('exited'));
      child.on('error', reject);
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    expect(killedAt).toMatch(/^write /);
    expect(child.signalCode).toBe('SIGKILL');
    expect(seen).not.toContain('done true');

    const after = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    expect(await after.status()).toEqual(before);
    expect(after.match({ name: '伊藤　蒼', dob: '1970-02-05' }).ids).toEqual(['D0001']);
    expect(after.match({ name: '山田　花子', kana: 'ヤマダ　ハナコ' }).ids.filter((id) => id.startsWith('S'))).toEqual([]);
    await after.close();
  }, 240_000);
});
