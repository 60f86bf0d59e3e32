/**
 * Each staff member's monthly re-confirmation counts wherever it was done (issue 19): at the station, the start
 * screen's "re-confirmations due" leaves out whoever re-confirmed the month on a terminal, read from that terminal's
 * verified entries (`review.reconfirmed`, staff id and month only).
 */
import type { Db } from '../vault/db';

export async function reconfirmedOnTerminals(db: Db, month: string): Promise<Set<string>> {
  const table = await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fleet_entries'");
  if (!table) return new Set();
  const rows = await db.all<{ actors: string; detail: string }>("SELECT actors, detail FROM fleet_entries WHERE action = 'review.reconfirmed'");
  const out = new Set<string>();
  for (const r of rows) {
    if ((JSON.parse(r.detail) as { month?: unknown }).month !== month) continue;
    const who = (JSON.parse(r.actors) as string[])[0];
    if (who) out.add(who);
  }
  return out;
}
