/**
 * Issue 17: the backup file's envelope. Written to the recovery key's public half (an administrator's PIN is
 * enough to make one), opened only with the recovery key; a file from before issue 17 (scrypt-keyed) still
 * restores; a vault made before issue 17 is told to take its first backup with the recovery key, which stores the
 * public half (audited) so every later one needs a PIN only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdminCommand, ADMIN_EXIT } from '../../../electron/core/admin';
import { queryAudit } from '../../../electron/core/audit';
import * as aead from '../../../electron/core/vault/aead';
import { restoreBackup } from '../../../electron/core/vault/backup';
import { deriveRecoveryKeks, parseRecoveryKey, SCRYPT } from '../../../electron/core/vault/recoveryKey';
import { Vault } from '../../../electron/core/vault/vault';
import { tempDir } from '../vault/helpers';
import { A1, adminFixture, consoleWith } from './fixture';

/** A backup as the version before issue 17 wrote it, composed here from the same primitives. */
async function legacyBackup(dataDir: string, recoveryKey: string, out: string): Promise<void> {
  const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  const snap = join(dataDir, '..', `snap-${randomBytes(4).toString('hex')}.db`);
  try {
    await v.snapshot(snap);
  } finally {
    await v.close();
  }
  const salt = randomBytes(16);
  const header = Buffer.from(JSON.stringify({ createdAt: '2026-04-01T00:00:00.000Z', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64') }), 'utf8');
  const magic = Buffer.from('CSBACKUP', 'ascii');
  const aad = Buffer.concat([magic, Buffer.of(1), header]).toString('base64');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  const body = aead.seal(deriveRecoveryKeks(parseRecoveryKey(recoveryKey), salt).dataKek, readFileSync(snap), aad);
  writeFileSync(out, Buffer.concat([magic, Buffer.of(1), len, header, body]));
}

describe('the backup envelope', () => {
  it('--admin backup with a PIN only, restored with the recovery key; an old-format file still restores', async () => {
    const fx = await adminFixture();
    const file = join(fx.dataDir, '..', `b-${randomBytes(4).toString('hex')}.csbackup`);
    const r = await runAdminCommand(['backup', '--file', file, '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(r.code).toBe(ADMIN_EXIT.ok);
    expect(JSON.parse(r.output)).toMatchObject({ ok: true, result: { persons: 150, checked: 'sealed-tags' } });
    expect(readFileSync(file).toString('utf8')).not.toContain('scrypt');

    const elsewhere = tempDir('cs-restore-');
    await restoreBackup({ dataDir: elsewhere }, file, fx.recoveryKey);
    const v = await Vault.openWithRecovery({ dataDir: elsewhere }, fx.recoveryKey);
    expect((await v.status()).persons).toBe(150);
    await v.close();

    const old = join(fx.dataDir, '..', `old-${randomBytes(4).toString('hex')}.csbackup`);
    await legacyBackup(fx.dataDir, fx.recoveryKey, old);
    const third = tempDir('cs-restore-');
    await restoreBackup({ dataDir: third }, old, fx.recoveryKey);
    const w = await Vault.openWithRecovery({ dataDir: third }, fx.recoveryKey);
    expect((await w.status()).persons).toBe(150);
    await w.close();
    // Changing the old file's header (its salt) is refused like any change.
    const bytes = readFileSync(old);
    const at = bytes.indexOf(Buffer.from('"salt":"', 'utf8')) + 8;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(old, bytes);
    await expect(restoreBackup({ dataDir: tempDir('cs-restore-') }, old, fx.recoveryKey)).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
  });

  it('a vault made before issue 17 asks for the recovery key once; that backup stores the public half, audited, and then a PIN is enough', async () => {
    const fx = await adminFixture();
    const v = await Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey);
    await v.database.run('DELETE FROM export_key');
    await v.close();
    const name = () => join(fx.dataDir, '..', `b-${randomBytes(4).toString('hex')}.csbackup`);
    const refused = await runAdminCommand(['backup', '--file', name(), '--by', A1.staffId], fx.env, consoleWith([A1.pin]));
    expect(refused.code).not.toBe(ADMIN_EXIT.ok);
    expect(refused.output).toContain('E_BACKUP_KEY_NOT_SET');
    expect(refused.output).toContain('初回の 1回だけ、回復キーを入力して');

    const withKey = await runAdminCommand(['backup', '--file', name(), '--by', A1.staffId, '--recovery', fx.recoveryFile, '--json'], fx.env, consoleWith([A1.pin]));
    expect(JSON.parse(withKey.output)).toMatchObject({ ok: true, result: { checked: 'full', exportKeyPinned: true } });
    const pinOnly = await runAdminCommand(['backup', '--file', name(), '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(JSON.parse(pinOnly.output)).toMatchObject({ ok: true, result: { checked: 'sealed-tags', exportKeyPinned: false } });

    const a = await Vault.openWithRecovery({ dataDir: fx.dataDir }, fx.recoveryKey);
    const entries = (await queryAudit(a.database, { limit: 5000 })).filter((e) => e.action === 'vault.backup_written');
    await a.close();
    // Newest first.
    expect(entries.map((e) => (e.detail as { exportKeyPinned?: boolean }).exportKeyPinned ?? false)).toEqual([false, true]);
  });
});
