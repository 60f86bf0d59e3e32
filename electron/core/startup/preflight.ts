/**
 * Checks made before anything opens, so that a broken folder or policy becomes a coded refusal rather than
 * an exception half-way through opening the vault.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startupErrors } from './errors';

const errno = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'unknown';

/** The data folder exists (or can be made), is a folder, and this account can write in it. */
export async function checkDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const probe = join(dir, `.write-check-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '', { flag: 'wx', mode: 0o600 });
    await unlink(probe);
  } catch (e) {
    throw startupErrors.dataDir(errno(e));
  }
}

/**
 * A missing policy file is normal (the strict defaults apply, SPEC F5); a file that is there but cannot be read
 * is a broken installation, and the counter does not open on it.
 */
export async function checkPolicyReadable(path: string): Promise<void> {
  try {
    await readFile(path);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw startupErrors.policyUnreadable(errno(e));
  }
}
