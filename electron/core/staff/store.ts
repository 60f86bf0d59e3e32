/** The staff table: rows in, rows out, decrypted with the staff-records key. No policy lives here. */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
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

interface RawRow {
  staff_id: string;
  body: Buffer;
  pin: Buffer;
  failed_count: number;
  last_failed_at: number | null;
  locked_at: number | null;
  counter_mac: Buffer | null;
}

export class StaffStore {
  private readonly counterKey: Buffer;

  constructor(
    readonly db: Db,
    private readonly key: Buffer,
  ) {
    this.counterKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('countershield/v1/staff/counters', 'utf8'), 32));
  }

  /** Once, after the migration that added counter_mac: the counters as they stand are taken as the baseline. */
  async macExistingCounters(): Promise<void> {
    if (await this.db.get("SELECT 1 AS x FROM staff_meta WHERE key = ?", [MACED])) return;
    await this.db.transaction(async () => {
      const rows = await this.db.all<RawRow>('SELECT * FROM staff');
      for (const r of rows) await this.db.run('UPDATE staff SET counter_mac = ? WHERE staff_id = ?', [this.mac(r.staff_id, { failedCount: r.failed_count, lastFailedAt: r.last_failed_at, lockedAt: r.locked_at }), r.staff_id]);
      await this.db.run('INSERT INTO staff_meta (key, value) VALUES (?, ?)', [MACED, Buffer.from('1')]);
    });
  }

  /** Staff ids whose counters were changed outside the app. */
  async tampered(): Promise<string[]> {
    const rows = await this.db.all<RawRow>('SELECT staff_id, failed_count, last_failed_at, locked_at, counter_mac FROM staff ORDER BY staff_id');
    return rows.filter((r) => !this.verifies(r)).map((r) => r.staff_id);
  }

  private mac(staffId: string, c: Counters): Buffer {
    return createHmac('sha256', this.counterKey).update(`${staffId}|${c.failedCount}|${c.lastFailedAt ?? ''}|${c.lockedAt ?? ''}`).digest();
  }

  private verifies(r: Pick<RawRow, 'staff_id' | 'failed_count' | 'last_failed_at' | 'locked_at' | 'counter_mac'>): boolean {
    const want = this.mac(r.staff_id, { failedCount: r.failed_count, lastFailedAt: r.last_failed_at, lockedAt: r.locked_at });
    return Buffer.isBuffer(r.counter_mac) && r.counter_mac.length === want.length && timingSafeEqual(r.counter_mac, want);
  }

  private async setCounters(staffId: string, c: Counters, extra?: { pin: Buffer }): Promise<void> {
    await this.db.run(`UPDATE staff SET ${extra ? 'pin = ?, ' : ''}failed_count = ?, last_failed_at = ?, locked_at = ?, counter_mac = ? WHERE staff_id = ?`, [
      ...(extra ? [extra.pin] : []), c.failedCount, c.lastFailedAt, c.lockedAt, this.mac(staffId, c), staffId,
    ]);
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
    await this.db.run('INSERT INTO staff (staff_id, body, pin, created_at, counter_mac) VALUES (?, ?, ?, ?, ?)', [
      staffId, sealBody(this.key, staffId, body), sealPin(this.key, staffId, pin), createdAt, this.mac(staffId, CLEAR),
    ]);
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
