/**
 * Wrong PINs at a PIN enrolment (issue 16) count against the administrator's lockout like any PIN failure. At that
 * moment nothing opens the vault — that is what the wrong PIN means — so neither the staff row's keyed counters nor
 * the audit chain can be written. The failure is kept in a plain journal instead, and:
 *   - counts at once: the next enrolment try for that id sees staff counters + journal together (the usual delay
 *     and lock after 10), and every id together is capped at LOCK_AFTER_FAILURES waiting entries;
 *   - is folded in by the next open of the vault (a successful enrolment, or any enrolled account's start): each
 *     entry becomes a real failure on the staff row with its 'staff.pin.failed' entry, in one transaction with
 *     the journal's deletion.
 * The journal is not keyed: a local account that edits the database can delete it — but such an account can also
 * copy the slot and guess offline, which docs/IT.md states as the residual risk. In the app, guesses are bounded.
 */
import type { AuditEvent, AuditSink } from '../ports';
import { auditedTransaction } from '../audit/chain';
import type { Db } from '../vault/db';
import { gate, LOCK_AFTER_FAILURES, type Gate } from '../staff/throttle';
import type { StaffService } from '../staff';
import { migrateEnrolment } from './enrolmentSlot';

export const PENDING_CAP = LOCK_AFTER_FAILURES;

export interface PendingFailure { id: number; staffId: string; at: number }

export async function recordEnrolFailure(db: Db, staffId: string, atMs: number): Promise<void> {
  await migrateEnrolment(db);
  await db.run('INSERT INTO enrol_pin_failures (staff_id, at) VALUES (?, ?)', [staffId, atMs]);
}

export async function pendingFailures(db: Db): Promise<PendingFailure[]> {
  await migrateEnrolment(db);
  return (await db.all<{ id: number; staff_id: string; at: number }>('SELECT id, staff_id, at FROM enrol_pin_failures ORDER BY id')).map((r) => ({ id: r.id, staffId: r.staff_id, at: r.at }));
}

/** The lockout gate before the KDF runs: the staff row's counters plus the journal, or 'paused' past the cap. */
export async function enrolGate(db: Db, staffId: string, nowMs: number): Promise<Gate | { kind: 'paused' }> {
  const pending = await pendingFailures(db);
  if (pending.length >= PENDING_CAP) return { kind: 'paused' };
  const row = await db.get<{ failed_count: number; last_failed_at: number | null }>('SELECT failed_count, last_failed_at FROM staff WHERE staff_id = ?', [staffId]).catch(() => undefined);
  const mine = pending.filter((p) => p.staffId === staffId);
  const last = Math.max(row?.last_failed_at ?? 0, ...mine.map((p) => p.at));
  return gate({ failedCount: (row?.failed_count ?? 0) + mine.length, lastFailedAt: last > 0 ? last : null }, nowMs);
}

/** With the vault open: every journal entry becomes a counted, audited failure; the journal empties in the same transaction. */
export async function foldEnrolFailures(db: Db, staff: StaffService, audit: AuditSink): Promise<number> {
  const pending = await pendingFailures(db);
  if (pending.length === 0) return 0;
  await auditedTransaction(db, audit, async () => {
    const events: AuditEvent[] = [];
    for (const p of pending) events.push(...(await staff.countOutsideFailure(p.staffId, p.at, 'terminal-enrolment')));
    await db.run(`DELETE FROM enrol_pin_failures WHERE id IN (${pending.map(() => '?').join(',')})`, pending.map((p) => p.id));
    return events;
  }, (events) => events);
  return pending.length;
}
