/**
 * Incidents recorded on any terminal, with their report clocks, at the station (issue 19 "Incidents fleet-wide"). The
 * record itself stays sealed on the terminal where a lead wrote it; what travels is its audit entries in the
 * terminal's verified segments: `incident.recorded` (id, 不正の目的 flag, when the town became aware) and
 * `incident.reported` (速報 / 確報 filed). The station runs the same 個人情報保護法 clock over them (deadlines.ts).
 *
 * An entry from before the terminals carried `discoveredAt` starts the clock at the entry's own time — never earlier
 * than the awareness, so such a clock may run late; it is marked `approximate`.
 */
import { reportClocks, type ReportClock } from '../incident/deadlines';
import type { Db } from '../vault/db';

export interface FleetIncidentClock extends ReportClock {
  incidentId: string;
  terminal: string;
  approximate: boolean;
}

interface Row { terminal: string; at: string; action: string; targets: string; detail: string }

async function hasFleetEntries(db: Db): Promise<boolean> {
  return !!(await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fleet_entries'"));
}

/** Open clocks (not yet filed) of the terminals' incidents, most urgent first; `skip` = ids the station holds itself. */
export async function fleetIncidentClocks(db: Db, now: Date, skip: ReadonlySet<string> = new Set()): Promise<FleetIncidentClock[]> {
  if (!(await hasFleetEntries(db))) return [];
  const rows = await db.all<Row>("SELECT terminal, at, action, targets, detail FROM fleet_entries WHERE action IN ('incident.recorded', 'incident.reported') ORDER BY at, terminal, seq");
  const byId = new Map<string, { terminal: string; discoveredAt: string; approximate: boolean; improperPurpose: boolean; sokuhoAt?: string; kakuhoAt?: string }>();
  for (const r of rows) {
    const id = (JSON.parse(r.targets) as Array<{ recordId?: string }>)[0]?.recordId;
    if (!id || skip.has(id)) continue;
    const d = JSON.parse(r.detail) as Record<string, unknown>;
    if (r.action === 'incident.recorded') {
      // A terminal restored from another's backup carries that history too: the first terminal to record it owns it.
      if (byId.has(id)) continue;
      const aware = typeof d.discoveredAt === 'string' && Number.isFinite(Date.parse(d.discoveredAt)) ? d.discoveredAt : null;
      byId.set(id, { terminal: r.terminal, discoveredAt: aware ?? r.at, approximate: aware === null, improperPurpose: d.improperPurpose === true });
      continue;
    }
    const inc = byId.get(id);
    if (inc && d.part === 'sokuho') inc.sokuhoAt ??= r.at;
    if (inc && d.part === 'kakuho') inc.kakuhoAt ??= r.at;
  }
  const out = [...byId].flatMap(([incidentId, i]) =>
    reportClocks(i, now).filter((c) => c.state !== 'done').map((c) => ({ ...c, incidentId, terminal: i.terminal, approximate: i.approximate })));
  return out.sort((a, b) => a.remainingMs - b.remainingMs);
}
