/**
 * Issue 18: a kill at any step of a re-key leaves either the old vault fully usable under the old recovery key, or
 * the new one fully usable under the new key — never half of each — and the next open clears what was half-built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REKEY_STEPS } from '../../../electron/core/vault/rekey';
import { Vault } from '../../../electron/core/vault/vault';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { runNode, vaultWithSample } from './helpers';

async function usable(dataDir: string, key: string): Promise<boolean> {
  const v = await Vault.openWithRecovery({ dataDir }, key).catch((e: { code?: string }) => {
    if (e.code === 'E_RECOVERY_KEY_WRONG') return undefined;
    throw e;
  });
  if (!v) return false;
  try {
    await v.verifyFull({ recoveryKey: key });
    expect((await v.status()).persons).toBe(150);
    return true;
  } finally {
    await v.close();
  }
}

describe('a kill during a re-key', () => {
  it('at every step boundary: the old vault whole under the old key, or the new one whole under the new key', async () => {
    const dir = tempDir('cs-rekeykill-');
    const seed = join(dir, 'seed');
    const { recoveryKey } = await vaultWithSample(seed);
    const outcomes: string[] = [];
    for (const step of REKEY_STEPS) {
      const dataDir = join(dir, `at-${step}`);
      cpSync(seed, dataDir, { recursive: true });
      const keyOut = join(dir, `key-${step}.txt`);
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/rekeyKillChild.ts'), dataDir, recoveryKey, step, keyOut]);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      expect(run.signal).toBe('SIGKILL');
      const newKey = existsSync(keyOut) ? readFileSync(keyOut, 'utf8') : undefined;
      const oldWorks = await usable(dataDir, recoveryKey);
      const newWorks = newKey ? await usable(dataDir, newKey) : false;
      expect(oldWorks !== newWorks, step).toBe(true);
      outcomes.push(`${step}:${oldWorks ? 'old' : 'new'}`);
      // The open above cleared the half-built or replaced database: one database file is left.
      expect(readdirSync(dataDir).filter((n) => /^vault-[0-9a-f]+\.db$/.test(n)), step).toHaveLength(1);
    }
    expect(outcomes).toEqual(REKEY_STEPS.map((s) => `${s}:${s === 'switched' ? 'new' : 'old'}`));
  }, 240_000);
});
