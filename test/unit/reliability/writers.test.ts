/** Issue 15, defect 1: one writer at a time, and an import's plan is the plan it commits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { tempDir } from '../vault/helpers';
import { cli, errorCode, keyFile, SAMPLE, sampleWithout, vaultWithSample } from './helpers';

describe('one writer at a time (issue 15)', () => {
  it('a second open of the folder is told 使用中 at once, naming the holder (pid, program, account)', async () => {
    const dir = tempDir('cs-writers-');
    const dataDir = join(dir, 'data');
    const { recoveryKey } = await vaultWithSample(dataDir);
    const first = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    const t0 = performance.now();
    const second = await Vault.openWithRecovery({ dataDir }, recoveryKey).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(second).toMatchObject({ code: 'E_VAULT_IN_USE' });
    expect((second as Error & { ja: string }).ja).toContain('使用中');
    expect((second as Error & { ja: string }).ja).toContain(`pid ${process.pid}`);

    // The CLI — another process — is refused the same way while the vault is held, for a write as for a read.
    const key = keyFile(dir, recoveryKey);
    const { file } = sampleWithout(dir, 0, 'same.csv');
    const imp = await cli('import', '--data', dataDir, '--recovery', key, '--csv', file);
    expect(imp.code).toBe(1);
    expect(errorCode(imp)).toBe('E_VAULT_IN_USE');
    expect(imp.stderr).toContain(`pid ${process.pid}`);
    expect(imp.stderr).not.toMatch(/E_INTERNAL|at .*\.ts:\d+/);
    await first.close();

    // Released on close: the next writer gets in.
    const st = await cli('status', '--data', dataDir, '--recovery', key);
    expect(st.code, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ persons: 150 });
  }, 60_000);

  it('two imports at once: the loser is told 使用中 (never E_INTERNAL) and no write is lost', async () => {
    const dir = tempDir('cs-writers-');
    const dataDir = join(dir, 'data');
    const { recoveryKey } = await vaultWithSample(dataDir);
    const key = keyFile(dir, recoveryKey);
    const { file } = sampleWithout(dir, 0, 'same.csv');
    const runs = await Promise.all([1, 2, 3].map(() => cli('import', '--data', dataDir, '--recovery', key, '--csv', file)));
    for (const r of runs) {
      if (r.code !== 0) expect(errorCode(r), r.stderr).toBe('E_VAULT_IN_USE');
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
  }, 60_000);

  it('a plan made against an older list is refused with E_IMPORT_PLAN_CHANGED and ends nobody’s protection', async () => {
    const dir = tempDir('cs-writers-');
    const dataDir = join(dir, 'data');
    const { vault } = await Vault.create({ dataDir });
    const { file: small } = sampleWithout(dir, 10, 'small.csv');
    expect((await vault.commit(readFileSync(small))).ok).toBe(true);
    // The large import is planned (dry run) and confirmed against the 140-person list …
    const big = readFileSync(small);
    const plan = await vault.dryRun(big);
    expect(plan.ok && plan.summary.removed).toEqual([]);
    // … meanwhile another import adds the ten people …
    expect((await vault.commit(readFileSync(SAMPLE))).ok).toBe(true);
    // … so the confirmed plan no longer describes what the commit would do: it would remove those ten.
    const r = await vault.commit(big, { planHash: plan.ok ? plan.summary.planHash : '', confirmRemovals: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'E_IMPORT_PLAN_CHANGED' } });
    expect((await vault.status()).persons).toBe(150);
    // Even the same file against the same persons is another plan once the list version has moved on.
    const again = await vault.dryRun(readFileSync(SAMPLE));
    expect((await vault.commit(readFileSync(SAMPLE))).ok).toBe(true);
    const stale = await vault.commit(readFileSync(SAMPLE), { planHash: again.ok ? again.summary.planHash : '' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'E_IMPORT_PLAN_CHANGED' } });
    await vault.close();
  }, 60_000);

  it('two commits on one vault handle at once: the second is told busy, not E_INTERNAL', async () => {
    const dir = tempDir('cs-writers-');
    const { vault } = await Vault.create({ dataDir: join(dir, 'data') });
    const bytes = readFileSync(SAMPLE);
    const [a, b] = await Promise.allSettled([vault.commit(bytes), vault.commit(bytes)]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'E_VAULT_BUSY' } });
    expect((await vault.status()).persons).toBe(150);
    await vault.close();
  });
});
