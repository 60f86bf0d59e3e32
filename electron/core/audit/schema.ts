/**
 * The audit tables in the vault database (migrated with migrateSubsystem, so the vault's own list stays
 * untouched). The log holds ids, field names, codes and counts only — nothing here needs encryption, and
 * keeping it in the clear is what lets an auditor read it with the recovery key alone.
 * The triggers stop a developer's stray UPDATE/DELETE; they are no defence against someone with the file,
 * which is what the hash chain, the MACs and the checkpoints are for.
 */
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL, terminal TEXT NOT NULL, actors TEXT NOT NULL, action TEXT NOT NULL,
     targets TEXT NOT NULL, detail TEXT NOT NULL,
     prev TEXT NOT NULL, hash TEXT NOT NULL, mac TEXT NOT NULL
   );
   CREATE INDEX audit_log_at ON audit_log(at);
   CREATE INDEX audit_log_action ON audit_log(action, at);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
   CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE TABLE audit_checkpoints (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, terminal TEXT NOT NULL, head TEXT NOT NULL, sig BLOB NOT NULL);`,
];

export function migrateAudit(db: Db): Promise<void> {
  return migrateSubsystem(db, 'audit', MIGRATIONS);
}

export const ENTRY_COLUMNS = 'seq, at, terminal, actors, action, targets, detail, prev, hash, mac';

/**
 * The verifier's read: sqlite builds the hashed body (same layout as entryBody) and the link fields as two
 * strings, because node-sqlite3 pays per column — ten columns per row cost ten times the read time.
 */
export const VERIFY_SELECT =
  "SELECT seq, seq || char(31) || at || char(31) || terminal || char(31) || actors || char(31) || action || char(31) || targets || char(31) || detail AS body, " +
  "prev || char(31) || hash || char(31) || mac AS link FROM audit_log";
