/**
 * The `vault.restored` entry, made crash-proof (issue 17). Before the switch, the checked candidate gets a marker
 * (who restored, what ended, the backup's date) sealed under a service key of its own data key. The first open of
 * the restored vault that has its audit chain turns the marker into the `vault.restored` entry and deletes it in
 * the same transaction — so a kill anywhere leaves either the old vault in force (no entry; the candidate is a
 * leftover the next open clears) or the restored one with exactly one entry, now or at its next open.
 * The settled marker is also what the start screen's one-time notice is made from (restoreNotice.ts).
 */
import type { AuditChain } from '../audit';
import * as aead from '../vault/aead';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';

const MIGRATIONS: readonly string[] = ['CREATE TABLE restore_pending (id INTEGER PRIMARY KEY CHECK (id = 1), value BLOB NOT NULL);'];
const AAD = 'cs/v1|restore|pending';

export interface PendingRestore {
  actors: string[];
  /** Record ids only (at most 32), as in every entry. */
  targets: string[];
  removed: number;
  shortened: number;
  confirmed: boolean;
  from: 'admin-screen' | 'admin-task';
  /** The backup's own creation time (its authenticated header), for the notice. */
  backupCreatedAt?: string;
  replacedHeadSeq?: number;
}

/** Written into the candidate before the switch (it is still a file beside the live vault). */
export async function markPendingRestore(candidate: Vault, p: PendingRestore): Promise<void> {
  await migrateSubsystem(candidate.database, 'restore-pending', MIGRATIONS);
  const blob = aead.seal(candidate.serviceKey('restore-pending'), Buffer.from(JSON.stringify(p), 'utf8'), AAD);
  await candidate.database.run('INSERT OR REPLACE INTO restore_pending (id, value) VALUES (1, ?)', [blob]);
}

async function readPending(vault: Vault): Promise<PendingRestore | null> {
  await migrateSubsystem(vault.database, 'restore-pending', MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>('SELECT value FROM restore_pending WHERE id = 1');
  if (!row) return null;
  // A marker that does not open under this vault's key was edited: fail closed (E_VAULT_CORRUPT), record nothing made up.
  return JSON.parse(aead.open(vault.serviceKey('restore-pending'), row.value, AAD, 'restore-pending').toString('utf8')) as PendingRestore;
}

/**
 * The entry and the marker's deletion in one transaction; returns what was settled (null when nothing was pending).
 * Called wherever a vault and its chain are opened for work (the app's start, every admin task).
 */
export async function settlePendingRestore(vault: Vault, chain: AuditChain): Promise<PendingRestore | null> {
  const p = await readPending(vault);
  if (!p) return null;
  await vault.database.transaction(async () => {
    await chain.appendInTransaction([{
      action: 'vault.restored', actors: p.actors,
      targets: p.targets.slice(0, 32).map((recordId) => ({ recordId })),
      detail: {
        removed: p.removed, shortened: p.shortened, confirmed: p.confirmed, from: p.from,
        ...(p.replacedHeadSeq !== undefined && { replacedHeadSeq: p.replacedHeadSeq }),
        ...(p.backupCreatedAt !== undefined && { backupCreatedAt: p.backupCreatedAt }),
      },
    }]);
    await vault.database.run('DELETE FROM restore_pending WHERE id = 1');
  });
  return p;
}

/** The backup file's creation time from its header (authenticated as the body's additional data by the restore). */
export function backupCreatedAt(file: Uint8Array): string | undefined {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (b.length < 13 || b.subarray(0, 8).toString('ascii') !== 'CSBACKUP') return undefined;
  const hlen = b.readUInt32BE(9);
  if (hlen > 4096 || 13 + hlen > b.length) return undefined;
  try {
    const h = JSON.parse(b.subarray(13, 13 + hlen).toString('utf8')) as { createdAt?: unknown };
    return typeof h.createdAt === 'string' && !Number.isNaN(Date.parse(h.createdAt)) ? h.createdAt : undefined;
  } catch {
    return undefined;
  }
}
