/** `bundle export` / `bundle import` for IT: exit codes, the confirmation gate, and a tampered file changing nothing. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, tempDir } from '../vault/helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bundle CLI (F13)', () => {
  it('export on one PC, import on a restored PC; removals need --confirm-removals; a flipped byte is refused', () => {
    const dir = tempDir('cs-bundle-cli-');
    const [a, b, rk, bk, bundle, smaller] = ['a', 'b', 'rk.txt', 'v.csbackup', 'list.csbundle', 'small.csv'].map((n) => join(dir, n)) as [string, string, string, string, string, string];
    expect(cli('init', '--data', a, '--recovery-out', rk).code).toBe(0);
    expect(cli('backup', '--data', a, '--recovery', rk, '--out', bk).code).toBe(0);
    expect(cli('restore', '--data', b, '--recovery', rk, '--in', bk).code).toBe(0);
    expect(cli('import', '--data', a, '--recovery', rk, '--csv', join(FIXTURES, 'protected-sample.csv')).code).toBe(0);

    const ex = cli('bundle', 'export', '--data', a, '--recovery', rk, '--out', bundle);
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.out)).toMatchObject({ exported: true, persons: 150 });
    expect(cli('bundle', 'export', '--data', a, '--recovery', rk, '--out', bundle).code).toBe(1);

    const dry = cli('bundle', 'import', '--data', b, '--recovery', rk, '--in', bundle, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, committed: false, added: 150 });
    expect(cli('bundle', 'import', '--data', b, '--recovery', rk, '--in', bundle).code).toBe(0);
    const status = cli('status', '--data', b, '--recovery', rk).out;
    expect(JSON.parse(status)).toMatchObject({ persons: 150 });

    const lines = readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8').split(/\r?\n/);
    writeFileSync(smaller, [lines[0], ...lines.slice(3)].join('\n'));
    expect(cli('import', '--data', a, '--recovery', rk, '--csv', smaller, '--confirm-removals').code).toBe(0);
    const bundle2 = join(dir, 'list2.csbundle');
    expect(cli('bundle', 'export', '--data', a, '--recovery', rk, '--out', bundle2).code).toBe(0);

    const tampered = join(dir, 'tampered.csbundle');
    const bytes = readFileSync(bundle2);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(tampered, bytes);
    const t = cli('bundle', 'import', '--data', b, '--recovery', rk, '--in', tampered, '--confirm-removals');
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/^エラー \[E_BUNDLE_TAMPERED\]: .+\nError \[E_BUNDLE_TAMPERED\]: /);
    expect(t.err).not.toMatch(/\bat .+:\d+:\d+/);

    const needs = cli('bundle', 'import', '--data', b, '--recovery', rk, '--in', bundle2);
    expect(needs.code).toBe(3);
    expect(needs.err).toMatch(/E_IMPORT_CONFIRM_REQUIRED/);
    expect(JSON.parse(needs.out).removed).toHaveLength(2);
    expect(cli('status', '--data', b, '--recovery', rk).out).toBe(status);
    expect(cli('bundle', 'import', '--data', b, '--recovery', rk, '--in', bundle2, '--confirm-removals').code).toBe(0);
    expect(JSON.parse(cli('status', '--data', b, '--recovery', rk).out)).toMatchObject({ persons: 148 });
    expect(cli('bundle', 'frobnicate').code).toBe(2);
  });
});
