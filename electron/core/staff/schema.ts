/**
 * The staff directory's own tables in the vault database (migrateSubsystem 'staff'). Nothing here holds a
 * PIN or a display name in the clear:
 *   staff.staff_id        the staff id (SPEC: ids may appear in audit rows)
 *   staff.body            AES-256-GCM (service key 'staff-records'): display name, roles, retired flag
 *   staff.pin             AES-256-GCM (same key): Argon2id parameters, salt, verifier
 *   staff.failed_count …  the lockout counters, in the clear because they change on every wrong PIN, and
 *   staff.counter_mac     HMAC over them with a key from the vault (issue 14): a reset made outside the app
 *                         (UPDATE … failed_count = 0) no longer verifies, is treated as locked and recorded
 *   staff.counter_seq/hash the audit entry the counters were written with (part of the MAC): an older copy of the
 *                         row put back is behind the chain's later wrong-PIN entries, recorded and rebuilt from them
 *   staff_meta            the pepper's check value and its copy wrapped under the recovery key
 */
export const STAFF_MIGRATIONS: readonly string[] = [
  `CREATE TABLE staff (
     staff_id TEXT PRIMARY KEY,
     body BLOB NOT NULL,
     pin BLOB NOT NULL,
     failed_count INTEGER NOT NULL DEFAULT 0,
     last_failed_at INTEGER,
     locked_at INTEGER,
     created_at TEXT NOT NULL
   );
   CREATE TABLE staff_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);`,
  `ALTER TABLE staff ADD COLUMN counter_mac BLOB;`,
  // The audit entry the counters were last written with (audit/binding.ts): an older row put back is behind the chain.
  `ALTER TABLE staff ADD COLUMN counter_seq INTEGER; ALTER TABLE staff ADD COLUMN counter_hash TEXT;`,
];
