import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVerifier } from '../../../electron/core/audit/open';
import { IMPORT_STEPS, Vault } from '../../../electron/core/vault/vault';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { auditRows, runNode, sampleWithout, vaultWithSample } from './helpers';

describe('a kill at any step of an import never leaves a list change without its audit entries (SPEC invariant 7)', () => {
  it('at every step boundary: either the old list and no import entry, or the new list with every entry', async () => {
    const dir = tempDir('cs-kill-');
    const seed = join(dir, 'seed');
    const { recoveryKey } = await vaultWithSample(seed);
    const { file, removed } = sampleWithout(dir, 5);
    const outcomes: string[] = [];
    for (const step of IMPORT_STEPS) {
      const dataDir = join(dir, `at-${step}`);
      cpSync(seed, dataDir, { recursive: true });
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/killPointChild.ts'), dataDir, recoveryKey, file, step]);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      expect(run.signal).toBe('SIGKILL');

      // The killed process's lock is stale (its pid is gone): the next open takes it over at once.
      const vault = await Vault.openWithRecovery({ dataDir }, recoveryKey);
      const status = await vault.status();
      const rows = await auditRows(vault);
      const committed = rows.filter((r) => r.action === 'import.committed');
      const confirmedIds = rows.filter((r) => r.action === 'import.removal_confirmed').flatMap((r) => r.targets.map((t) => t.recordId));
      if (status.persons === 150) {
        expect(committed, step).toHaveLength(0);
        expect(confirmedIds, step).toEqual([]);
        outcomes.push(`${step}:old`);
      } else {
        expect(status.persons, step).toBe(145);
        expect(committed, step).toHaveLength(1);
        expect(confirmedIds.sort(), step).toEqual([...removed].sort());
        outcomes.push(`${step}:new`);
      }
      // The log itself is intact (the head file may lag a committed entry; it never leads).
      expect((await openVerifier(vault, dataDir).verify()).ok, step).toBe(true);
      await vault.close();
    }
    // Both sides of the commit were exercised: before COMMIT the old list, after it the new one.
    expect(outcomes).toEqual(IMPORT_STEPS.map((s) => `${s}:${s === 'committed' ? 'new' : 'old'}`));
    writeFileSync(join(dir, 'outcomes.txt'), outcomes.join('\n'));
  }, 120_000);
});
