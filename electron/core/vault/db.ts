/**
 * A small promise wrapper over node-sqlite3. The pragmas are the durability contract of the vault:
 * WAL so that a crash mid-import leaves the last committed list, synchronous=FULL so that a commit
 * reported to the clerk survives a power cut.
 *
 * One connection is shared by every service of the vault (list, staff, audit, review). Its transactions are
 * therefore queued one after another: a second BEGIN on the same connection would fail ("cannot start a
 * transaction within a transaction") and an audit append arriving during an import would be lost or fail.
 * A transaction started inside another (same async context) joins it, so a service can put its audit entry
 * into the caller's transaction — that is how a change and its audit entry commit together (issue 15).
 *
 * A statement made outside any transaction (a service's plain autocommit write, or a read) waits in the same
 * queue: on a shared connection it would otherwise run *inside* whichever transaction is open — an import's —
 * and be rolled back with it (a wrong-PIN counter lost is a free guess) or commit with it, and a read would see
 * rows that are not yet committed. Work inside a transaction never waits on the queue, so the import's own
 * statements and audit appends cannot deadlock on it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { knownFailure } from './failure';

export type Row = Record<string, unknown>;

interface Tx { active: boolean; afterCommit: (() => void)[]; afterRollback: (() => void)[] }

/** Known failures (disk full, busy, not a database, I/O) become coded errors; the rest stay as they are. */
const failed = (err: unknown): unknown => knownFailure(err) ?? err;

export class Db {
  private readonly tx = new AsyncLocalStorage<Tx>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly raw: sqlite3.Database) {}

  /**
   * Opens an existing database file; never creates one (a missing file named by CURRENT must be reported,
   * not replaced by an empty vault). The vault creates its file itself, 0600, before opening it.
   */
  static open(file: string, opts: { readonly?: boolean } = {}): Promise<Db> {
    const mode = opts.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(file, mode, (err) => (err ? reject(failed(err)) : resolve(new Db(raw))));
    });
  }

  async applyPragmas(): Promise<void> {
    this.raw.configure('busyTimeout', 5_000);
    await this.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;');
    const mode = await this.get<{ journal_mode: string }>('PRAGMA journal_mode');
    if (mode?.journal_mode !== 'wal') throw new Error('WAL mode could not be enabled');
  }

  exec(sql: string): Promise<void> {
    return this.statement(() => new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(failed(err)) : resolve()))));
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return this.statement(() => new Promise((resolve, reject) => this.raw.run(sql, params, (err) => (err ? reject(failed(err)) : resolve()))));
  }

  get<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return this.statement(() => new Promise((resolve, reject) =>
      this.raw.get<T>(sql, params, (err, row) => (err ? reject(failed(err)) : resolve(row))),
    ));
  }

  all<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statement(() => new Promise((resolve, reject) =>
      this.raw.all<T>(sql, params, (err, rows) => (err ? reject(failed(err)) : resolve(rows))),
    ));
  }

  /** One statement prepared once and run many times: the import writes 100,000 rows through this. */
  prepare(sql: string): Promise<{ run(params: unknown[]): Promise<void>; finalize(): Promise<void> }> {
    return this.statement(() => new Promise((resolve, reject) => {
      const st = this.raw.prepare(sql, (err) => {
        if (err) return reject(failed(err));
        resolve({
          run: (params) => this.statement(() => new Promise((res, rej) => st.run(params, (e: Error | null) => (e ? rej(failed(e)) : res())))),
          finalize: () => new Promise((res) => st.finalize(() => res())),
        });
      });
    }));
  }

  /** A statement inside a transaction runs now; outside one, it takes its turn after the open transaction. */
  private statement<T>(op: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return op();
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** True inside `transaction()` (this async context). */
  get inTransaction(): boolean {
    return this.tx.getStore()?.active === true;
  }

  /** Runs `fn` outside any transaction of the caller (work that must commit on its own, e.g. a queued audit flush). */
  detached<T>(fn: () => T): T {
    return this.tx.exit(fn);
  }

  /** Runs `fn` once the enclosing transaction has committed (state that must not move ahead of the database). */
  afterCommit(fn: () => void, onRollback?: () => void): void {
    const t = this.tx.getStore();
    if (!t?.active) throw new Error('afterCommit outside a transaction');
    t.afterCommit.push(fn);
    if (onRollback) t.afterRollback.push(onRollback);
  }

  /**
   * BEGIN IMMEDIATE takes sqlite's write lock up front; transactions on this connection wait their turn,
   * and one started inside another joins it.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const run = this.queue.then(() => this.runTransaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTransaction<T>(work: () => Promise<T>): Promise<T> {
    const t: Tx = { active: true, afterCommit: [], afterRollback: [] };
    // Already this transaction's turn in the queue: BEGIN must not queue behind itself.
    await this.tx.run(t, () => this.exec('BEGIN IMMEDIATE'));
    let out: T;
    try {
      out = await this.tx.run(t, work);
      await this.tx.run(t, () => this.exec('COMMIT'));
      t.active = false;
    } catch (e) {
      await this.tx.run(t, () => this.exec('ROLLBACK')).catch(() => undefined);
      t.active = false;
      for (const fn of t.afterRollback) fn();
      throw e;
    }
    for (const fn of t.afterCommit) fn();
    return out;
  }

  /** After everything queued: a statement still waiting would otherwise fail on a closed connection. */
  async close(): Promise<void> {
    await this.queue;
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(failed(err)) : resolve())));
  }
}
