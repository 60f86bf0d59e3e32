/**
 * Versioned schema. PRAGMA user_version holds the version; each migration runs in its own transaction.
 * A database newer than this code is refused rather than guessed at (fail closed).
 *
 * Nothing here holds a personal value in the clear: persons.rid is the 管理番号 (the record id audit rows
 * use), everything else is AES-256-GCM ciphertext or public key material.
 */
import type { Db } from './db';
import { vaultErrors } from './errors';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE TABLE key_slots (slot_id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('recovery','protector')), params TEXT NOT NULL, blob BLOB NOT NULL);
   CREATE TABLE seal_key_wraps (wrap_id TEXT PRIMARY KEY, blob BLOB NOT NULL);
   CREATE TABLE seal_epochs (epoch INTEGER PRIMARY KEY, eph_pub BLOB NOT NULL);
   CREATE TABLE persons (
     rid TEXT PRIMARY KEY,
     body BLOB NOT NULL,
     s_address BLOB NOT NULL, s_katagaki BLOB NOT NULL, s_honseki BLOB NOT NULL, s_note BLOB NOT NULL,
     epoch INTEGER NOT NULL REFERENCES seal_epochs(epoch)
   );
   CREATE TABLE blobs (name TEXT PRIMARY KEY, ct BLOB NOT NULL);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export async function migrate(db: Db): Promise<void> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  if (current > SCHEMA_VERSION) throw vaultErrors.tooNew(current);
  for (let v = current; v < SCHEMA_VERSION; v++) {
    await db.transaction(async () => {
      await db.exec(MIGRATIONS[v]!);
      await db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
}

/**
 * Services that keep their own tables in the vault database (staff, audit, review, incidents) migrate
 * them here, each with its own version, so that no two services edit one shared migration list.
 * Same rule as the vault's own: one transaction per step; a version newer than the code is refused.
 */
export async function migrateSubsystem(db: Db, subsystem: string, migrations: readonly string[]): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS subsystem_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = await db.get<{ version: number }>('SELECT version FROM subsystem_versions WHERE name = ?', [subsystem]);
  const current = row?.version ?? 0;
  if (current > migrations.length) throw vaultErrors.tooNew(current);
  for (let v = current; v < migrations.length; v++) {
    await db.transaction(async () => {
      await db.exec(migrations[v]!);
      await db.run('INSERT INTO subsystem_versions (name, version) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version', [subsystem, v + 1]);
    });
  }
}
