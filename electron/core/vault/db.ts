/**
 * A small promise wrapper over node-sqlite3. The pragmas are the durability contract of the vault:
 * WAL so that a crash mid-import leaves the last committed list, synchronous=FULL so that a commit
 * reported to the clerk survives a power cut.
 */
import sqlite3 from 'sqlite3';

export type Row = Record<string, unknown>;

export class Db {
  private constructor(private readonly raw: sqlite3.Database) {}

  static open(file: string, opts: { readonly?: boolean } = {}): Promise<Db> {
    const mode = opts.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const raw = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(new Db(raw))));
    });
  }

  async applyPragmas(): Promise<void> {
    this.raw.configure('busyTimeout', 5_000);
    await this.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;');
    const mode = await this.get<{ journal_mode: string }>('PRAGMA journal_mode');
    if (mode?.journal_mode !== 'wal') throw new Error('WAL mode could not be enabled');
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.raw.run(sql, params, (err) => (err ? reject(err) : resolve())));
  }

  get<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.raw.get<T>(sql, params, (err, row) => (err ? reject(err) : resolve(row))),
    );
  }

  all<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.raw.all<T>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  }

  /** One statement prepared once and run many times: the import writes 100,000 rows through this. */
  prepare(sql: string): Promise<{ run(params: unknown[]): Promise<void>; finalize(): Promise<void> }> {
    return new Promise((resolve, reject) => {
      const st = this.raw.prepare(sql, (err) => {
        if (err) return reject(err);
        resolve({
          run: (params) => new Promise((res, rej) => st.run(params, (e: Error | null) => (e ? rej(e) : res()))),
          finalize: () => new Promise((res) => st.finalize(() => res())),
        });
      });
    });
  }

  /** BEGIN IMMEDIATE takes the write lock up front so two importers cannot interleave. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    try {
      const out = await work();
      await this.exec('COMMIT');
      return out;
    } catch (e) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
  }
}
