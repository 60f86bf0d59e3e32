/**
 * What a failed sqlite or file-system call means, in words that say what to do (issue 15). The distinction
 * matters because the advice differs: "corrupt or tampered — restore from a backup" is right for a database
 * that fails authentication, and exactly wrong for a full disk, where restoring would replace a healthy vault
 * with an older copy. Only "not a database" and "damaged" become E_VAULT_CORRUPT.
 */
import { AppError } from '../../../shared/errors';
import { vaultErrors } from './errors';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
const IO = new Set(['SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM', 'EROFS', 'EIO']);

function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const c = (e as { code?: unknown }).code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * A coded error for the failures whose cause is known; undefined for anything else (a programming error
 * stays a programming error and becomes E_INTERNAL at the boundary).
 */
export function knownFailure(e: unknown): AppError | undefined {
  if (e instanceof AppError) return e;
  const code = codeOf(e);
  if (!code) return undefined;
  // node-sqlite3 reports extended codes in the message only; the primary code is what decides.
  if (DISK_FULL.has(code)) return vaultErrors.diskFull();
  if (BUSY.has(code)) return vaultErrors.busy();
  if (DAMAGED.has(code)) return vaultErrors.corrupt(code === 'SQLITE_NOTADB' ? 'not-a-database' : 'sqlite-corrupt');
  if (IO.has(code)) return vaultErrors.ioFailed();
  return undefined;
}

/** For the vault's own reads: what is not a known failure is damage (a crypto or decoding error, a missing table). */
export function asVaultError(e: unknown): AppError {
  return knownFailure(e) ?? vaultErrors.corrupt('database');
}
