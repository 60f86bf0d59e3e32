/** The staff table: rows in, rows out, decrypted with the staff-records key. No policy lives here. */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { positionHolds, type ChainPosition } from '../audit/binding';
import type { Db } from '../vault/db';
import { LOCK_AFTER_FAILURES, type FailureState } from './throttle';
import { openBody, openPin, sealBody, sealPin, type PinRecord, type StaffBody } from './records';

export interface StaffRow extends StaffBody, FailureState {
  readonly staffId: string;
  readonly lockedAt: number | null;
  /** The counters do not verify (edited outside the app): the row reads as locked (fail closed). */
  readonly countersTampered: boolean;
}

interface Counters { failedCount: number; lastFailedAt: number | null; lockedAt: number | null }
const CLEAR: Counters = { failedCount: 0, lastFailedAt: null, lockedAt: null };
/** Set once the rows that predate counter_mac have been MACed; from then on a missing MAC is tampering. */
const MACED = 'counter_mac_v1';
/** Set once the rows that predate counter_seq have been bound to the chain's head (issue 14). */
const BOUND = 'counter_bind_v1';
/** The chain entries that raise a staff member's counters; each is written with the row (PinChecker). */
const COUNTING = "(action = 'staff.locked' OR (action = 'staff.pin.failed' AND json_extract(detail, '$.reason') = 'wrong-pin'))";

/** A row whose counters are behind the chain: the newest counting entry the row does not know of. */
export interface CountersBehind { staffId: string; seq: number; at: string; failures: number }

interface RawRow {
  staff_id: string;
  body: Buffer;
  pin: Buffer;
  failed_count: number;
  last_failed_at: number | null;
  locked_at: number | null;
  counter_mac: Buffer | null;
  counter_seq: number | null;
  counter_hash: string | null;
}

export class StaffStore {
  private readonly counterKey: Buffer;

  constructor(
    readonly db: Db,
    private readonly key: Buffer,
    /** The audit chain's position (audit/binding.ts); without it (a test double) rows are not bound. */
    private readonly position: (() => ChainPosition) | null = null,
  ) {
    this.counterKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('countershield/v1/staff/counters', 'utf8'), 32));
  }

  /** Once, after the migration that added counter_mac: the counters as they stand are taken as the baseline. */
  async macExistingCounters(): Promise<void> {
    if (await this.db.get("SELECT 1 AS x FROM staff_meta WHERE key = ?", [MACED])) return;
    await this.db.transaction(async () => {
      const rows = await this.db.all<RawRow>('SELECT * FROM staff');
      for (const r of rows) await this.db.run('UPDATE staff SET counter_mac = ? WHERE staff_id = ?', [this.mac(r.staff_id, { failedCount: r.failed_count, lastFailedAt: r.last_failed_at, lockedAt: r.locked_at }, null), r.staff_id]);
      await this.db.run('INSERT INTO staff_meta (key, value) VALUES (?, ?)', [MACED, Buffer.from('1')]);
    });
  }

  /**
   * Once, after the migration that added counter_seq: rows that verify are bound to the chain's head as it stands
   * (their counters are what the chain has seen so far). Needs the chain; a store without it binds nothing.
   */
  async bindExistingCounters(): Promise<void> {
    if (!this.position || (await this.db.get('SELECT 1 AS x FROM staff_meta WHERE key = ?', [BOUND]))) return;
    // A deleted marker does not re-bind an older copy put back: once any row is bound, the binding has happened.
    if (await this.db.get('SELECT 1 AS x FROM staff WHERE counter_seq IS NOT NULL LIMIT 1')) return;
    await this.db.transaction(async () => {
      const rows = await this.db.all<RawRow>('SELECT * FROM staff WHERE counter_seq IS NULL');
      for (const r of rows) if (this.verifies(r)) await this.setCounters(r.staff_id, { failedCount: r.failed_count, lastFailedAt: r.last_failed_at, lockedAt: r.locked_at });
      await this.db.run('INSERT INTO staff_meta (key, value) VALUES (?, ?)', [BOUND, Buffer.from('1')]);
    });
  }

  /**
   * Rows that verify but are behind the chain (issue 14): the chain holds a wrong-PIN or lock entry for that staff
   * member after the entry the row names, or the row names an entry this chain does not have — an older copy of the
   * row was put back. A row from before the binding counts as bound to the start of the chain.
   */
  async behindChain(staffId?: string): Promise<CountersBehind[]> {
    if (!this.position) return [];
    const rows = await this.db.all<RawRow>(`SELECT * FROM staff${staffId ? ' WHERE staff_id = ?' : ''} ORDER BY staff_id`, staffId ? [staffId] : []);
    const out: CountersBehind[] = [];
    for (const r of rows) {
      if (!this.verifies(r)) continue;
      const claimed = { seq: r.counter_seq ?? 0, hash: r.counter_hash ?? '' };
      const after = (await positionHolds(this.db, claimed)) ? claimed.seq : 0;
      const e = await this.db.get<{ seq: number; at: string; detail: string }>(
        `SELECT seq, at, detail FROM audit_log WHERE seq > ? AND actors = ? AND ${COUNTING} ORDER BY seq DESC LIMIT 1`,
        [after, JSON.stringify([r.staff_id])],
      );
      if (!e && after === claimed.seq) continue;
      const failures = e ? Number((JSON.parse(e.detail) as { failures?: unknown }).failures) || 0 : 0;
      out.push({ staffId: r.staff_id, seq: e?.seq ?? claimed.seq, at: e?.at ?? '', failures });
    }
    return out;
  }

  /** Rebuilds a row that is behind the chain from the chain's newest entry for it: counters only go up, never down. */
  async rebuildFrom(b: CountersBehind): Promise<void> {
    const r = await this.db.get<RawRow>('SELECT * FROM staff WHERE staff_id = ?', [b.staffId]);
    if (!r) return;
    const at = Date.parse(b.at);
    const failedCount = Math.max(r.failed_count, b.failures);
    const lastFailedAt = Number.isNaN(at) ? r.last_failed_at : Math.max(r.last_failed_at ?? 0, at);
    const lockedAt = failedCount >= LOCK_AFTER_FAILURES ? (r.locked_at ?? lastFailedAt ?? 0) : r.locked_at;
    await this.setCounters(b.staffId, { failedCount, lastFailedAt, lockedAt });
  }

  /** Staff ids whose counters were changed outside the app. */
  async tampered(): Promise<string[]> {
    const rows = await this.db.all<RawRow>('SELECT staff_id, failed_count, last_failed_at, locked_at, counter_mac, counter_seq, counter_hash FROM staff ORDER BY staff_id');
    return rows.filter((r) => !this.verifies(r)).map((r) => r.staff_id);
  }

  /** The chain position is part of the MAC: a row cannot be re-bound to a later entry without the key. */
  private mac(staffId: string, c: Counters, at: ChainPosition | null): Buffer {
    const bound = at ? `|${at.seq}|${at.hash}` : '';
    return createHmac('sha256', this.counterKey).update(`${staffId}|${c.failedCount}|${c.lastFailedAt ?? ''}|${c.lockedAt ?? ''}${bound}`).digest();
  }

  private verifies(r: Pick<RawRow, 'staff_id' | 'failed_count' | 'last_failed_at' | 'locked_at' | 'counter_mac' | 'counter_seq' | 'counter_hash'>): boolean {
    const at = r.counter_seq === null || r.counter_seq === undefined ? null : { seq: r.counter_seq, hash: r.counter_hash ?? '' };
    const want = this.mac(r.staff_id, { failedCount: r.failed_count, lastFailedAt: r.last_failed_at, lockedAt: r.locked_at }, at);
    return Buffer.isBuffer(r.counter_mac) && r.counter_mac.length === want.length && timingSafeEqual(r.counter_mac, want);
  }

  /**
   * In a transaction of its own (or the caller's), so the position read is this write's turn: the entry a wrong PIN
   * staged just before (PinChecker), else the committed head.
   */
  private async setCounters(staffId: string, c: Counters, extra?: { pin: Buffer }): Promise<void> {
    await this.db.transaction(async () => {
      const at = this.position?.() ?? null;
      await this.db.run(`UPDATE staff SET ${extra ? 'pin = ?, ' : ''}failed_count = ?, last_failed_at = ?, locked_at = ?, counter_mac = ?, counter_seq = ?, counter_hash = ? WHERE staff_id = ?`, [
        ...(extra ? [extra.pin] : []), c.failedCount, c.lastFailedAt, c.lockedAt, this.mac(staffId, c, at), at?.seq ?? null, at?.hash ?? null, staffId,
      ]);
    });
  }

  async get(staffId: string): Promise<StaffRow | undefined> {
    const r = await this.db.get<RawRow>('SELECT * FROM staff WHERE staff_id = ?', [staffId]);
    return r ? this.toRow(r) : undefined;
  }

  async pin(staffId: string): Promise<PinRecord | undefined> {
    const r = await this.db.get<{ pin: Buffer }>('SELECT pin FROM staff WHERE staff_id = ?', [staffId]);
    return r ? openPin(this.key, staffId, r.pin) : undefined;
  }

  async all(): Promise<StaffRow[]> {
    const rows = await this.db.all<RawRow>('SELECT * FROM staff ORDER BY staff_id');
    return rows.map((r) => this.toRow(r));
  }

  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM staff'))?.n ?? 0;
  }

  async insert(staffId: string, body: StaffBody, pin: PinRecord, createdAt: string): Promise<void> {
    await this.db.transaction(async () => {
      const at = this.position?.() ?? null;
      await this.db.run('INSERT INTO staff (staff_id, body, pin, created_at, counter_mac, counter_seq, counter_hash) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        staffId, sealBody(this.key, staffId, body), sealPin(this.key, staffId, pin), createdAt, this.mac(staffId, CLEAR, at), at?.seq ?? null, at?.hash ?? null,
      ]);
    });
  }

  async setBody(staffId: string, body: StaffBody): Promise<void> {
    await this.db.run('UPDATE staff SET body = ? WHERE staff_id = ?', [sealBody(this.key, staffId, body), staffId]);
  }

  /** A new PIN also clears the counters: the old failures were against the old PIN. */
  async setPin(staffId: string, pin: PinRecord): Promise<void> {
    await this.setCounters(staffId, CLEAR, { pin: sealPin(this.key, staffId, pin) });
  }

  /** `row` is what the check read (one check per staff id at a time, so nothing moved in between). */
  async recordFailure(row: StaffRow, nowMs: number, lock: boolean): Promise<void> {
    await this.setCounters(row.staffId, { failedCount: row.failedCount + 1, lastFailedAt: nowMs, lockedAt: lock ? nowMs : row.lockedAt });
  }

  async clearFailures(staffId: string): Promise<void> {
    await this.setCounters(staffId, CLEAR);
  }

  private toRow(r: RawRow): StaffRow {
    const ok = this.verifies(r);
    return {
      staffId: r.staff_id,
      ...openBody(this.key, r.staff_id, r.body),
      failedCount: ok ? r.failed_count : Math.max(r.failed_count, LOCK_AFTER_FAILURES),
      lastFailedAt: r.last_failed_at,
      lockedAt: ok ? r.locked_at : (r.locked_at ?? 0),
      countersTampered: !ok,
    };
  }
}
