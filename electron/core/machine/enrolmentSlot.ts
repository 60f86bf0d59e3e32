/**
 * The account-enrolment slot (issue 16): one per administrator, so that a second Windows account on the same PC is
 * enrolled with an administrator's 職員番号 + PIN alone. What it holds is what a new account's own slots need —
 * the data key and the pepper — in two layers:
 *
 *   inner = AES-256-GCM( HKDF(Argon2id(staffId ‖ 0x00 ‖ PIN, salt, ENROL_ARGON2)), dataKey ‖ pepper )
 *   blob  = MachineProtector.protect(inner)        DPAPI LocalMachine / root's key file: never leaves this PC
 *
 * Why both: the PIN alone is 10⁶ guesses, so a copied folder must carry nothing a PIN opens — the machine layer sees
 * to that (SPEC F1). The machine layer alone would let any local account read the list; the PIN layer sees to that.
 * What is left (docs/IT.md): a local account that has both the folder and the machine secret can try PINs offline at
 * ENROL_ARGON2's cost per guess. On the PC, in the app, guesses count against the administrator's lockout
 * (enrolAttempts.ts).
 *
 * A slot is bound to the administrator's current PIN record (pinTag): a PIN change or reset, a retirement or a lost
 * admin role drops it in the same transaction as that change (staff/changes.ts, staff/service.ts), and the
 * administrator's next sign-in writes it again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { hkdf } from '../vault/keys';
import { migrateSubsystem } from '../vault/schema';
import { assertParams, type Argon2Params } from '../staff/pinHash';
import { normalisePin } from '../staff/pinPolicy';
import type { MachineProtector } from './machineProtector';

/**
 * Stronger than the login PIN hash (DEFAULT_ARGON2, 64 MiB × 2): a slot is opened once per account, never at the
 * counter, so it can afford 256 MiB × 3 passes — 6× the memory-time of every offline guess. Measured in docs/IT.md.
 */
export const ENROL_ARGON2: Argon2Params = { m: 262_144, t: 3, p: 1 };

/**
 * Its own tables, not key_slots: a new account reads them before any key opens the vault, and the failures of
 * that moment are kept until they can be counted (enrolAttempts.ts).
 */
const MIGRATIONS = [
  `CREATE TABLE enrolment_slots (staff_id TEXT PRIMARY KEY, params TEXT NOT NULL, blob BLOB NOT NULL);
   CREATE TABLE enrol_pin_failures (id INTEGER PRIMARY KEY AUTOINCREMENT, staff_id TEXT NOT NULL, at INTEGER NOT NULL);`,
];

export function migrateEnrolment(db: Db): Promise<void> {
  return migrateSubsystem(db, 'machine-enrol', MIGRATIONS);
}

const aadOf = (staffId: string) => `cs/v1|enrolslot|${staffId}`;

interface SlotParams { kdf: 'argon2id'; m: number; t: number; p: number; salt: string; pinTag: string }

/** Which PIN record a slot was made under: a hash of that record's random salt (it changes with every new PIN). */
export function pinTagOf(pinSalt: Uint8Array): string {
  return createHash('sha256').update('countershield/v1/enrol-slot/pin-tag|').update(pinSalt).digest('hex').slice(0, 32);
}

async function slotKek(staffId: string, pin: string, salt: Uint8Array, params: Argon2Params): Promise<Buffer> {
  assertParams(params);
  const password = Buffer.from(`${staffId}\u0000${normalisePin(pin)}`, 'utf8');
  let root: Uint8Array | undefined;
  try {
    root = await argon2id({ password, salt, parallelism: params.p, iterations: params.t, memorySize: params.m, hashLength: 32, outputType: 'binary' });
    return hkdf(root, salt, 'countershield/v1/enrol-slot-kek');
  } finally {
    password.fill(0);
    root?.fill(0);
  }
}

export interface SlotSecrets { dataKey: Buffer; pepper: Buffer }

/** Inside the caller's transaction, beside its audit entry ('terminal.enrol_slot_written'). */
export async function writeEnrolmentSlot(
  db: Db, machine: MachineProtector,
  input: { staffId: string; pin: string; pinTag: string; dataKey: Uint8Array; pepper: Uint8Array; params?: Argon2Params },
): Promise<void> {
  if (!db.inTransaction) throw new Error('writeEnrolmentSlot runs inside a transaction, beside its audit entry');
  const params = input.params ?? ENROL_ARGON2;
  const salt = randomBytes(16);
  const kek = await slotKek(input.staffId, input.pin, salt, params);
  const plain = Buffer.concat([input.dataKey, input.pepper]);
  try {
    const blob = await machine.protect(aead.seal(kek, plain, aadOf(input.staffId)));
    const p: SlotParams = { kdf: 'argon2id', m: params.m, t: params.t, p: params.p, salt: salt.toString('base64'), pinTag: input.pinTag };
    await migrateEnrolment(db);
    await db.run('INSERT OR REPLACE INTO enrolment_slots (staff_id, params, blob) VALUES (?, ?, ?)', [input.staffId, JSON.stringify(p), Buffer.from(blob)]);
  } finally {
    kek.fill(0);
    plain.fill(0);
  }
}

export type SlotOpening =
  | { kind: 'opened'; secrets: SlotSecrets }
  | { kind: 'no-slot' }
  | { kind: 'wrong-pin' };

const DUMMY_SALT = Buffer.alloc(16, 0x3c);
const DUMMY_BLOB = Buffer.alloc(64, 0x3c);

/**
 * Opens `staffId`'s slot with `pin`. The machine layer first (a blob from another PC throws E_MACHINE_KEY_REFUSED
 * before any PIN is tried), then the PIN layer. An id without a slot costs the same KDF run as a wrong PIN, so
 * the time of the answer does not tell administrators from other ids.
 */
export async function openEnrolmentSlot(db: Db, machine: MachineProtector, staffId: string, pin: string, fallback: Argon2Params = ENROL_ARGON2): Promise<SlotOpening> {
  await migrateEnrolment(db);
  const row = await db.get<{ params: string; blob: Buffer }>('SELECT params, blob FROM enrolment_slots WHERE staff_id = ?', [staffId]);
  if (!row) {
    // The machine layer costs a PowerShell start on Windows: pay it here too, or the time would tell who has a slot.
    await machine.unprotect(DUMMY_BLOB).catch(() => undefined);
    (await slotKek('unknown', pin, DUMMY_SALT, fallback)).fill(0);
    return { kind: 'no-slot' };
  }
  const p = JSON.parse(row.params) as SlotParams;
  const inner = await machine.unprotect(row.blob);
  const kek = await slotKek(staffId, pin, Buffer.from(p.salt, 'base64'), { m: p.m, t: p.t, p: p.p });
  const plain = aead.tryOpen(kek, inner, aadOf(staffId));
  kek.fill(0);
  if (!plain || plain.length !== 64) return { kind: 'wrong-pin' };
  const secrets = { dataKey: Buffer.from(plain.subarray(0, 32)), pepper: Buffer.from(plain.subarray(32)) };
  plain.fill(0);
  return { kind: 'opened', secrets };
}

export async function enrolmentSlotTag(db: Db, staffId: string): Promise<string | undefined> {
  await migrateEnrolment(db);
  const row = await db.get<{ params: string }>('SELECT params FROM enrolment_slots WHERE staff_id = ?', [staffId]);
  return row ? (JSON.parse(row.params) as SlotParams).pinTag : undefined;
}

/** Inside the transaction of the staff change that makes the slot stale (retire, admin role lost, PIN change or reset). */
export async function dropEnrolmentSlot(db: Db, staffId: string): Promise<void> {
  await migrateEnrolment(db);
  await db.run('DELETE FROM enrolment_slots WHERE staff_id = ?', [staffId]);
}

/** Staff ids that have a slot (for the prune at start and for IT's status). */
export async function enrolmentSlotOwners(db: Db): Promise<string[]> {
  await migrateEnrolment(db);
  return (await db.all<{ staff_id: string }>('SELECT staff_id FROM enrolment_slots ORDER BY staff_id')).map((r) => r.staff_id);
}
