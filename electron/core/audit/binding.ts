/**
 * Counter rows bound to the audit chain (issue 14). A lockout counter or a lookup count is MACed, so an edited row
 * does not verify — but an *older* copy of the row, put back, carries a valid MAC of its own. The chain is what that
 * copy cannot take back with it: each counter row also names the chain position (sequence number + hash) it was
 * written at, and every change that raises a counter writes its entry (the wrong PIN, the counted lookup) in the
 * same transaction, before the row, so the row names that very entry. At open, a row is behind the chain when the
 * chain holds a later counting entry for that staff member or case than the row names — the row was put back.
 */
import { isTransactional, type AuditEvent, type AuditSink } from '../ports';
import type { Db } from '../vault/db';

export interface ChainPosition { seq: number; hash: string }

/** The chain as a counter store sees it: where a row written now stands. */
export interface PositionedSink { position(): ChainPosition }

/** The position of the chain behind `sink`, or null when the sink is not the chain (a test double). */
export function positionOf(sink: unknown): (() => ChainPosition) | null {
  const s = sink as Partial<PositionedSink> | null;
  return s && typeof s.position === 'function' ? () => (s as PositionedSink).position() : null;
}

/**
 * The entries first, then the counter writes that name them, in one transaction. A sink that cannot join (a test
 * double) gets the entries after the commit.
 */
export async function countedTransaction<T>(db: Db, sink: AuditSink, events: readonly AuditEvent[], work: () => Promise<T>): Promise<T> {
  if (!isTransactional(sink)) {
    const out = await db.transaction(work);
    for (const e of events) await sink.append(e);
    return out;
  }
  return db.transaction(async () => {
    if (events.length) await sink.appendInTransaction(events);
    return work();
  });
}

/** The row's claimed position still names an entry of this chain (a row bound to another history is behind). */
export async function positionHolds(db: Db, p: ChainPosition): Promise<boolean> {
  if (p.seq === 0) return true;
  const row = await db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [p.seq]);
  return row?.hash === p.hash;
}
