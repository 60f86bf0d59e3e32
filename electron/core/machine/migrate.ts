/**
 * The move from the old per-user data folder (`userData/vault`, before issue 16) to the machine-wide one, on
 * the first start after the update. A move, not a copy: at no moment are there two vaults the app would use,
 * and whatever moment the process is killed, one usable vault remains and the next start carries on.
 *
 *   1. the old folder is renamed to `vault.moving` beside it (one atomic rename: the old place is now empty);
 *   2. its files are copied into the machine-wide folder, `CURRENT` last (until then the new place holds no vault,
 *      and a restart copies again from `vault.moving`);
 *   3. the vault opens in the new place; 'vault.migrated' is audited (once, keyed in the vault);
 *   4. only then is `vault.moving` removed.
 * Copying (rather than renaming the files across) lets each file take the machine folder's ACL, which the
 * installer set for the counter group; a renamed file would keep the old profile's ACL that only its owner passes.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { auditedTransaction } from '../audit/chain';
import type { AuditSink } from '../ports';
import { resolveCurrent } from '../vault/dataDir';
import { lockDataDir, LOCK_FILE } from '../vault/lock';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';

export const MOVING_SUFFIX = '.moving';
const POINTER = 'CURRENT';

/** A move that reached the new place and still has to be audited and finished once the vault opens. */
export interface PendingMove { staging: string }

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/**
 * Steps 1–2. Returns the pending move when the machine-wide folder now holds the moved vault, or undefined when
 * there was nothing to move (no old vault, or the new place already holds one and nothing is being moved).
 * `fault` is for the kill tests only.
 */
export async function moveLegacyVault(from: string, to: string, fault: (step: 'renamed' | 'copied') => void = () => undefined): Promise<PendingMove | undefined> {
  const staging = `${from}${MOVING_SUFFIX}`;
  const target = await resolveCurrent(to);
  if (target.state === 'ok') return (await exists(staging)) ? { staging } : undefined;
  if (!(await exists(staging))) {
    if ((await resolveCurrent(from)).state !== 'ok') return undefined;
    // The CLI may have the old folder open: the move waits for it (E_VAULT_IN_USE) rather than tearing it away.
    lockDataDir(from).release();
    await rename(from, staging);
  }
  fault('renamed');
  await mkdir(to, { recursive: true, mode: 0o700 });
  const names = (await readdir(staging)).filter((n) => n !== LOCK_FILE && n !== POINTER);
  for (const name of names) await copyDurably(join(staging, name), join(to, name));
  fault('copied');
  await copyDurably(join(staging, POINTER), join(to, `${POINTER}.moving`));
  await rename(join(to, `${POINTER}.moving`), join(to, POINTER));
  return { staging };
}

async function copyDurably(src: string, dst: string): Promise<void> {
  if ((await stat(src)).isDirectory()) {
    await cp(src, dst, { recursive: true, force: true });
    return;
  }
  await copyFile(src, dst);
  const fd = openSync(dst, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const MIGRATIONS = ['CREATE TABLE machine_moves (key TEXT PRIMARY KEY, at TEXT NOT NULL);'];

/** Steps 3–4, with the vault open in the new place: audit the move once, then remove what is left of the old folder. */
export async function finishLegacyMove(vault: Vault, audit: AuditSink, pending: PendingMove, terminal: string, now: () => Date): Promise<void> {
  const db = vault.database;
  await migrateSubsystem(db, 'machine-move', MIGRATIONS);
  const done = await db.get<{ at: string }>("SELECT at FROM machine_moves WHERE key = 'user-folder'");
  if (!done) {
    await auditedTransaction(db, audit, async () => {
      await db.run("INSERT INTO machine_moves (key, at) VALUES ('user-folder', ?)", [now().toISOString()]);
    }, () => [{ action: 'vault.migrated', actors: ['terminal'], detail: { terminal } }]);
  }
  await rm(pending.staging, { recursive: true, force: true });
}
