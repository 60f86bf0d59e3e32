/**
 * The pepper: 32 random bytes mixed into every PIN hash (Argon2id "secret"), never in the database in a
 * usable form. Stealing the vault database — even with the data key — then gives nothing to guess PINs
 * against: 10⁶ six-digit PINs are a small space, so the pepper, not the hash cost, is what stops an offline
 * attack.
 *
 *   pepper-<slot>.bin (data folder) KeyProtector.protect(pepper) — DPAPI in the app, one file per OS account
 *                                (slot = accountSlotId, issue 16), so a second account on the PC never replaces
 *                                the first one's; `pepper.bin` is the file of a vault from before (no slot id)
 *   staff_meta 'pepper_recovery' AES-256-GCM under scrypt(recovery key) → HKDF — for a new PC/account and
 *                                after a restore; it travels with backups, as the recovery wrap of the data key does
 *   staff_meta 'pepper_check'    HMAC(pepper, label) — tells "pepper of another vault" from "wrong PIN", so a
 *                                wrong pepper fails closed for everyone instead of counting failures and locking
 *                                every staff member out
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as aead from '../vault/aead';
import { writeFileAtomic } from '../vault/dataDir';
import type { Db } from '../vault/db';
import type { KeyProtector } from '../vault/keyProtector';
import { hkdf, sameBytes } from '../vault/keys';
import { deriveRecoveryKeks, parseRecoveryKey } from '../vault/recoveryKey';
import { staffErrors } from './errors';

export const PEPPER_FILE = 'pepper.bin';
const AAD = 'cs/v1|staff|pepper-recovery';

export interface PepperDeps {
  dataDir: string;
  db: Db;
  protector: KeyProtector;
  /** This OS account's protector slot (machine/account.ts); absent = the single pepper.bin of older vaults. */
  slotId?: string;
}

const SLOT = /^[a-z0-9-]{1,40}$/;

export function pepperFileName(slotId?: string): string {
  if (slotId === undefined) return PEPPER_FILE;
  if (!SLOT.test(slotId)) throw new Error('pepper slot ids are lower-case ids');
  return `pepper-${slotId}.bin`;
}

const pepperPath = (deps: PepperDeps): string => join(deps.dataDir, pepperFileName(deps.slotId));

/**
 * First run only (bootstrapAdmins), inside the caller's transaction: if pepper.bin cannot be written the
 * transaction rolls back, nothing is recorded and setup can be retried. The caller has checked that the
 * recovery key opens this vault.
 */
export async function createPepper(deps: PepperDeps, recoveryKey: string, random: (n: number) => Uint8Array = randomBytes): Promise<Buffer> {
  if (await getMeta(deps.db, 'pepper_check')) throw staffErrors.pepperExists();
  if (!(await deps.protector.isAvailable().catch(() => false))) throw staffErrors.pepperMissing();
  const pepper = Buffer.from(random(32));
  const salt = randomBytes(16);
  const kek = recoveryKek(recoveryKey, salt);
  await setMeta(deps.db, 'pepper_recovery', Buffer.concat([salt, aead.seal(kek, pepper, AAD)]));
  kek.fill(0);
  await setMeta(deps.db, 'pepper_check', check(pepper));
  await writeFileAtomic(pepperPath(deps), await deps.protector.protect(pepper));
  return pepper;
}

/**
 * Every start: the OS key protector opens this account's pepper file. Missing or foreign → nobody's PIN is
 * checked. An account of a vault from before slots still has pepper.bin: it opens it once and keeps its own copy.
 */
export async function loadPepper(deps: PepperDeps): Promise<Buffer> {
  const expected = await getMeta(deps.db, 'pepper_check');
  if (!expected) throw staffErrors.pepperMissing();
  const own = await readFile(pepperPath(deps)).catch(() => undefined);
  const blob = own ?? (deps.slotId !== undefined ? await readFile(join(deps.dataDir, PEPPER_FILE)).catch(() => undefined) : undefined);
  if (!blob) throw staffErrors.pepperMissing();
  const opened = await deps.protector.unprotect(blob).catch(() => undefined);
  if (!opened) throw staffErrors.pepperMissing();
  const pepper = Buffer.from(opened.plain);
  if (!sameBytes(check(pepper), expected)) {
    pepper.fill(0);
    throw staffErrors.pepperMismatch();
  }
  // The OS rotated its key: store the fresh blob now, while the old one still opens.
  if (opened.reprotected || !own) await writeFileAtomic(pepperPath(deps), opened.reprotected ?? blob);
  return pepper;
}

/** Terminal enrolment or restore: the recovery key opens the database copy and pepper.bin is written for this account. */
export async function recoverPepper(deps: PepperDeps, recoveryKey: string): Promise<Buffer> {
  const pepper = await openPepperWithRecovery(deps, recoveryKey);
  await writePepperSlot(deps, pepper);
  return pepper;
}

/** The pepper, opened with the recovery key and held in memory only (enrolment writes it with its audit entry). */
export async function openPepperWithRecovery(deps: Pick<PepperDeps, 'db'>, recoveryKey: string): Promise<Buffer> {
  const stored = await getMeta(deps.db, 'pepper_recovery');
  const expected = await getMeta(deps.db, 'pepper_check');
  if (!stored || !expected || stored.length < 17) throw staffErrors.pepperMissing();
  const kek = recoveryKek(recoveryKey, stored.subarray(0, 16));
  const pepper = aead.tryOpen(kek, stored.subarray(16), AAD);
  kek.fill(0);
  if (!pepper || !sameBytes(check(pepper), expected)) throw staffErrors.pepperMismatch();
  return pepper;
}

/** This account's pepper file, wrapped by its own protector. */
export async function writePepperSlot(deps: PepperDeps, pepper: Uint8Array): Promise<void> {
  await writeFileAtomic(pepperPath(deps), await deps.protector.protect(pepper));
}

/** True when `pepper` is this vault's (its check value matches). */
export async function pepperMatches(db: Db, pepper: Uint8Array): Promise<boolean> {
  const expected = await getMeta(db, 'pepper_check');
  return expected !== undefined && sameBytes(check(pepper), expected);
}

export async function hasPepper(db: Db): Promise<boolean> {
  return (await getMeta(db, 'pepper_check')) !== undefined;
}

function recoveryKek(recoveryKey: string, salt: Uint8Array): Buffer {
  const { dataKek, sealKek } = deriveRecoveryKeks(parseRecoveryKey(recoveryKey), salt);
  const kek = hkdf(dataKek, salt, 'countershield/v1/staff-pepper-wrap');
  dataKek.fill(0);
  sealKek.fill(0);
  return kek;
}

function check(pepper: Uint8Array): Buffer {
  return createHmac('sha256', pepper).update('countershield/v1/pepper-check').digest();
}

async function getMeta(db: Db, key: string): Promise<Buffer | undefined> {
  return (await db.get<{ value: Buffer }>('SELECT value FROM staff_meta WHERE key = ?', [key]))?.value;
}

async function setMeta(db: Db, key: string, value: Uint8Array): Promise<void> {
  await db.run('INSERT OR REPLACE INTO staff_meta (key, value) VALUES (?, ?)', [key, value]);
}
