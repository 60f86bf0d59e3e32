import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, tempDir } from './helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the vault CLI for IT (F13)', () => {
  it('init → import → status; refusals print Japanese then English, exit non-zero, never a stack trace, and change nothing', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const rk = join(dir, 'recovery.txt');
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    expect(statSync(rk).mode & 0o777).toBe(0o600);
    expect(cli('init', '--data', data, '--recovery-out', join(dir, 'again.txt')).code).not.toBe(0);

    const imp = cli('import', '--data', data, '--recovery', rk, '--csv', join(FIXTURES, 'protected-sample.csv'));
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.out)).toMatchObject({ committed: true, added: 150 });
    expect(imp.err).toMatch(/150\/150/);
    const status = cli('status', '--data', data, '--recovery', rk);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ persons: 150 });
    expect(status.out.trim().split('\n')).toHaveLength(1);

    const bad = cli('import', '--data', data, '--recovery', rk, '--csv', join(FIXTURES, 'bad', 'unterminated-quote.csv'), '--confirm-removals');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^エラー \[E_IMPORT_INVALID\]: .+\nError \[E_IMPORT_INVALID\]: /);
    expect(bad.err).toMatch(/引用符/);
    expect(bad.err).not.toMatch(/\bat .+:\d+:\d+/);
    const sjis = cli('import', '--data', data, '--recovery', rk, '--csv', join(FIXTURES, 'protected-sample.sjis.csv'));
    expect(sjis.code).toBe(3);
    expect(cli('status', '--data', data, '--recovery', rk).out).toBe(status.out);

    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, 'not a key\n');
    const w = cli('status', '--data', data, '--recovery', wrong);
    expect(w.code).not.toBe(0);
    expect(w.err).toMatch(/回復キー/);
    expect(cli('status', '--data', data).code).not.toBe(0);
  }, 120_000);
});

describe('CLI exports never overwrite', () => {
  it('backup and bundle export refuse an existing output file in Japanese, leaving it untouched', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const rk = join(dir, 'recovery.txt');
    expect(cli('init', '--data', data, '--recovery-out', rk).code).toBe(0);
    const out = join(dir, 'existing.bin');
    writeFileSync(out, 'keep me');
    for (const args of [['backup', '--data', data, '--recovery', rk, '--out', out], ['bundle', 'export', '--data', data, '--recovery', rk, '--out', out]]) {
      const r = cli(...args);
      expect(r.code, args[0]).not.toBe(0);
      expect(r.err).toContain('E_CLI_OUT_EXISTS');
      expect(r.err).toContain('上書きはしません');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
    }
  });
});

describe('the CLI process', () => {
  it('runs with the V8 flags the import bench measured (issue 3: peak memory of a 100,000-row import)', async () => {
    const { CLI_V8_FLAGS } = await import('../../bench/vault.bench');
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.cli).toBe(`node ${CLI_V8_FLAGS.join(' ')} --import tsx electron/cli/main.ts`);
  });
});
