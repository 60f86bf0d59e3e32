/**
 * The one data folder. `CURRENT` names the live database file; switching it is a single atomic rename, which
 * is what makes restore all-or-nothing: a crash leaves either the old vault or the new one, never a mix.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const POINTER = 'CURRENT';
const DB_NAME = /^vault-[0-9a-f]{16}\.db$/;

export function newDbName(): string {
  return `vault-${randomBytes(8).toString('hex')}.db`;
}

export async function currentDbPath(dir: string): Promise<string | undefined> {
  let name: string;
  try {
    name = (await readFile(join(dir, POINTER), 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (!DB_NAME.test(name)) return undefined;
  return join(dir, name);
}

export type CurrentDb =
  | { state: 'ok'; path: string }
  | { state: 'none' }
  | { state: 'pointer-missing'; databases: number }
  | { state: 'pointer-invalid' }
  | { state: 'db-missing'; name: string };

/**
 * Where the live database is, and if it is not there, why: "no vault yet" (init), "CURRENT is gone but
 * databases are here" (IT must choose; never init over them), "CURRENT names a file that is gone" (never
 * create it empty).
 */
export async function resolveCurrent(dir: string): Promise<CurrentDb> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { state: 'none' };
  }
  const dbs = names.filter((n) => DB_NAME.test(n));
  if (!names.includes(POINTER)) return dbs.length > 0 ? { state: 'pointer-missing', databases: dbs.length } : { state: 'none' };
  let name: string;
  try {
    name = (await readFile(join(dir, POINTER), 'utf8')).trim();
  } catch {
    return { state: 'pointer-invalid' };
  }
  if (!DB_NAME.test(name)) return { state: 'pointer-invalid' };
  if (!dbs.includes(name)) return { state: 'db-missing', name };
  return { state: 'ok', path: join(dir, name) };
}

/**
 * Removes what interrupted work leaves behind (issue 15): backup snapshots (`snapshot-*.tmp`, 64 MB of
 * ciphertext at 100,000 persons, and their journals), half-written atomic files (`*.tmp`), and databases no
 * longer named by CURRENT (a restore killed before or after its switch). Only with the folder lock held and
 * only when CURRENT names an existing database — otherwise the "orphan" might be the only copy of the vault.
 */
export async function cleanLeftovers(dir: string, currentPath: string): Promise<string[]> {
  const current = currentPath.slice(Math.max(currentPath.lastIndexOf('/'), currentPath.lastIndexOf('\\')) + 1);
  const removed: string[] = [];
  for (const n of await readdir(dir)) {
    const dbFile = /^(vault-[0-9a-f]{16}\.db)(-wal|-shm|-journal)?$/.exec(n);
    const stale = /^snapshot-[0-9a-f]+\.tmp(-journal|-wal|-shm)?$/.test(n) || /\.[0-9a-f]{8}\.tmp$/.test(n) || (dbFile !== null && dbFile[1] !== current);
    if (!stale) continue;
    await unlink(join(dir, n)).then(() => removed.push(n), () => undefined);
  }
  return removed;
}

/** True when the folder holds anything that looks like a vault, even a half-created one. */
export async function hasVault(dir: string): Promise<boolean> {
  try {
    const names = await readdir(dir);
    return names.some((n) => n === POINTER || n.startsWith('vault-'));
  } catch {
    return false;
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** write → fsync → rename → fsync(dir): the file is either the old content or the new, after any crash. */
export async function writeFileAtomic(file: string, data: Uint8Array | string, mode = 0o600): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  await rename(tmp, file);
  fsyncDir(file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))) || '.');
}

export function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function pointAt(dir: string, dbFile: string): Promise<void> {
  await writeFileAtomic(join(dir, POINTER), `${dbFile.slice(dbFile.lastIndexOf('/') + 1)}\n`);
}

export async function removeDbFiles(dbPath: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    await unlink(dbPath + suffix).catch(() => undefined);
  }
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
