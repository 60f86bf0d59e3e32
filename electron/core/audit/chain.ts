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
import type { AuditEvent, AuditSink, Clock } from '../ports';
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

interface Pending { row: Omit<ValidEvent, 'action'> & { action: string; at: string }; resolve(): void; reject(e: unknown): void }

const MAX_BATCH = 2_000;
const ROWS_PER_INSERT = 50;

export class AuditChain implements AuditSink {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly deps: AuditChainDeps,
    private readonly k1: string,
    private readonly headKeyBytes: Buffer,
    private readonly stateKey: Buffer,
    /** K_next: the only MAC key this object holds; K_1 … K_{next−1} are never kept (see docs/audit.md). */
    private key: string,
    private nextSeq: number,
    private prev: string,
    private lastCheckpointDay: string | null,
  ) {}

  static async open(deps: AuditChainDeps): Promise<AuditChain> {
    if (!STAFF_ID.test(deps.terminal)) throw auditErrors.personalData('terminal');
    await migrateAudit(deps.db);
    const k1 = firstKey(deps.macServiceKey);
    const stateKey = hkdf(deps.macServiceKey, Buffer.alloc(0), 'countershield/v1/audit/state');
    const last = await deps.db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const nextSeq = (last?.seq ?? 0) + 1;
    const key = await loadStateKey(deps.db, stateKey, nextSeq) ?? keyAt(k1, nextSeq);
    const cp = await deps.db.get<{ at: string }>('SELECT at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1');
    const chain = new AuditChain(deps, k1, headKey(deps.macServiceKey), stateKey, key, nextSeq, last?.hash ?? GENESIS, cp ? jstDay(new Date(cp.at)) : null);
    await chain.recordBreakAtOpen(last?.seq ?? 0);
    return chain;
  }

  get headFile(): string {
    return join(this.deps.dataDir, HEAD_FILE);
  }

  async append(event: AuditEvent): Promise<void> {
    if (this.closed) throw auditErrors.closed();
    const v = validateEvent(event);
    const at = this.deps.clock().toISOString();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row: { ...v, at }, resolve, reject });
      this.kick();
    });
  }

  /** Waits until everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e instanceof Error && 'code' in e ? e : auditErrors.writeFailed());
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
  }

  private async commit(batch: Pending[]): Promise<void> {
    const { db } = this.deps;
    let key = this.key;
    let prev = this.prev;
    let seq = this.nextSeq;
    const params: unknown[][] = [];
    for (const p of batch) {
      const r = { at: p.row.at, terminal: this.deps.terminal, actors: JSON.stringify(p.row.actors), action: p.row.action, targets: JSON.stringify(p.row.targets), detail: JSON.stringify(p.row.detail) };
      const hash = entryHash(prev, entryBody(seq, r));
      params.push([seq, r.at, r.terminal, r.actors, r.action, r.targets, r.detail, prev, hash, entryMac(key, hash)]);
      key = evolve(key);
      prev = hash;
      seq++;
    }
    await db.transaction(async () => {
      for (let i = 0; i < params.length; i += ROWS_PER_INSERT) {
        const chunk = params.slice(i, i + ROWS_PER_INSERT);
        await db.run(`INSERT INTO audit_log (seq, at, terminal, actors, action, targets, detail, prev, hash, mac) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`, chunk.flat());
      }
      await saveStateKey(db, this.stateKey, seq, key);
    });
    // Only after the commit: the in-memory key moves on and the old one is overwritten.
    this.key = key;
    this.prev = prev;
    this.nextSeq = seq;
    await writeHead(this.headFile, this.headKeyBytes, { seq: seq - 1, hash: prev, at: batch[batch.length - 1]!.row.at });
    const today = jstDay(this.deps.clock());
    if (this.deps.dailyCheckpoint !== false && this.lastCheckpointDay !== today) await this.checkpoint();
  }

  /** Signs the current head and stores the checkpoint; returns it for export. */
  async checkpoint(): Promise<Checkpoint> {
    const { db } = this.deps;
    const keys = await signingKeys(db, this.deps.checkpointServiceKey, true);
    const at = this.deps.clock().toISOString();
    const cp = makeCheckpoint(keys!, { seq: this.nextSeq - 1, headHash: this.prev, at, terminal: this.deps.terminal });
    await db.run('INSERT OR REPLACE INTO audit_checkpoints (seq, at, terminal, head, sig) VALUES (?, ?, ?, ?, ?)', [cp.seq, at, cp.terminal, this.prev, Buffer.from(cp.signature, 'base64')]);
    this.lastCheckpointDay = jstDay(new Date(at));
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
