/**
 * One process at a time on a data folder (issue 15, SPEC F14): the app, the CLI and every admin command take
 * this lock before they open the database, and hold it until they close. A second one is told "使用中" at once,
 * with who holds it — process id, program, OS account and host — never anything about the list.
 *
 * The lock is a file, `LOCK`, created exclusively (O_CREAT|O_EXCL is atomic on every local file system, NTFS
 * included) and holding its owner as JSON. Node has no flock(), and an OS lock released by the kernel would not
 * say who held it. A lock left by a process that died (kill -9, power cut) is taken over when its owner is
 * provably gone: same host and no such process. A lock from another host (a folder on a share) is never
 * taken over automatically; IT removes it (docs/IT.md).
 */
import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { vaultErrors } from './errors';

export const LOCK_FILE = 'LOCK';

export interface LockOwner { pid: number; program: string; account: string; host: string; since: string }

export interface FolderLock {
  readonly owner: LockOwner;
  release(): void;
}

/** Which program holds the folder, as IT would recognise it: the app, or the CLI and its subcommand. */
export function programName(): string {
  if (process.versions.electron) return 'countershield-app';
  const script = process.argv[1] ? basename(process.argv[1]) : 'node';
  const sub = process.argv[2] && /^[a-z-]{1,20}$/.test(process.argv[2]) ? ` ${process.argv[2]}` : '';
  return script === 'main.ts' || script === 'main.js' ? `countershield-cli${sub}` : `node ${script}`.slice(0, 64);
}

function account(): string {
  try {
    return userInfo().username.slice(0, 64);
  } catch {
    return 'unknown';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another account.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof j.pid !== 'number' || typeof j.host !== 'string') return undefined;
    return { pid: j.pid, program: String(j.program ?? '?'), account: String(j.account ?? '?'), host: j.host, since: String(j.since ?? '?') };
  } catch {
    return undefined;
  }
}

export function describeOwner(o: LockOwner): string {
  return `pid ${o.pid}, ${o.program}, ${o.account}@${o.host}, ${o.since}`;
}

/**
 * Takes the folder's lock or throws E_VAULT_IN_USE naming the holder. `clock` dates the lock (for IT only).
 * The folder must exist.
 */
export function lockDataDir(dir: string, clock: () => Date = () => new Date(), self: { account?: string } = {}): FolderLock {
  const file = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, program: programName(), account: self.account ?? account(), host: hostname(), since: clock().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readOwner(file);
      // A half-written lock (its writer died between create and write) has no owner to ask: it is stale
      // only once it is old enough that no live writer can still be filling it in.
      if (!held) {
        if (attempt === 0) {
          sleepMs(50);
          continue;
        }
        unlinkSync(file);
        continue;
      }
      if (held.host === owner.host && held.pid !== process.pid && !alive(held.pid)) {
        // Read again just before removing: another process may have taken the stale lock over meanwhile.
        const again = readOwner(file);
        if (again && again.pid === held.pid && again.since === held.since) unlinkSync(file);
        continue;
      }
      // One vault per PC (issue 16): another Windows account's app is told so, in words a clerk can act on.
      if (held.host === owner.host && held.account !== owner.account) throw vaultErrors.inUseByOtherAccount(describeOwner(held));
      throw vaultErrors.inUse(describeOwner(held));
    }
    try {
      writeSync(fd, `${JSON.stringify(owner)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      owner,
      release() {
        if (released) return;
        released = true;
        // Only our own lock: never one another process took over meanwhile.
        if (readOwner(file)?.pid === process.pid && readOwner(file)?.since === owner.since) {
          try {
            unlinkSync(file);
          } catch {
            /* already gone */
          }
        }
      },
    };
  }
  const held = readOwner(file);
  throw vaultErrors.inUse(held ? describeOwner(held) : 'unknown');
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
