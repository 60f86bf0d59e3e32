/**
 * Time going backwards (issue 15): an OS clock set back makes entries dated before their predecessors and could
 * date a checkpoint before the previous one. The chain flags it as it happens (AuditChain.clockStatus, the
 * `audit.clock_backwards` entry); this finds it afterwards, for verify. Read-only, a single pass in sqlite.
 */
import type { Db } from '../vault/db';

/**
 * An entry appended while an import's transaction ran is written after that import's own entries, so it can be
 * older than its predecessor by up to the length of that transaction. Steps back smaller than this are queueing,
 * not the clock; the live check (AuditChain.stamp) compares against committed entries and catches any step.
 */
export const QUEUE_TOLERANCE_MS = 10 * 60_000;

export interface ClockFindings {
  /** Entries dated earlier than an entry before them. */
  entriesBackwards: number;
  firstSeq: number | null;
  /** Checkpoints dated earlier than the checkpoint before them. */
  checkpointsBackwards: number;
}

export async function findClockRegressions(db: Db): Promise<ClockFindings> {
  const e = await db.get<{ n: number; first: number | null }>(
    `SELECT COUNT(*) AS n, MIN(seq) AS first FROM (
       SELECT seq, at, MAX(at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM audit_log
     ) WHERE before IS NOT NULL AND julianday(before) - julianday(at) > ?`,
    [QUEUE_TOLERANCE_MS / 86_400_000],
  );
  const c = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT at, MAX(at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM audit_checkpoints
     ) WHERE before IS NOT NULL AND at < before`,
  );
  return { entriesBackwards: e?.n ?? 0, firstSeq: e?.first ?? null, checkpointsBackwards: c?.n ?? 0 };
}
