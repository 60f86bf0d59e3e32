/** Issue 15, defect 7: path errors have their own codes, usage errors exit 2 as docs/vault.md and docs/IT.md say. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../vault/helpers';
import { cli, errorCode, keyFile, vaultWithSample } from './helpers';

describe('the CLI names path mistakes and keeps its exit table (issue 15)', () => {
  it('backup --out into a missing folder, restore --in a folder, init --data a file; a missing option exits 2', async () => {
    const dir = tempDir('cs-paths-');
    const dataDir = join(dir, 'data');
    const { recoveryKey } = await vaultWithSample(dataDir);
    const key = keyFile(dir, recoveryKey);
    const aFolder = join(dir, 'a-folder');
    mkdirSync(aFolder);
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, 'x');

    const backup = await cli('backup', '--data', dataDir, '--recovery', key, '--out', join(dir, 'no-such-folder', 'b.csbackup'));
    expect([backup.code, errorCode(backup)]).toEqual([1, 'E_CLI_OUT_DIR']);
    const restore = await cli('restore', '--data', dataDir, '--recovery', key, '--in', aFolder);
    expect([restore.code, errorCode(restore)]).toEqual([1, 'E_CLI_NOT_A_FILE']);
    const init = await cli('init', '--data', aFile, '--recovery-out', join(dir, 'k2.txt'));
    expect([init.code, errorCode(init)]).toEqual([1, 'E_CLI_DATA_NOT_DIR']);
    // The refused init left no key file behind.
    expect(readdirSync(dir)).not.toContain('k2.txt');
    const status = await cli('status', '--data', aFile, '--recovery', key);
    expect([status.code, errorCode(status)]).toEqual([1, 'E_CLI_DATA_NOT_DIR']);

    const usage = await cli('status', '--data', dataDir);
    expect([usage.code, errorCode(usage)]).toEqual([2, 'E_CLI_USAGE']);
    const unknown = await cli('backup', '--data', dataDir, '--recovery', key, '--out', join(dir, 'x'), '--force');
    expect([unknown.code, errorCode(unknown)]).toEqual([2, 'E_CLI_USAGE']);
    for (const r of [backup, restore, init, status, usage, unknown]) expect(r.stderr).not.toMatch(/E_INTERNAL|\n\s+at /);
  }, 90_000);
});
