/**
 * The probe counters kept in the vault (issue 21), so that restarting the app — or a second start after a
 * crash — does not hand a clerk a fresh hour of batches or a fresh day of address checks for a person.
 *
 * One row, MACed with a vault key (like the lookup counts, cases/lookupStore.ts), written in the same transaction
 * as the batch's audit entry; each of those entries carries the row's sequence number (`probeSeq`). At the next
 * batch the row must verify and its number must equal the newest `probeSeq` in the hash-chained audit log:
 * an edited row fails its MAC, a deleted one is missing while the log names a number, and an older copy put back
 * has an older number. Any of these is recorded (mailing.counters_damaged), the batch is refused, and the
 * counters restart as used up — batches for an hour, address checks for a day (fail closed, never a reset).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { AuditEvent, AuditSink, Clock, TransactionalAuditSink } from '../ports';
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';
import { emptyBody, isProbeBody, ProbeState, type ProbeBody, type ProbeLimits } from './probeState';

const MIGRATIONS = ['CREATE TABLE mailing_counters (id TEXT PRIMARY KEY, body TEXT NOT NULL, mac BLOB NOT NULL);'];
const ROW = 'probes';

export const counterErrors = {
  damaged: () => new AppError({
    code: 'E_MAILING_COUNTERS_DAMAGED',
    ja: '確認回数の記録がアプリの外で書き換えられたか削除されていたため、確認を受付不可にしました（監査記録に残りました）。1時間後にもう一度確認してください。管理者に連絡してください。',
    en: 'The stored check counts were edited or deleted outside the app; the check is refused (audited). Try again in an hour and tell your administrator.',
  }),
};

/** What one batch writes: its audit entries, and for a reconciliation its findings (in the same transaction). */
export interface CounterStep<T> {
  result: T;
  events: AuditEvent[];
  write?: () => Promise<AuditEvent[]>;
}

export interface ProbeCounters {
  /** One batch at a time: load and check the counters, run `work` on them, write them back with its entries. */
  run<T>(actor: string, work: (state: ProbeState) => Promise<CounterStep<T>>): Promise<T>;
}

const withSeq = (events: readonly AuditEvent[], seq: number): AuditEvent[] => events.map((e) => ({ ...e, detail: { ...e.detail, probeSeq: seq } }));

/** Runs one job after another: two batches at once must not both read the same counters. */
function serial(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const p = tail.then(job, job);
    tail = p.catch(() => undefined);
    return p;
  };
}

export class VaultProbeCounters implements ProbeCounters {
  private readonly queue = serial();

  private constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly audit: TransactionalAuditSink,
    private readonly clock: Clock,
    private readonly limits: ProbeLimits,
  ) {}

  static async open(o: { db: Db; serviceKey: Uint8Array; audit: TransactionalAuditSink; clock: Clock; limits?: ProbeLimits }): Promise<VaultProbeCounters> {
    await migrateSubsystem(o.db, 'mailing-counters', MIGRATIONS);
    const key = Buffer.from(hkdfSync('sha256', o.serviceKey, Buffer.alloc(0), Buffer.from('countershield/v1/mailing-counters', 'utf8'), 32));
    return new VaultProbeCounters(o.db, key, o.audit, o.clock, o.limits ?? {});
  }

  run<T>(actor: string, work: (state: ProbeState) => Promise<CounterStep<T>>): Promise<T> {
    return this.queue(async () => {
      const loaded = await this.load();
      if ('damaged' in loaded) {
        const seq = loaded.seq + 1;
        const now = this.clock().getTime();
        await this.db.transaction(async () => {
          await this.write(emptyBody(seq, now));
          await this.audit.appendInTransaction([{ action: 'mailing.counters_damaged', actors: [actor], detail: { reason: loaded.damaged, probeSeq: seq } }]);
        });
        throw counterErrors.damaged();
      }
      const state = new ProbeState(this.clock, this.limits, loaded.body, (id) => this.personKey(id));
      const step = await work(state);
      const seq = loaded.body.seq + 1;
      await this.db.transaction(async () => {
        await this.write(state.toBody(seq));
        const more = step.write ? await step.write() : [];
        await this.audit.appendInTransaction(withSeq([...step.events, ...more], seq));
      });
      return step.result;
    });
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(`${ROW}|${body}`).digest();
  }

  /** Stored by a keyed id: the counters name no 管理番号, so the row does not tell whom a department asked about. */
  private personKey(id: string): string {
    return createHmac('sha256', this.key).update(`person|${id}`).digest('hex').slice(0, 32);
  }

  private async write(body: ProbeBody): Promise<void> {
    const text = JSON.stringify(body);
    await this.db.run('INSERT INTO mailing_counters (id, body, mac) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, mac = excluded.mac', [ROW, text, this.mac(text)]);
  }

  /** The newest sequence number the audit chain holds (entries commit with the row, so they must agree). */
  private async loggedSeq(): Promise<number | undefined> {
    const r = await this.db.get<{ s: number | null }>("SELECT json_extract(detail, '$.probeSeq') AS s FROM audit_log WHERE json_extract(detail, '$.probeSeq') IS NOT NULL ORDER BY seq DESC LIMIT 1");
    return typeof r?.s === 'number' ? r.s : undefined;
  }

  private async load(): Promise<{ body: ProbeBody } | { damaged: 'deleted' | 'edited' | 'replaced'; seq: number }> {
    const logged = await this.loggedSeq();
    const row = await this.db.get<{ body: string; mac: Buffer }>('SELECT body, mac FROM mailing_counters WHERE id = ?', [ROW]);
    if (!row) return logged === undefined ? { body: emptyBody(0) } : { damaged: 'deleted', seq: logged };
    const want = this.mac(row.body);
    let body: unknown;
    try {
      body = Buffer.isBuffer(row.mac) && row.mac.length === want.length && timingSafeEqual(row.mac, want) ? JSON.parse(row.body) : undefined;
    } catch {
      body = undefined;
    }
    if (!isProbeBody(body)) return { damaged: 'edited', seq: logged ?? 0 };
    if (body.seq !== (logged ?? 0)) return { damaged: 'replaced', seq: Math.max(body.seq, logged ?? 0) };
    return { body };
  }
}

/**
 * Counters for one process (the admin command checks a file against a list file it reads itself; there is no
 * vault to keep them in, and each run is its own audit). Tests of the check logic use it too.
 */
export class MemoryProbeCounters implements ProbeCounters {
  private body: ProbeBody = emptyBody(0);
  private readonly queue = serial();

  constructor(private readonly audit: AuditSink, private readonly clock: Clock, private readonly limits: ProbeLimits = {}) {}

  run<T>(_actor: string, work: (state: ProbeState) => Promise<CounterStep<T>>): Promise<T> {
    return this.queue(async () => {
      const state = new ProbeState(this.clock, this.limits, this.body);
      const step = await work(state);
      this.body = state.toBody(this.body.seq + 1);
      const more = step.write ? await step.write() : [];
      for (const e of withSeq([...step.events, ...more], this.body.seq)) await this.audit.append(e);
      return step.result;
    });
  }
}
