/**
 * Issue 15, defect 3: a full disk is not tampering. The data folder lives on a small tmpfs (the real ENOSPC /
 * SQLITE_FULL path, no injected error); skipped where mounting is not allowed (not root).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../vault/helpers';
import { cli, errorCode, keyFile, SAMPLE, sampleWithout, vaultWithSample } from './helpers';

const root = process.getuid?.() === 0 && process.platform === 'linux';
let mnt = '';
let mounted = false;

/** Fills the file system until ENOSPC, leaving about `leave` bytes. */
function fill(dir: string, leave = 0): string {
  const f = join(dir, 'filler.bin');
  const fd = openSync(f, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    /* ENOSPC */
  } finally {
    closeSync(fd);
  }
  if (leave > 0) execFileSync('truncate', ['-s', `-${leave}`, f]);
  return f;
}

describe.skipIf(!root)('a full disk (issue 15)', () => {
  beforeAll(() => {
    mnt = tempDir('cs-full-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
      mounted = true;
    } catch {
      mounted = false;
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });

  it('is called a full disk by every command, never E_VAULT_CORRUPT, 改ざん or E_INTERNAL, and the vault is intact afterwards', async () => {
    if (!mounted) return;
    const work = tempDir('cs-full-work-');
    const seed = join(work, 'seed');
    const { recoveryKey } = await vaultWithSample(seed);
    const dataDir = join(mnt, 'data');
    cpSync(seed, dataDir, { recursive: true });
    const key = keyFile(work, recoveryKey);
    const out = join(mnt, 'out');
    mkdirSync(out);
    const { file: minus } = sampleWithout(work, 3);

    const filler = fill(mnt);
    const runs = {
      status: await cli('status', '--data', dataDir, '--recovery', key),
      verify: await cli('audit', 'verify', '--data', dataDir, '--recovery', key),
      backup: await cli('backup', '--data', dataDir, '--recovery', key, '--out', join(out, 'b.csbackup')),
      import: await cli('import', '--data', dataDir, '--recovery', key, '--csv', minus, '--confirm-removals'),
      bundle: await cli('bundle', 'export', '--data', dataDir, '--recovery', key, '--out', join(out, 'l.csbundle')),
      checkpoint: await cli('audit', 'checkpoint', '--data', dataDir, '--recovery', key, '--out', join(out, 'cp.json')),
    };
    for (const [name, r] of Object.entries(runs)) {
      expect(r.stderr, name).not.toMatch(/E_VAULT_CORRUPT|改ざん|バックアップから復元|E_INTERNAL/);
      if (r.code !== 0) {
        expect(errorCode(r), `${name}: ${r.stderr}`).toBe('E_VAULT_DISK_FULL');
        expect(r.stderr, name).toContain('復元はしないでください');
      }
    }
    // The import needs room; it cannot have succeeded.
    expect(runs.import.code).toBe(1);

    // Room for the lock and the WAL's first pages, not for the import: sqlite itself runs out (SQLITE_FULL).
    unlinkSync(filler);
    fill(mnt, 96 * 1024);
    const partial = await cli('import', '--data', dataDir, '--recovery', key, '--csv', SAMPLE);
    expect(partial.stderr).not.toMatch(/E_VAULT_CORRUPT|改ざん|E_INTERNAL/);
    if (partial.code !== 0) expect(errorCode(partial), partial.stderr).toBe('E_VAULT_DISK_FULL');

    // Space again: nothing was lost, nothing half-written, and the log still verifies.
    unlinkSync(join(mnt, 'filler.bin'));
    const st = await cli('status', '--data', dataDir, '--recovery', key);
    expect(st.code, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ persons: 150 });
    const v = await cli('audit', 'verify', '--data', dataDir, '--recovery', key);
    expect(v.code, v.stderr).toBe(0);
    expect(existsSync(join(out, 'b.csbackup'))).toBe(false);
  }, 180_000);
});
