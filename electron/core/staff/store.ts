/** The staff table: rows in, rows out, decrypted with the staff-records key. No policy lives here. */
import type { Db } from '../vault/db';
import type { FailureState } from './throttle';
import { openBody, openPin, sealBody, sealPin, type PinRecord, type StaffBody } from './records';

export interface StaffRow extends StaffBody, FailureState {
  readonly staffId: string;
  readonly lockedAt: number | null;
}

interface RawRow {
  staff_id: string;
  body: Buffer;
  pin: Buffer;
  failed_count: number;
  last_failed_at: number | null;
  locked_at: number | null;
}

export class StaffStore {
  constructor(
    readonly db: Db,
    private readonly key: Buffer,
  ) {}

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
    await this.db.run('INSERT INTO staff (staff_id, body, pin, created_at) VALUES (?, ?, ?, ?)', [
      staffId, sealBody(this.key, staffId, body), sealPin(this.key, staffId, pin), createdAt,
    ]);
  }

  async setBody(staffId: string, body: StaffBody): Promise<void> {
    await this.db.run('UPDATE staff SET body = ? WHERE staff_id = ?', [sealBody(this.key, staffId, body), staffId]);
  }

  /** A new PIN also clears the counters: the old failures were against the old PIN. */
  async setPin(staffId: string, pin: PinRecord): Promise<void> {
    await this.db.run('UPDATE staff SET pin = ?, failed_count = 0, last_failed_at = NULL, locked_at = NULL WHERE staff_id = ?', [
      sealPin(this.key, staffId, pin), staffId,
    ]);
  }

  async recordFailure(staffId: string, nowMs: number, lock: boolean): Promise<void> {
    await this.db.run(
      'UPDATE staff SET failed_count = failed_count + 1, last_failed_at = ?, locked_at = CASE WHEN ? THEN ? ELSE locked_at END WHERE staff_id = ?',
      [nowMs, lock ? 1 : 0, nowMs, staffId],
    );
  }

  async clearFailures(staffId: string): Promise<void> {
    await this.db.run('UPDATE staff SET failed_count = 0, last_failed_at = NULL, locked_at = NULL WHERE staff_id = ?', [staffId]);
  }

  private toRow(r: RawRow): StaffRow {
    return {
      staffId: r.staff_id,
      ...openBody(this.key, r.staff_id, r.body),
      failedCount: r.failed_count,
      lastFailedAt: r.last_failed_at,
      lockedAt: r.locked_at,
    };
  }
}
