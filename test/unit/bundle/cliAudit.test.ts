/** The CLI's import and bundle commands leave their trace in the vault's audit chain (SPEC F10): ids and counts only. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { readRecoveryKeyText } from '../../../electron/core/vault/recoveryKey';
import { openVerifier } from '../../../electron/core/audit';
import { cliTerminalId } from '../../../electron/cli/listAudit';
import { sampleSecrets } from '../../fakes/core';
import { FIXTURES, REPO_ROOT, tempDir } from '../vault/helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI list audit (F8, F10, F13)', () => {
  it('import, a confirmed removal, bundle export and a refused tampered bundle are in the chain, which still verifies', async () => {
    const dir = tempDir('cs-cli-audit-');
    const [data, rk, bundle, smaller, tampered] = ['a', 'rk.txt', 'l.csbundle', 'small.csv', 't.csbundle'].map((n) => join(dir, n)) as [string, string, string, string, string];
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', join(FIXTURES, 'protected-sample.csv')).code).toBe(0);
    const lines = readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8').split(/\r?\n/);
    writeFileSync(smaller, [lines[0], ...lines.slice(3)].join('\n'));
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', smaller).code).toBe(3);
    expect(cli('import', '--data', data, '--recovery', rk, '--csv', smaller, '--confirm-removals').code).toBe(0);
    expect(cli('bundle', 'export', '--data', data, '--recovery', rk, '--out', bundle).code).toBe(0);
    const bytes = readFileSync(bundle);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(tampered, bytes);
    expect(cli('bundle', 'import', '--data', data, '--recovery', rk, '--in', tampered).code).toBe(1);

    const key = readRecoveryKeyText(readFileSync(rk, 'utf8'));
    const vault = await Vault.openWithRecovery({ dataDir: data }, key);
    try {
      const rows = await vault.database.all<{ terminal: string; actors: string; action: string; targets: string; detail: string }>('SELECT terminal, actors, action, targets, detail FROM audit_log ORDER BY seq');
      // Issue 19: the CLI's entries name this PC's terminal (issue 16: derived from the machine), as the app on that PC does — never 'cli'.
      const terminal = await cliTerminalId();
      expect(terminal).toMatch(/^T-[0-9a-f]{8}$/);
      expect(rows.some((r) => r.terminal === 'cli')).toBe(false);
      const cliRows = rows.filter((r) => r.terminal === terminal && JSON.parse(r.actors).includes('cli'));
      expect(cliRows.map((r) => r.action)).toEqual([
        'import.committed', 'import.refused', 'import.removal_confirmed', 'import.committed', 'bundle.exported', 'import.refused',
      ]);
      expect(JSON.parse(cliRows[1]!.detail)).toMatchObject({ code: 'E_IMPORT_CONFIRM_REQUIRED' });
      expect(JSON.parse(cliRows[2]!.targets)).toEqual([{ recordId: 'D0001' }, { recordId: 'D0002' }]);
      expect(JSON.parse(cliRows[4]!.detail)).toMatchObject({ persons: 148 });
      expect(JSON.parse(cliRows[5]!.detail)).toMatchObject({ source: 'bundle', code: 'E_BUNDLE_TAMPERED' });
      const text = JSON.stringify(rows);
      for (const s of sampleSecrets().all) expect(text).not.toContain(s);
      expect((await openVerifier(vault, data).verify()).ok).toBe(true);
    } finally {
      await vault.close();
    }
  });
});
