/**
 * The key hierarchy on disk (docs/vault.md has the diagram):
 *   data key  ── wrapped by the OS key protector (one slot per enrolled account/PC)
 *             └─ wrapped by the recovery key (scrypt → AES-256-GCM)
 *   sealing private key ── wrapped by the recovery key, and later by each approver's PIN-derived key;
 *                          never by the data key, so the running app alone cannot open sealed fields.
 */
import { randomBytes } from 'node:crypto';
import * as aead from './aead';
import type { Db } from './db';
import { vaultErrors } from './errors';
import type { KeyProtector } from './keyProtector';
import { deriveSubKeys, keyCheck, sameBytes } from './keys';
import { deriveRecoveryKeks, SCRYPT } from './recoveryKey';

const AAD_RECOVERY_SLOT = 'cs/v1|keyslot|recovery';
const aadSealWrap = (wrapId: string) => `cs/v1|sealwrap|${wrapId}`;
export const RECOVERY_WRAP_ID = 'recovery';

interface RecoveryParams {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

export async function writeRecoverySlot(db: Db, dataKey: Uint8Array, recovery: Uint8Array): Promise<Buffer> {
  const salt = randomBytes(16);
  const { dataKek, sealKek } = deriveRecoveryKeks(recovery, salt);
  const params: RecoveryParams = { kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64') };
  await db.run('INSERT OR REPLACE INTO key_slots (slot_id, kind, params, blob) VALUES (?, ?, ?, ?)', [
    'recovery', 'recovery', JSON.stringify(params), aead.seal(dataKek, dataKey, AAD_RECOVERY_SLOT),
  ]);
  await db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', ['key_check', keyCheck(deriveSubKeys(dataKey))]);
  return sealKek;
}

/** Unwraps the data key with the recovery key; also returns the KEK that opens the sealing key wrap. */
export async function unlockWithRecovery(db: Db, recovery: Uint8Array): Promise<{ dataKey: Buffer; sealKek: Buffer }> {
  const slot = await db.get<{ params: string; blob: Buffer }>("SELECT params, blob FROM key_slots WHERE slot_id = 'recovery'");
  if (!slot) throw vaultErrors.corrupt('recovery-slot');
  const p = JSON.parse(slot.params) as RecoveryParams;
  if (p.kdf !== 'scrypt' || p.N !== SCRYPT.N || p.r !== SCRYPT.r || p.p !== SCRYPT.p) throw vaultErrors.corrupt('recovery-slot');
  const { dataKek, sealKek } = deriveRecoveryKeks(recovery, Buffer.from(p.salt, 'base64'));
  const dataKey = aead.tryOpen(dataKek, slot.blob, AAD_RECOVERY_SLOT);
  if (!dataKey) throw vaultErrors.wrongRecoveryKey();
  await verifyKeyCheck(db, dataKey);
  return { dataKey, sealKek };
}

async function verifyKeyCheck(db: Db, dataKey: Uint8Array): Promise<void> {
  const row = await db.get<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  if (!row || !sameBytes(row.value, keyCheck(deriveSubKeys(dataKey)))) throw vaultErrors.corrupt('key-check');
}

export async function requireProtector(protector: KeyProtector): Promise<void> {
  if (!(await protector.isAvailable().catch(() => false))) throw vaultErrors.keyProtectionUnavailable();
}

export async function writeProtectorSlot(db: Db, protector: KeyProtector, slotId: string, dataKey: Uint8Array): Promise<void> {
  await requireProtector(protector);
  const blob = await protector.protect(dataKey);
  await db.run('INSERT OR REPLACE INTO key_slots (slot_id, kind, params, blob) VALUES (?, ?, ?, ?)', [
    `protector:${slotId}`, 'protector', '{}', Buffer.from(blob),
  ]);
}

/** Tries every enrolled slot; none opening on this account/PC means enrolment with the recovery key. */
export async function unlockWithProtector(db: Db, protector: KeyProtector): Promise<Buffer> {
  await requireProtector(protector);
  const slots = await db.all<{ slot_id: string; blob: Buffer }>("SELECT slot_id, blob FROM key_slots WHERE kind = 'protector'");
  const check = await db.get<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  if (!check) throw vaultErrors.corrupt('key-check');
  for (const s of slots) {
    const opened = await protector.unprotect(s.blob).catch(() => undefined);
    const key = opened ? Buffer.from(opened.plain) : undefined;
    if (key && key.length === 32 && sameBytes(keyCheck(deriveSubKeys(key)), check.value)) {
      // Only a blob that opened to the right key is replaced: a rotated blob for a foreign slot must not overwrite ours.
      if (opened?.reprotected) await db.run('UPDATE key_slots SET blob = ? WHERE slot_id = ?', [Buffer.from(opened.reprotected), s.slot_id]);
      return key;
    }
  }
  throw vaultErrors.enrolmentRequired();
}

export async function writeSealWrap(db: Db, wrapId: string, kek: Uint8Array, privateKey: Uint8Array): Promise<void> {
  await db.run('INSERT OR REPLACE INTO seal_key_wraps (wrap_id, blob) VALUES (?, ?)', [wrapId, aead.seal(kek, privateKey, aadSealWrap(wrapId))]);
}

export async function openSealWrap(db: Db, wrapId: string, kek: Uint8Array): Promise<Buffer> {
  const row = await db.get<{ blob: Buffer }>('SELECT blob FROM seal_key_wraps WHERE wrap_id = ?', [wrapId]);
  const key = row ? aead.tryOpen(kek, row.blob, aadSealWrap(wrapId)) : undefined;
  if (!key) throw vaultErrors.sealUnlockRefused();
  return key;
}

export async function removeSealWrap(db: Db, wrapId: string): Promise<void> {
  await db.run('DELETE FROM seal_key_wraps WHERE wrap_id = ? AND wrap_id <> ?', [wrapId, RECOVERY_WRAP_ID]);
}
