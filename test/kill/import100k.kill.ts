/**
 * The 100,000-row kill runs (issue 15): not part of `npm test` (minutes on 2 cores); run with `npm run test:kill`.
 * CS_KILL_ROWS=5000 npm run test:kill is a quick smoke of the same code paths.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openVerifier } from '../../electron/core/audit/open';
import { IMPORT_STEPS, Vault } from '../../electron/core/vault/vault';
import { FIXTURES, REPO_ROOT, tempDir } from '../unit/vault/helpers';
import { syntheticCsv } from '../unit/vault/synthetic';
import { auditRows, runNode } from '../unit/reliability/helpers';

const ROWS = Number(process.env.CS_KILL_ROWS ?? 100_000);

describe('a crash during import (F8 all-or-nothing)', () => {
  it(`kill -9 in the middle of a ${ROWS}-row import leaves the previous list intact and openable`, async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok).toBe(true);
    const before = await vault.status();
    await vault.close();
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, syntheticCsv(ROWS, 42));

    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/unit/vault/importChild.ts'), dataDir, recoveryKey, csv], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const seen: string[] = [];
    const killedAt = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        seen.push(line);
        const m = /^write (\d+)$/.exec(line);
        if (m && Number(m[1]) >= (ROWS >= 100_000 ? 20_000 : 100)) {
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

  it(`kill -9 at every step boundary of a ${ROWS}-row import that also removes 150 persons: never a change without its entries`, async () => {
    const dir = tempDir();
    const seed = join(dir, 'seed');
    const { vault, recoveryKey } = await Vault.create({ dataDir: seed });
    expect((await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok).toBe(true);
    await vault.close();
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, syntheticCsv(ROWS, 42));
    for (const step of IMPORT_STEPS) {
      const dataDir = join(dir, `at-${step}`);
      cpSync(seed, dataDir, { recursive: true });
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/killPointChild.ts'), dataDir, recoveryKey, csv, step, 'worker']);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
      const persons = (await v.status()).persons;
      const rows = await auditRows(v);
      const committed = rows.filter((r) => r.action === 'import.committed').length;
      const confirmed = rows.filter((r) => r.action === 'import.removal_confirmed').flatMap((r) => r.targets).length;
      expect([step, persons, committed, confirmed]).toEqual(step === 'committed' ? [step, ROWS, 1, 150] : [step, 150, 0, 0]);
      expect((await openVerifier(v, dataDir).verify()).ok, step).toBe(true);
      await v.close();
    }
  }, 1_800_000);
});
