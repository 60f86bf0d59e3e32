/** Issue 15, defects 4 and 5: the full check before backup and export, leftovers, and what CURRENT names. */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault/vault';
import { tempDir } from '../vault/helpers';
import { cli, dbFile, errorCode, keyFile, rawSql, vaultWithSample } from './helpers';
import { testNow } from '../../clock';

async function sampleVault(): Promise<{ dir: string; dataDir: string; recoveryKey: string; key: string }> {
  const dir = tempDir('cs-files-');
  const dataDir = join(dir, 'data');
  const { recoveryKey } = await vaultWithSample(dataDir);
  return { dir, dataDir, recoveryKey, key: keyFile(dir, recoveryKey) };
}

describe('backup and bundle export refuse a vault that fails the full check (issue 15)', () => {
  it('a deleted persons row: status, backup and bundle export refuse, and no file is written', async () => {
    const { dir, dataDir, key } = await sampleVault();
    await rawSql(dbFile(dataDir), "DELETE FROM persons WHERE rid = 'D0005'");
    for (const args of [['status'], ['backup', '--out', join(dir, 'b.csbackup')], ['bundle', 'export', '--out', join(dir, 'l.csbundle')]]) {
      const [cmd, ...rest] = args;
      const sub = cmd === 'bundle' ? [cmd, rest.shift()!] : [cmd!];
      const r = await cli(...sub, '--data', dataDir, '--recovery', key, ...rest);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(errorCode(r)).toBe('E_VAULT_CORRUPT');
    }
    expect(existsSync(join(dir, 'b.csbackup'))).toBe(false);
    expect(existsSync(join(dir, 'l.csbundle'))).toBe(false);
  }, 90_000);

  it('a damaged sealed field (which the data key cannot open) is caught by the full check before a backup', async () => {
    const { dir, dataDir, recoveryKey } = await sampleVault();
    const [row] = (await rawSql(dbFile(dataDir), "SELECT s_honseki FROM persons WHERE rid = 'D0007'")) as { s_honseki: Buffer }[];
    row!.s_honseki[20] = row!.s_honseki[20]! ^ 0x01;
    await rawSql(dbFile(dataDir), "UPDATE persons SET s_honseki = ? WHERE rid = 'D0007'", [row!.s_honseki]);
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    // What the running app can check (bodies and roster) passes: the damage is in a sealed ciphertext.
    await expect(v.status()).resolves.toMatchObject({ persons: 150 });
    // Its tag (sealTags.ts) names the person; the advice differs from E_VAULT_CORRUPT's (a re-import repairs it).
    await expect(v.verifyFull({ recoveryKey })).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED', detail: { records: 'D0007' } });
    const { writeBackup } = await import('../../../electron/core/vault/backup');
    await expect(writeBackup(v, dataDir, join(dir, 'b.csbackup'), recoveryKey, testNow())).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED' });
    await expect(writeBackup(v, dataDir, join(dir, 'b.csbackup'), null, testNow())).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED' });
    expect(existsSync(join(dir, 'b.csbackup'))).toBe(false);
    await v.close();
  }, 60_000);
});

describe('leftovers and CURRENT (issue 15)', () => {
  it('open removes stale snapshots, journals, half-written files and databases CURRENT does not name', async () => {
    const { dataDir, recoveryKey } = await sampleVault();
    const live = dbFile(dataDir).split('/').pop()!;
    const junk = ['snapshot-0a1b2c3d4e5f.tmp', 'snapshot-0a1b2c3d4e5f.tmp-journal', 'vault-00112233445566ff.db', 'vault-00112233445566ff.db-wal', 'audit-head.json.1a2b3c4d.tmp'];
    for (const n of junk) writeFileSync(join(dataDir, n), 'x'.repeat(1000));
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    const names = readdirSync(dataDir);
    for (const n of junk) expect(names, n).not.toContain(n);
    expect(names).toContain(live);
    expect(names).toContain('CURRENT');
    // A snapshot (the backup's temporary copy) is readable by its owner only.
    const snap = join(dataDir, 'snapshot-aabbccddeeff.tmp');
    await v.snapshot(snap);
    expect(statSync(snap).mode & 0o777).toBe(0o600);
    unlinkSync(snap);
    await v.close();
  });

  it('a missing database named by CURRENT is reported and never created empty; a missing CURRENT beside a database says so', async () => {
    const { dataDir, recoveryKey, key } = await sampleVault();
    const db = dbFile(dataDir);
    const bytes = readFileSync(db);
    unlinkSync(db);
    await expect(Vault.openWithRecovery({ dataDir }, recoveryKey)).rejects.toMatchObject({ code: 'E_VAULT_DB_MISSING' });
    const st = await cli('status', '--data', dataDir, '--recovery', key);
    expect(errorCode(st)).toBe('E_VAULT_DB_MISSING');
    expect(existsSync(db)).toBe(false);

    writeFileSync(db, bytes);
    unlinkSync(join(dataDir, 'CURRENT'));
    const e = await Vault.openWithRecovery({ dataDir }, recoveryKey).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'E_VAULT_POINTER_MISSING' });
    expect((e as { ja: string }).ja).toContain('init');
    expect((e as { ja: string }).ja).not.toContain('初期設定（init）が必要');
    expect(readdirSync(dataDir).filter((n) => n.startsWith('vault-'))).toEqual([db.split('/').pop()]);
  }, 60_000);

  it('a file that is not a database is E_VAULT_CORRUPT (not a database), not E_INTERNAL', async () => {
    const { dataDir, recoveryKey } = await sampleVault();
    const db = dbFile(dataDir);
    for (const s of ['-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
    writeFileSync(db, Buffer.alloc(8192, 0x41));
    await expect(Vault.openWithRecovery({ dataDir }, recoveryKey)).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT', detail: { what: 'not-a-database' } });
  });
});
