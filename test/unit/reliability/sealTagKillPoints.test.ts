/**
 * Issue 15: the one-time back-fill of the sealed-field tags is crash-safe. A process killed part-way through it
 * leaves neither half the tags nor a completion mark, and the next open finishes the back-fill: every person
 * tagged, and the PIN-only check passes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { dbFile, rawSql, runNode, SAMPLE } from './helpers';

describe('a kill during the sealed-field tag back-fill', () => {
  it('leaves no partial tags; the next open back-fills every person and the tags verify', async () => {
    const dataDir = join(tempDir('cs-tagkill-'), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir });
    expect((await vault.commit(readFileSync(SAMPLE))).ok).toBe(true);
    await vault.close();
    // As a vault made before the tags.
    const file = dbFile(dataDir);
    await rawSql(file, 'DROP TABLE seal_tags');
    await rawSql(file, 'DROP TABLE seal_tags_state');
    await rawSql(file, "DELETE FROM subsystem_versions WHERE name = 'seal-tags'");

    const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/sealTagKillChild.ts'), dataDir, recoveryKey]);
    expect(run.stdout, run.stderr).toContain('killed after 150');
    expect(run.signal).toBe('SIGKILL');
    // The tables were made (their own step), the tags were not: the transaction died with the process.
    expect(await rawSql(file, 'SELECT COUNT(*) AS n FROM seal_tags')).toEqual([{ n: 0 }]);
    expect(await rawSql(file, 'SELECT COUNT(*) AS n FROM seal_tags_state')).toEqual([{ n: 0 }]);

    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    expect((await v.database.all('SELECT rid FROM seal_tags')).length).toBe(150);
    // Back-filled, not yet seen: the PIN-only check waits for the full one, which then certifies the tags.
    await expect(v.verifyTagged()).rejects.toMatchObject({ code: 'E_VAULT_SEALED_UNCHECKED' });
    await v.verifyFull({ recoveryKey });
    await v.verifyTagged();
    await v.close();
  }, 60_000);
});
