/**
 * Encrypted backup and restore (SPEC F13). The backup is a snapshot of the (already encrypted) database,
 * encrypted again so the file alone is useless and any change to it fails authentication. Restore checks
 * everything — the file's tag, the recovery key, every record — before the live vault is touched, then switches
 * over with one atomic rename of CURRENT.
 *
 * Layout: "CSBACKUP" | version(1) | header length (u32 BE) | header JSON | AES-256-GCM(payload) (aead.ts layout).
 * The header is the additional data, so it cannot be altered either.
 * - version 2 (issue 17): the body key comes from an ephemeral X25519 exchange with the recovery key's public half
 *   (exportKey.ts), so an administrator's PIN is enough to make a backup and the recovery key is needed to restore.
 * - version 1 (before issue 17): the body key is scrypt(recovery key, salt). Still read; no longer written.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as aead from './aead';
import { currentDbPath, ensureDir, newDbName, pointAt, removeDbFiles, writeFileAtomic, fsyncDir } from './dataDir';
import { vaultErrors } from './errors';
import { openFrom, pinExportKey, pinnedExportKey, sealTo, type Envelope } from './exportKey';
import { lockDataDir } from './lock';
import { deriveRecoveryKeks, parseRecoveryKey, SCRYPT } from './recoveryKey';
import { Vault, type VaultDeps } from './vault';

const MAGIC = Buffer.from('CSBACKUP', 'ascii');
const V1 = 1;
const V2 = 2;
const ALG = 'x25519-hkdf-sha256-aes-256-gcm';

interface V1Header { createdAt: string; kdf: 'scrypt'; N: number; r: number; p: number; salt: string }
interface V2Header extends Envelope { createdAt: string; alg: typeof ALG }

const aadOf = (version: number, headerBytes: Buffer) => Buffer.concat([MAGIC, Buffer.of(version), headerBytes]).toString('base64');
const headerJson = (createdAt: string, env: Envelope) => Buffer.from(JSON.stringify({ createdAt, alg: ALG, ...env } satisfies V2Header), 'utf8');

export type BackupCheck = 'full' | 'sealed-tags';

export interface BackupWritten {
  /** The recovery key's public half was stored in this vault just now (a vault made before issue 17): audit it. */
  pinnedNow: boolean;
  /**
   * 'full' with the recovery key (every sealed field opened under its epoch key and its tag checked);
   * 'sealed-tags' with a PIN only (every record, the roster and every sealed ciphertext authenticated by its tag
   * under the data key — sealTags.ts; restore still opens every field).
   */
  checked: BackupCheck;
}

/**
 * With the recovery key: the key is checked against the vault, the full check runs and the public half is pinned.
 * Without it (null): the pinned public key is used and the check covers what the data key can see — which, with
 * the sealed-field tags, is every ciphertext too.
 */
export async function writeBackup(vault: Vault, dataDir: string, outFile: string, recoveryKey: string | null, now: Date): Promise<BackupWritten> {
  let pinnedNow = false;
  if (recoveryKey !== null) {
    // A backup under a key that does not open the vault could never be restored, and a backup of a damaged vault
    // would be refused by restore: check both first (issue 15).
    await vault.verifyRecoveryKey(recoveryKey);
    await vault.verifyFull({ recoveryKey });
    pinnedNow = await pinExportKey(vault, recoveryKey);
  } else {
    // Issue 15: the sealed fields too, by their tags — a damaged one is refused here, not by restore months later.
    await vault.verifyTagged();
  }
  const recipient = await pinnedExportKey(vault);
  if (!recipient) throw vaultErrors.exportKeyMissing();
  const tmp = join(dataDir, `snapshot-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await vault.snapshot(tmp);
    const payload = await readFile(tmp);
    const createdAt = now.toISOString();
    let headerBytes = Buffer.alloc(0);
    const { body } = sealTo(recipient, payload, (env) => aadOf(V2, (headerBytes = headerJson(createdAt, env))));
    payload.fill(0);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBytes.length);
    await writeFileAtomic(outFile, Buffer.concat([MAGIC, Buffer.of(V2), len, headerBytes, body]));
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return { pinnedNow, checked: recoveryKey !== null ? 'full' : 'sealed-tags' };
}

function parseJson<T>(bytes: Buffer): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw vaultErrors.backupInvalid('header');
  }
}

function decryptBackup(file: Buffer, recoveryKey: string): Buffer {
  if (file.length < MAGIC.length + 5 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw vaultErrors.backupInvalid('not-a-backup');
  const version = file[MAGIC.length]!;
  if (version !== V1 && version !== V2) throw vaultErrors.backupInvalid('version');
  const hlen = file.readUInt32BE(MAGIC.length + 1);
  const hstart = MAGIC.length + 5;
  if (hlen > 4096 || hstart + hlen > file.length) throw vaultErrors.backupInvalid('header');
  const headerBytes = file.subarray(hstart, hstart + hlen);
  const body = file.subarray(hstart + hlen);
  const aad = aadOf(version, headerBytes);
  let plain: Buffer | undefined;
  if (version === V2) {
    const h = parseJson<V2Header>(headerBytes);
    if (h.alg !== ALG || typeof h.eph !== 'string' || typeof h.to !== 'string') throw vaultErrors.backupInvalid('header');
    plain = openFrom(recoveryKey, { eph: h.eph, to: h.to }, body, aad);
  } else {
    const h = parseJson<V1Header>(headerBytes);
    if (h.kdf !== 'scrypt' || h.N !== SCRYPT.N || h.r !== SCRYPT.r || h.p !== SCRYPT.p) throw vaultErrors.backupInvalid('kdf');
    // The data-key half of the recovery KDF output, with a salt of its own: never the vault's own wrapping key.
    plain = aead.tryOpen(deriveRecoveryKeks(parseRecoveryKey(recoveryKey), Buffer.from(h.salt, 'base64')).dataKek, body, aad);
  }
  if (!plain) throw vaultErrors.backupInvalid('authentication');
  return plain;
}

/** A checked candidate database beside the live one, not yet in force (cleaned up at the next open if left behind). */
export interface PreparedRestore { readonly candidate: string }

/**
 * Decrypts the backup, writes it as a new database file beside the live one and checks it whole (the recovery key
 * opens it, every record and sealed field authenticates); `beforeSwitch` has the last word. The live vault is not
 * touched, so this may run while the app still has it open. On any failure the candidate is gone again.
 */
export async function prepareRestore(deps: VaultDeps, source: string | Uint8Array, recoveryKey: string, opts: RestoreOptions = {}): Promise<PreparedRestore> {
  parseRecoveryKey(recoveryKey);
  const file = typeof source === 'string' ? await readFile(source) : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  return prepareFrom(deps, decryptBackup(file, recoveryKey), recoveryKey, opts);
}

export interface RestoreOptions { beforeSwitch?: (candidate: Vault) => Promise<void> }

async function prepareFrom(deps: VaultDeps, payload: Buffer, recoveryKey: string, opts: RestoreOptions): Promise<PreparedRestore> {
  await ensureDir(deps.dataDir);
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
  } finally {
    payload.fill(0);
  }
  return { candidate };
}

/**
 * Puts a prepared candidate in force with one rename of CURRENT, under the folder's lock (no Vault may be open on
 * the folder). The database it replaced is kept under a name the next open does not clear as a leftover, until the
 * caller knows the new one opens (`finishSwitch`) or puts it back (`undoSwitch`).
 */
export async function switchToPrepared(deps: VaultDeps, p: PreparedRestore): Promise<{ previous: string | undefined }> {
  const lock = lockDataDir(deps.dataDir);
  try {
    const r = await pointAtCandidate(deps, p);
    // CURRENT first: a kill before this rename leaves the restored vault in force and the old file a leftover.
    if (r.previous) await moveDbFiles(r.previous, `${r.previous}${KEPT}`);
    return r;
  } finally {
    lock.release();
  }
}

const KEPT = '.restore-previous';

async function moveDbFiles(from: string, to: string): Promise<void> {
  await rename(from, to);
  for (const suffix of ['-wal', '-shm']) await rename(from + suffix, to + suffix).catch(() => undefined);
}

async function pointAtCandidate(deps: VaultDeps, p: PreparedRestore): Promise<{ previous: string | undefined }> {
  fsyncDir(deps.dataDir);
  const previous = await currentDbPath(deps.dataDir);
  await pointAt(deps.dataDir, p.candidate);
  return { previous: previous !== p.candidate ? previous : undefined };
}

/** The restored vault opened: the one it replaced goes. */
export async function finishSwitch(previous: string | undefined): Promise<void> {
  if (previous) await removeDbFiles(`${previous}${KEPT}`);
}

/** The old database back in force under its own name (the restored one did not open), the candidate removed. */
export async function undoSwitch(deps: VaultDeps, p: PreparedRestore, previous: string | undefined): Promise<void> {
  const lock = lockDataDir(deps.dataDir);
  try {
    if (previous) {
      await moveDbFiles(`${previous}${KEPT}`, previous);
      await pointAt(deps.dataDir, previous);
    }
    await removeDbFiles(p.candidate);
  } finally {
    lock.release();
  }
}

export const discardPrepared = (p: PreparedRestore): Promise<void> => removeDbFiles(p.candidate);

/**
 * Replaces the vault in `deps.dataDir` with the backup, or changes nothing. No Vault may be open on the
 * folder while this runs (the app's screen uses the steps above and closes its vault between them).
 */
export async function restoreBackup(deps: VaultDeps, inFile: string, recoveryKey: string, opts: RestoreOptions = {}): Promise<void> {
  parseRecoveryKey(recoveryKey);
  const payload = decryptBackup(await readFile(inFile), recoveryKey);
  await ensureDir(deps.dataDir);
  // The folder's one lock for the rest: no app or other command may open the vault while it is replaced.
  const lock = lockDataDir(deps.dataDir);
  try {
    const p = await prepareFrom(deps, payload, recoveryKey, opts);
    const { previous } = await pointAtCandidate(deps, p).catch(async (e: unknown) => {
      await discardPrepared(p);
      throw e;
    });
    if (previous) await removeDbFiles(previous);
  } finally {
    lock.release();
  }
}
