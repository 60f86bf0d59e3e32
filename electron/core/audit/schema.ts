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
     prev BLOB NOT NULL, hash BLOB NOT NULL, mac BLOB NOT NULL
   );
   CREATE INDEX audit_log_at ON audit_log(at);
   CREATE INDEX audit_log_action ON audit_log(action, at);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
   CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE TABLE audit_checkpoints (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, terminal TEXT NOT NULL, head BLOB NOT NULL, sig BLOB NOT NULL);`,
];

export function migrateAudit(db: Db): Promise<void> {
  return migrateSubsystem(db, 'audit', MIGRATIONS);
}

export const ENTRY_COLUMNS = 'seq, at, terminal, actors, action, targets, detail, prev, hash, mac';
