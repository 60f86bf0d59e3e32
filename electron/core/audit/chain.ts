/**
 * AuditChain: the append-only, hash-chained, MACed log in the vault database (SPEC F10).
 *
 * Durability and throughput: append() resolves only after its entry is committed (synchronous=FULL) and
 * the outside head file is rewritten. Appends that arrive while a commit is in flight are grouped into the
 * next transaction (group commit), so a burst costs one fsync per batch instead of one per entry.
 *
 * Validation happens synchronously in append(), before anything is queued: an event with personal data or
 * an unknown action is refused at the call site and never reaches the database.
 */
import { join } from 'node:path';
import { isTransactional, type AuditEvent, type AuditSink, type Clock, type TransactionalAuditSink } from '../ports';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { hkdf } from '../vault/keys';
import { makeCheckpoint, signingKeys, type Checkpoint } from './checkpoint';
import { entryBody, entryHash, entryMac, evolve, firstKey, GENESIS, keyAt } from './entry';
import { auditErrors } from './errors';
import { HEAD_FILE, headKey, readHead, writeHead } from './head';
import { migrateAudit } from './schema';
import { jstDay } from './time';
import { STAFF_ID, validateEvent, type ValidEvent } from './validate';
import { verifyChain, type VerifyResult } from './verify';

export interface AuditChainDeps {
  db: Db;
  /** vault.serviceKey('audit-mac'). */
  macServiceKey: Buffer;
  /** vault.serviceKey('audit-checkpoint'). */
  checkpointServiceKey: Buffer;
  /** The data folder: the outside head file lives beside the database. */
  dataDir: string;
  /** Terminal id written into every entry (enrolment id or machine label; ASCII id). */
  terminal: string;
  clock: Clock;
  /** A signed checkpoint at the first commit of each JST day (default on). */
  dailyCheckpoint?: boolean;
}

type Row = Omit<ValidEvent, 'action'> & { action: string; at: string };
interface Pending { row: Row; resolve(): void; reject(e: unknown): void }
interface ChainState { key: string; prev: string; seq: number; at: string | null }

/** The clock as the start screen and verify see it (issue 15): an OS clock set back is flagged, never silently accepted. */
export interface ClockStatus { backwards: boolean; lastEntryAt: string | null; detectedAt?: string }

const MAX_BATCH = 2_000;
const ROWS_PER_INSERT = 50;

export class AuditChain implements TransactionalAuditSink {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** Entries written into a caller's open transaction, not yet committed (appendInTransaction). */
  private staged: ChainState | null = null;
  private headWrites: Promise<void> = Promise.resolve();
  private clock: ClockStatus;

  private constructor(
    private readonly deps: AuditChainDeps,
    private readonly k1: string,
    private readonly headKeyBytes: Buffer,
    private readonly stateKey: Buffer,
    /** K_next: the only MAC key this object holds; K_1 … K_{next−1} are never kept (see docs/audit.md). */
    private key: string,
    private nextSeq: number,
    private prev: string,
    private lastCheckpointAt: string | null,
    private lastAt: string | null,
  ) {
    this.clock = { backwards: false, lastEntryAt: lastAt };
  }

  static async open(deps: AuditChainDeps): Promise<AuditChain> {
    if (!STAFF_ID.test(deps.terminal)) throw auditErrors.personalData('terminal');
    await migrateAudit(deps.db);
    const k1 = firstKey(deps.macServiceKey);
    const stateKey = hkdf(deps.macServiceKey, Buffer.alloc(0), 'countershield/v1/audit/state');
    const last = await deps.db.get<{ seq: number; hash: string; at: string }>('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1');
    const nextSeq = (last?.seq ?? 0) + 1;
    const key = await loadStateKey(deps.db, stateKey, nextSeq) ?? keyAt(k1, nextSeq);
    const cp = await deps.db.get<{ at: string }>('SELECT MAX(at) AS at FROM audit_checkpoints');
    const chain = new AuditChain(deps, k1, headKey(deps.macServiceKey), stateKey, key, nextSeq, last?.hash ?? GENESIS, cp?.at ?? null, last?.at ?? null);
    // An empty log gets its head file at once (entry 0). Verify reads a missing head beside a non-empty log as a
    // removed anchor; without this, a kill between the very first commit and its head write looked like that too.
    if (!last && (await readHead(chain.headFile, chain.headKeyBytes)).state === 'absent') {
      await writeHead(chain.headFile, chain.headKeyBytes, { seq: 0, hash: GENESIS, at: '' });
    }
    await chain.recordBreakAtOpen(last?.seq ?? 0);
    await chain.checkClockAtOpen();
    return chain;
  }

  /** Whether the clock has been seen earlier than the latest entry (the start screen shows it; verify reports it). */
  clockStatus(): ClockStatus {
    return { ...this.clock };
  }

  /**
   * The time for a new entry. A clock behind the latest entry is flagged once and recorded in the log itself
   * (the entry keeps the clock's own time: rewriting it would hide what happened).
   */
  private stamp(): { at: string; clockRow?: Row } {
    const at = this.deps.clock().toISOString();
    const latest = this.staged?.at ?? this.lastAt;
    if (!latest || at >= latest || this.clock.backwards) return { at };
    this.clock = { backwards: true, lastEntryAt: latest, detectedAt: at };
    return { at, clockRow: { ...validateEvent(clockEvent(latest, at)), at } };
  }

  private async checkClockAtOpen(): Promise<void> {
    const at = this.deps.clock().toISOString();
    if (this.lastAt && at < this.lastAt) {
      this.clock = { backwards: true, lastEntryAt: this.lastAt, detectedAt: at };
      await this.append(clockEvent(this.lastAt, at)).catch(() => undefined);
    }
  }

  get headFile(): string {
    return join(this.deps.dataDir, HEAD_FILE);
  }

  async append(event: AuditEvent): Promise<void> {
    if (this.closed) throw auditErrors.closed();
    const v = validateEvent(event);
    const { at, clockRow } = this.stamp();
    return new Promise<void>((resolve, reject) => {
      if (clockRow) this.queue.push({ row: clockRow, resolve: () => undefined, reject: () => undefined });
      this.queue.push({ row: { ...v, at }, resolve, reject });
      this.kick();
    });
  }

  /**
   * Writes entries into the caller's open transaction on the vault database, so the change they describe and
   * the entries commit together or not at all (issue 15: a kill between a list commit and its audit append
   * left 150 removals unaudited). The chain moves on only when that transaction commits.
   */
  async appendInTransaction(events: readonly AuditEvent[]): Promise<void> {
    if (this.closed) throw auditErrors.closed();
    if (!this.deps.db.inTransaction) throw new Error('appendInTransaction needs an open transaction on the vault database');
    const valid = events.map((e) => validateEvent(e));
    const rows: Row[] = [];
    for (const v of valid) {
      const { at, clockRow } = this.stamp();
      if (clockRow) rows.push(clockRow);
      rows.push({ ...v, at });
    }
    await this.writeRows(rows);
  }

  /**
   * Where a counter row written now stands in the chain (audit/binding.ts): the last entry this transaction staged,
   * else the committed head.
   */
  position(): { seq: number; hash: string } {
    return this.staged ? { seq: this.staged.seq - 1, hash: this.staged.prev } : { seq: this.nextSeq - 1, hash: this.prev };
  }

  /** Waits until everything queued so far is committed and the head file written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.headWrites;
  }

  private kick(): void {
    if (this.flushing) return;
    // Never inside a caller's transaction: the queued entries commit on their own (Db.detached).
    this.flushing = this.deps.db.detached(() => this.flush()).finally(() => {
      this.flushing = null;
    });
  }

  private flush(): Promise<void> {
    return (async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e instanceof Error && 'code' in e ? e : auditErrors.writeFailed());
        }
      }
    })();
  }

  private async commit(batch: Pending[]): Promise<void> {
    await this.deps.db.transaction(() => this.writeRows(batch.map((p) => p.row)));
    await this.headWrites;
    const now = this.deps.clock();
    const cpDue = this.lastCheckpointAt === null || jstDay(new Date(this.lastCheckpointAt)) !== jstDay(now);
    // A clock set back must not date a checkpoint before the previous one (checkpoint() would refuse).
    const behind = this.lastCheckpointAt !== null && now.toISOString() < this.lastCheckpointAt;
    if (this.deps.dailyCheckpoint !== false && cpDue && !behind) await this.checkpoint();
  }

  /**
   * Hashes, MACs and inserts rows after the current head (or after what this transaction staged already),
   * inside the caller's transaction; the chain's state moves on only once that transaction commits.
   */
  private async writeRows(rows: readonly Row[]): Promise<void> {
    const { db } = this.deps;
    const from = this.staged ?? { key: this.key, prev: this.prev, seq: this.nextSeq, at: this.lastAt };
    let { key, prev, seq } = from;
    const params: unknown[][] = [];
    // Each entry keeps the time it was appended at. One queued while another transaction ran (an import's) is
    // written after that transaction's entries and may be a few seconds older; verify tolerates that (clock.ts).
    let latest = from.at;
    for (const row of rows) {
      if (latest === null || row.at > latest) latest = row.at;
      const r = { at: row.at, terminal: this.deps.terminal, actors: JSON.stringify(row.actors), action: row.action, targets: JSON.stringify(row.targets), detail: JSON.stringify(row.detail) };
      const hash = entryHash(prev, entryBody(seq, r));
      params.push([seq, r.at, r.terminal, r.actors, r.action, r.targets, r.detail, prev, hash, entryMac(key, hash)]);
      key = evolve(key);
      prev = hash;
      seq++;
    }
    for (let i = 0; i < params.length; i += ROWS_PER_INSERT) {
      const chunk = params.slice(i, i + ROWS_PER_INSERT);
      await db.run(`INSERT INTO audit_log (seq, at, terminal, actors, action, targets, detail, prev, hash, mac) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`, chunk.flat());
    }
    await saveStateKey(db, this.stateKey, seq, key);
    const first = this.staged === null;
    this.staged = { key, prev, seq, at: latest };
    if (!first) return;
    db.afterCommit(
      () => {
        // Only after the commit: the in-memory key moves on and the old one is overwritten.
        const s = this.staged!;
        this.staged = null;
        this.key = s.key;
        this.prev = s.prev;
        this.nextSeq = s.seq;
        this.lastAt = s.at;
        const head = { seq: s.seq - 1, hash: s.prev, at: s.at ?? '' };
        this.headWrites = this.headWrites.then(() => writeHead(this.headFile, this.headKeyBytes, head)).catch(() => undefined);
      },
      () => {
        this.staged = null;
      },
    );
  }

  /** Signs the current head and stores the checkpoint; returns it for export. Never dated before the previous one. */
  async checkpoint(): Promise<Checkpoint> {
    const { db } = this.deps;
    const at = this.deps.clock().toISOString();
    const previous = (await db.get<{ at: string | null }>('SELECT MAX(at) AS at FROM audit_checkpoints'))?.at ?? null;
    if (previous && at < previous) throw auditErrors.clockBackwards(previous);
    const keys = await signingKeys(db, this.deps.checkpointServiceKey, true);
    const cp = makeCheckpoint(keys!, { seq: this.nextSeq - 1, headHash: this.prev, at, terminal: this.deps.terminal });
    await db.run('INSERT OR REPLACE INTO audit_checkpoints (seq, at, terminal, head, sig) VALUES (?, ?, ?, ?, ?)', [cp.seq, at, cp.terminal, this.prev, Buffer.from(cp.signature, 'base64')]);
    this.lastCheckpointAt = at;
    return cp;
  }

  async verify(opts: { checkpoint?: Checkpoint } = {}): Promise<VerifyResult> {
    await this.drain();
    return verifyChain({ db: this.deps.db, k1: this.k1, headKey: this.headKeyBytes, headFile: this.headFile, ...(opts.checkpoint && { checkpoint: opts.checkpoint }) });
  }

  /**
   * At open, compare the database with the outside head file: a database behind the file was truncated or
   * replaced by an older copy. The finding is written into the log itself (audit.chain_broken) before the
   * head file moves on, so the evidence outlives the next append.
   */
  private async recordBreakAtOpen(lastSeq: number): Promise<void> {
    const head = await readHead(this.headFile, this.headKeyBytes);
    if (head.state === 'absent' && lastSeq === 0) return;
    let kind: string | null = null;
    let at = lastSeq;
    if (head.state !== 'ok') kind = 'head-invalid';
    else if (head.head.seq > lastSeq) {
      kind = 'truncated';
      at = lastSeq + 1;
    } else {
      const row = await this.deps.db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [head.head.seq]);
      if (head.head.seq > 0 && row?.hash !== head.head.hash) {
        kind = 'rewritten';
        at = head.head.seq;
      }
    }
    if (kind) await this.append({ action: 'audit.chain_broken', actors: ['system'], detail: { kind, seq: at, ...(head.state === 'ok' && { headSeq: head.head.seq }) } });
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    this.key = '';
  }

  /** For services in this folder (notice, query): the database the log lives in. */
  get db(): Db {
    return this.deps.db;
  }
}

function clockEvent(lastEntryAt: string, now: string): AuditEvent {
  return { action: 'audit.clock_backwards', actors: ['system'], detail: { lastEntryAt, now } };
}

async function loadStateKey(db: Db, stateKey: Buffer, nextSeq: number): Promise<string | null> {
  const row = await db.get<{ value: Buffer }>("SELECT value FROM audit_meta WHERE key = 'state'");
  if (!row) return null;
  try {
    // The AAD binds the key to its sequence number: a state row left over from a longer log does not match.
    return aead.open(stateKey, row.value, `cs/v1|audit|state|${nextSeq}`).toString('utf8');
  } catch {
    return null;
  }
}

async function saveStateKey(db: Db, stateKey: Buffer, nextSeq: number, key: string): Promise<void> {
  await db.run("INSERT OR REPLACE INTO audit_meta (key, value) VALUES ('state', ?)", [aead.seal(stateKey, Buffer.from(key, 'utf8'), `cs/v1|audit|state|${nextSeq}`)]);
}

/**
 * A change and its audit entries in one transaction (SPEC invariant 7): `work` runs inside `db.transaction`,
 * then `events(result)` are written into that same transaction when the sink is the chain. A sink that
 * cannot join (a test double) gets them after the commit, as before.
 */
export async function auditedTransaction<T>(db: Db, sink: AuditSink, work: () => Promise<T>, events: (result: T) => readonly AuditEvent[]): Promise<T> {
  if (!isTransactional(sink)) {
    const out = await db.transaction(work);
    for (const e of events(out)) await sink.append(e);
    return out;
  }
  return db.transaction(async () => {
    const out = await work();
    await sink.appendInTransaction(events(out));
    return out;
  });
}
