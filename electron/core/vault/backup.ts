/**
 * Encrypted backup and restore (SPEC F13). The backup is a snapshot of the (already encrypted) database,
 * encrypted again under a key derived from the recovery key, so the file alone is useless and any change to
 * it fails authentication. Restore checks everything — the file's tag, the recovery key, every record — before
 * the live vault is touched, then switches over with one atomic rename of CURRENT.
 *
 * Layout: "CSBACKUP" | version(1) | header length (u32 BE) | header JSON | AES-256-GCM(payload) (aead.ts layout).
 * The header (KDF salt, creation time, vault id) is the additional data, so it cannot be altered either.
 */
import { randomBytes } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as aead from './aead';
import { currentDbPath, ensureDir, newDbName, pointAt, removeDbFiles, writeFileAtomic, fsyncDir } from './dataDir';
import { vaultErrors } from './errors';
import { lockDataDir } from './lock';
import { deriveRecoveryKeks, parseRecoveryKey, SCRYPT } from './recoveryKey';
import { Vault, type VaultDeps } from './vault';

const MAGIC = Buffer.from('CSBACKUP', 'ascii');
const VERSION = 1;

interface BackupHeader {
  createdAt: string;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

function backupKey(recoveryKey: string, salt: Uint8Array): Buffer {
  // The data-key half of the recovery KDF output, with a salt of its own: never the vault's own wrapping key.
  return deriveRecoveryKeks(parseRecoveryKey(recoveryKey), salt).dataKek;
}

const aadOf = (headerBytes: Buffer) => Buffer.concat([MAGIC, Buffer.of(VERSION), headerBytes]).toString('base64');

export async function writeBackup(vault: Vault, dataDir: string, outFile: string, recoveryKey: string, now: Date): Promise<void> {
  // A backup under a key that does not open the vault could never be restored, and a backup of a damaged vault
  // would be refused by restore: check both first (issue 15).
  await vault.verifyRecoveryKey(recoveryKey);
  await vault.verifyFull({ recoveryKey });
  const tmp = join(dataDir, `snapshot-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await vault.snapshot(tmp);
    const payload = await readFile(tmp);
    const salt = randomBytes(16);
    const header: BackupHeader = { createdAt: now.toISOString(), kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64') };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBytes.length);
    const body = aead.seal(backupKey(recoveryKey, salt), payload, aadOf(headerBytes));
    await writeFileAtomic(outFile, Buffer.concat([MAGIC, Buffer.of(VERSION), len, headerBytes, body]));
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function decryptBackup(file: Buffer, recoveryKey: string): Buffer {
  if (file.length < MAGIC.length + 5 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw vaultErrors.backupInvalid('not-a-backup');
  if (file[MAGIC.length] !== VERSION) throw vaultErrors.backupInvalid('version');
  const hlen = file.readUInt32BE(MAGIC.length + 1);
  const hstart = MAGIC.length + 5;
  if (hlen > 4096 || hstart + hlen > file.length) throw vaultErrors.backupInvalid('header');
  const headerBytes = file.subarray(hstart, hstart + hlen);
  let header: BackupHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader;
  } catch {
    throw vaultErrors.backupInvalid('header');
  }
  if (header.kdf !== 'scrypt' || header.N !== SCRYPT.N || header.r !== SCRYPT.r || header.p !== SCRYPT.p) throw vaultErrors.backupInvalid('kdf');
  const plain = aead.tryOpen(backupKey(recoveryKey, Buffer.from(header.salt, 'base64')), file.subarray(hstart + hlen), aadOf(headerBytes));
  if (!plain) throw vaultErrors.backupInvalid('authentication');
  return plain;
}

/**
 * Replaces the vault in `deps.dataDir` with the backup, or changes nothing. No Vault may be open on the
 * folder while this runs (the app closes its vault first).
 */
export async function restoreBackup(deps: VaultDeps, inFile: string, recoveryKey: string, opts: { beforeSwitch?: (candidate: Vault) => Promise<void> } = {}): Promise<void> {
  parseRecoveryKey(recoveryKey);
  const payload = decryptBackup(await readFile(inFile), recoveryKey);
  await ensureDir(deps.dataDir);
  // The folder's one lock: no app or other command may have the vault open while it is replaced.
  const lock = lockDataDir(deps.dataDir);
  try {
    await switchTo(deps, payload, recoveryKey, opts);
  } finally {
    lock.release();
  }
}

async function switchTo(deps: VaultDeps, payload: Buffer, recoveryKey: string, opts: { beforeSwitch?: (candidate: Vault) => Promise<void> }): Promise<void> {
  const candidate = join(deps.dataDir, newDbName());
  try {
    await writeFile(candidate, payload, { mode: 0o600, flag: 'wx' });
    const v = await Vault.openFile(deps, candidate, recoveryKey).catch((e: unknown) => {
      throw (e as { code?: string }).code === 'E_RECOVERY_KEY_WRONG' ? e : vaultErrors.backupInvalid('content');
    });
    try {
      try {
        await v.verifyFull({ recoveryKey });
      } catch {
        throw vaultErrors.backupInvalid('content');
      }
      // Issue 14: the caller's last word before the switch (a restore that would end protection needs confirming).
      await opts.beforeSwitch?.(v);
    } finally {
      await v.close();
    }
  } catch (e) {
    await removeDbFiles(candidate);
    throw e;
  }
  fsyncDir(deps.dataDir);
  const previous = await currentDbPath(deps.dataDir);
  await pointAt(deps.dataDir, candidate);
  if (previous && previous !== candidate) await removeDbFiles(previous);
}
