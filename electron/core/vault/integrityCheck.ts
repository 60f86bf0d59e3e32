/**
 * `PRAGMA integrity_check` at open (issue 14, invariant 4). A database whose pages no longer agree with each
 * other can still open and answer some queries; it must not be trusted to mask, unmask or take an import until
 * two people have seen the finding. Returns the first few messages (page numbers and table names, never data).
 */
import type { Db } from './db';

export async function integrityProblems(db: Db, max = 5): Promise<string[]> {
  try {
    const rows = await db.all<{ integrity_check: string }>(`PRAGMA integrity_check(${Math.max(1, Math.floor(max))})`);
    const msgs = rows.map((r) => String(r.integrity_check));
    return msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs;
  } catch {
    return ['integrity_check could not run'];
  }
}
