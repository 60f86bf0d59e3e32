/**
 * Issue 14, item 7: a restore that would end anyone's protection needs the same confirmation as an import
 * removal; backups, restores and checkpoints are audited; verify keeps failing while a recorded break is
 * unacknowledged, checkpoint refuses such a vault unless told --accept-broken, and no CLI import commits meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { readRecoveryKeyText } from '../../../electron/core/vault/recoveryKey';
import { FIXTURES, REPO_ROOT, tempDir } from '../vault/helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function actions(data: string, rk: string): Promise<string[]> {
  const vault = await Vault.openWithRecovery({ dataDir: data }, readRecoveryKeyText(readFileSync(rk, 'utf8')));
  try {
    return (await vault.database.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).map((r) => r.action);
  } finally {
    await vault.close();
  }
}

describe('restore, backup, verify and checkpoint (CLI)', () => {
  it('a restore to a shorter list is refused without --confirm-removals, and every step is audited', async () => {
    const dir = tempDir('cs-restore-');
    const data = join(dir, 'data');
    const rk = join(dir, 'recovery.txt');
    const lines = readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const short = join(dir, 'short.csv');
    writeFileSync(short, `${lines.slice(0, 147).join('\n')}\n`);
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', short).code).toBe(0);
    const backup = join(dir, 'old.csbackup');
    expect(cli('backup', '--data', data, '--recovery', rk, '--out', backup).code).toBe(0);
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', join(FIXTURES, 'protected-sample.csv')).code).toBe(0);
    expect(JSON.parse(cli('status', '--data', data, '--recovery', rk).out).persons).toBe(150);

    const refused = cli('restore', '--data', data, '--recovery', rk, '--in', backup);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('E_RESTORE_CONFIRM_REQUIRED');
    expect(refused.err).toMatch(/4名/);
    expect(JSON.parse(cli('status', '--data', data, '--recovery', rk).out).persons).toBe(150);
    expect(await actions(data, rk)).toEqual(expect.arrayContaining(['vault.backup_written', 'vault.restore_refused']));

    const done = cli('restore', '--data', data, '--recovery', rk, '--in', backup, '--confirm-removals');
    expect(done.code).toBe(0);
    expect(JSON.parse(cli('status', '--data', data, '--recovery', rk).out).persons).toBe(146);
    expect(await actions(data, rk)).toEqual(expect.arrayContaining(['audit.chain_broken', 'vault.restored']));

    // The restore is a recorded break: verify fails now, and keeps failing after more operations, until acknowledged.
    expect(cli('audit', 'verify', '--data', data, '--recovery', rk).code).toBe(4);
    expect(cli('backup', '--data', data, '--recovery', rk, '--out', join(dir, 'after.csbackup')).code).toBe(0);
    const again = cli('audit', 'verify', '--data', data, '--recovery', rk);
    expect(again.code).toBe(4);
    expect(again.err).toContain('未確認');
    const cp = join(dir, 'cp.json');
    expect(cli('audit', 'checkpoint', '--data', data, '--recovery', rk, '--out', cp).code).toBe(4);
    expect(cli('audit', 'checkpoint', '--data', data, '--recovery', rk, '--out', cp, '--accept-broken').code).toBe(0);
    expect(await actions(data, rk)).toContain('audit.checkpoint_exported');

    // While the break is unacknowledged the CLI commits no list either (the recovery key is not a second person):
    // refused with exit 4, the list unchanged, the refusal recorded; a dry run still shows what would change.
    const full = join(FIXTURES, 'protected-sample.csv');
    const blocked = cli('import', '--data', data, '--recovery', rk, '--csv', full);
    expect(blocked.code).toBe(4);
    expect(blocked.err).toContain('E_PROTECTION_STOPPED');
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', full, '--dry-run').code).toBe(0);
    expect(JSON.parse(cli('status', '--data', data, '--recovery', rk).out).persons).toBe(146);
    expect(await actions(data, rk)).toEqual(expect.arrayContaining(['import.refused', 'import.dry_run']));
  }, 180_000); // seventeen CLI processes: 52–65 s on the shared 2-core machine, past the 60 s default
});
