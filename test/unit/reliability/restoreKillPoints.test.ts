/**
 * Issue 17: a kill at any step of a restore never loses its `vault.restored` entry. The entry travels as a marker in
 * the restored database (written before the switch) and is written at the restored vault's first open with its chain,
 * in one transaction with the marker's deletion: after each kill either the old vault is in force with no entry, or
 * the restored one has exactly one — however often it is opened afterwards.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withAdmin, type AdminEnv } from '../../../electron/core/admin/access';
import { RESTORE_STEPS } from '../../../electron/core/admin/tasks';
import { writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import { testClock } from '../../clock';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { auditRows, runNode, sampleWithout, vaultWithSample } from './helpers';

const envOf = (dataDir: string, recoveryKey: string): AdminEnv => ({ dataDir, access: { kind: 'recovery', recoveryKey }, terminalId: 'cli', appVersion: 'test', clock: testClock });

async function look(dataDir: string, recoveryKey: string): Promise<{ persons: number; restored: number }> {
  const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  try {
    return { persons: (await v.status()).persons, restored: (await auditRows(v)).filter((r) => r.action === 'vault.restored').length };
  } finally {
    await v.close();
  }
}

describe('a kill at any step of a restore leaves exactly one vault.restored entry, or the old vault and none (issue 17)', () => {
  it('at every step: the old vault with no entry, or the backup in force with one entry after the next open, and never two', async () => {
    const dir = tempDir('cs-rkill-');
    const seed = join(dir, 'seed');
    const { recoveryKey } = await vaultWithSample(seed);
    // The audit chain as every app and admin task has it (its tables exist in the backup and the live vault).
    await withAdmin(envOf(seed, recoveryKey), async () => undefined);
    // The backup is taken at 150 persons and the live vault then cut to 145: the restore only adds protection, so it
    // needs no second person, and the count tells which vault is in force.
    const backup = join(dir, 'v.csbackup');
    const v = await Vault.openWithRecovery({ dataDir: seed }, recoveryKey);
    await writeBackup(v, seed, backup, recoveryKey, testClock());
    const { file } = sampleWithout(dir, 5);
    expect((await v.commit(readFileSync(file), { confirmRemovals: true })).ok).toBe(true);
    await v.close();

    const outcomes: string[] = [];
    for (const step of RESTORE_STEPS) {
      const dataDir = join(dir, `at-${step}`);
      cpSync(seed, dataDir, { recursive: true });
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/restoreKillChild.ts'), dataDir, recoveryKey, backup, step]);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      expect(run.signal).toBe('SIGKILL');

      const right = await look(dataDir, recoveryKey);
      if (right.persons === 145) {
        // The switch had not happened: the old vault, untouched, and no entry for a restore that did not take place.
        expect(right.restored, step).toBe(0);
        outcomes.push(`${step}:old`);
      } else {
        expect(right.persons, step).toBe(150);
        expect(right.restored, step).toBeLessThanOrEqual(1);
        // The next task on the vault (any admin task opens vault and chain) settles a marker left behind.
        await withAdmin(envOf(dataDir, recoveryKey), async () => undefined);
        await withAdmin(envOf(dataDir, recoveryKey), async () => undefined);
        expect((await look(dataDir, recoveryKey)).restored, step).toBe(1);
        outcomes.push(`${step}:restored${right.restored === 0 ? '-at-next-open' : ''}`);
      }
    }
    expect(outcomes).toEqual(['marked:old', 'switched:restored-at-next-open', 'settled:restored']);
  }, 240_000);
});
