/**
 * One protector slot per OS account (issue 16, SPEC F14): the data key wrapped by each account's DPAPI /
 * keyring under `protector:<accountSlotId>`. An account opens only its own slot; one whose slot will not open
 * any more (a Windows password reset that lost its DPAPI keys) is asked to enrol again, and re-enrolment
 * replaces that one slot — every other account keeps working.
 *
 * A vault from before slots has one slot under another id ('default' or the terminal id). The account it opens
 * for gets its own slot written from it, once; the old slot stays (another account may still be its owner).
 */
import type { Db } from './db';
import { vaultErrors } from './errors';
import type { KeyProtector } from './keyProtector';
import { deriveSubKeys, keyCheck, sameBytes } from './keys';
import { requireProtector, unlockWithRecovery, writeProtectorSlot } from './keyring';
import { parseRecoveryKey } from './recoveryKey';

const ACCOUNT_SLOT = /^protector:a-[0-9a-f]{24}$/;

interface SlotRow { slot_id: string; blob: Buffer }

export async function unlockAccountSlot(db: Db, protector: KeyProtector, slotId: string): Promise<Buffer> {
  await requireProtector(protector);
  const check = await db.get<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'key_check'");
  if (!check) throw vaultErrors.corrupt('key-check');
  const own = await db.get<SlotRow>('SELECT slot_id, blob FROM key_slots WHERE slot_id = ?', [`protector:${slotId}`]);
  if (own) {
    const key = await tryOpen(db, protector, own, check.value);
    if (key) return key;
    // Our slot no longer opens: this account re-enrols. Trying others' slots would not help (they are theirs).
    throw vaultErrors.enrolmentRequired();
  }
  const legacy = (await db.all<SlotRow>("SELECT slot_id, blob FROM key_slots WHERE kind = 'protector'")).filter((s) => !ACCOUNT_SLOT.test(s.slot_id));
  for (const s of legacy) {
    const key = await tryOpen(db, protector, s, check.value);
    if (key) {
      await writeProtectorSlot(db, protector, slotId, key);
      return key;
    }
  }
  throw vaultErrors.enrolmentRequired();
}

async function tryOpen(db: Db, protector: KeyProtector, slot: SlotRow, check: Buffer): Promise<Buffer | undefined> {
  const opened = await protector.unprotect(slot.blob).catch(() => undefined);
  const key = opened ? Buffer.from(opened.plain) : undefined;
  if (!key || key.length !== 32 || !sameBytes(keyCheck(deriveSubKeys(key)), check)) return undefined;
  // The OS rotated its key (safeStorage shouldReEncrypt): keep the fresh blob while the old one still opens.
  if (opened?.reprotected) await db.run('UPDATE key_slots SET blob = ? WHERE slot_id = ?', [Buffer.from(opened.reprotected), slot.slot_id]);
  return key;
}

/**
 * Enrolment: the recovery key unwraps the data key and this account's slot is written (or replaced). Runs
 * inside the caller's transaction, which also holds the slot's audit entry (auditedTransaction).
 */
export async function addAccountSlot(db: Db, protector: KeyProtector, slotId: string, recoveryKey: string): Promise<void> {
  if (!db.inTransaction) throw new Error('addAccountSlot runs inside the enrolment transaction, beside its audit entry');
  const { dataKey, sealKek } = await unlockWithRecovery(db, parseRecoveryKey(recoveryKey));
  sealKek.fill(0);
  try {
    await writeProtectorSlot(db, protector, slotId, dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/** How many OS accounts have a slot (counts only, for IT). */
export async function accountSlotCount(db: Db): Promise<number> {
  return (await db.all<{ slot_id: string }>("SELECT slot_id FROM key_slots WHERE kind = 'protector'")).filter((s) => ACCOUNT_SLOT.test(s.slot_id)).length;
}
