/**
 * Hand entries of the protected list (SPEC F8, issue 22): a person added, edited, extended or ended by two
 * people at a terminal, between two 住基 exports. The vault keeps one marker per hand-made change so that the
 * next import meets it deliberately instead of overwriting it:
 * - a hand entry the file does not carry (neither its 管理番号 nor its 宛名番号) stays on the list as it is
 *   — a 仮支援措置 entered at the counter today is not in tomorrow's export, and must not end with it;
 * - a hand entry the file carries (same 管理番号, or same 宛名番号 under the 管理番号 住基 gave it) is taken
 *   over by the file's row; a file row that ends earlier than the hand entry is a shortened period and needs
 *   the two-person confirmation like any other;
 * - a person ended by hand whom the file still carries comes back (protection is the safe side) and is
 *   listed in the plan, so the administrator sees it and can end it again.
 * Markers hold the 管理番号 and the kind of change only: nothing personal.
 */
import type { Db } from './db';
import { migrateSubsystem } from './schema';
import type { PersonBody } from './records';

export type ManualState = 'active' | 'ended';

export async function migrateManual(db: Db): Promise<void> {
  await migrateSubsystem(db, 'manual-entries', [
    `CREATE TABLE manual_entries (rid TEXT PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('active','ended')), at TEXT NOT NULL);`,
  ]);
}

export async function manualMarkers(db: Db): Promise<Map<string, ManualState>> {
  const rows = await db.all<{ rid: string; state: ManualState }>('SELECT rid, state FROM manual_entries');
  return new Map(rows.map((r) => [r.rid, r.state]));
}

export async function setMarker(db: Db, rid: string, state: ManualState, at: string): Promise<void> {
  await db.run('INSERT INTO manual_entries (rid, state, at) VALUES (?, ?, ?) ON CONFLICT(rid) DO UPDATE SET state = excluded.state, at = excluded.at', [rid, state, at]);
}

/** What an import does with the hand entries, decided before the plan (ids only). */
export interface ManualMeeting {
  /** Hand entries the file does not carry: they stay, rows and all. */
  kept: string[];
  /** Hand entries the file carries: the file's row replaces them (fileId is the file's 管理番号). */
  takenOver: { id: string; fileId: string }[];
  /** Ended by hand, but still in the file: they come back. */
  endedReturning: string[];
}

export function meetManual(
  markers: ReadonlyMap<string, ManualState>,
  manualBodies: ReadonlyMap<string, PersonBody>,
  incoming: readonly { id: string; atenaNo?: string | undefined }[],
): ManualMeeting {
  const ids = new Set(incoming.map((p) => p.id));
  const byAtena = new Map<string, string>();
  for (const p of incoming) if (p.atenaNo) byAtena.set(p.atenaNo, p.id);
  const out: ManualMeeting = { kept: [], takenOver: [], endedReturning: [] };
  for (const [rid, state] of [...markers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (state === 'ended') {
      if (ids.has(rid)) out.endedReturning.push(rid);
      continue;
    }
    const body = manualBodies.get(rid);
    if (!body) continue;
    if (ids.has(rid)) out.takenOver.push({ id: rid, fileId: rid });
    else if (body.atenaNo && byAtena.has(body.atenaNo)) out.takenOver.push({ id: rid, fileId: byAtena.get(body.atenaNo)! });
    else out.kept.push(rid);
  }
  return out;
}

export const noMeeting = (): ManualMeeting => ({ kept: [], takenOver: [], endedReturning: [] });
