/**
 * The per-staff lookup budget across the fleet (issue 14). A terminal refuses a clerk's lookup past the policy's
 * hourly budget, but it only knows its own counts: offline PCs cannot share a live counter, so a clerk who walks to
 * the next terminal gets a second budget there. The station sees every terminal's `case.lookup_counted` entries and
 * names, at the review, each staff member whose counted lookups of one kind across terminals exceeded the hourly
 * budget within any 60 minutes — the walk a single terminal would have refused.
 */
import { LOOKUP_LIMITS, type LookupLimits } from '../../../shared/policy/cameraPolicy';
import { jstDay } from '../audit/time';
import type { ReportRow } from '../review/report';

export interface BudgetExcess {
  staffId: string;
  /** JST day the busiest hour ended in. */
  day: string;
  kind: 'matches' | 'dobTries' | 'lotChecks' | 'lookups';
  /** Counted lookups in the busiest 60 minutes of that day, all terminals together. */
  count: number;
  limit: number;
  terminals: string[];
}

const PER_STAFF: Record<BudgetExcess['kind'], keyof LookupLimits> = {
  matches: 'matchesPerStaffHour', dobTries: 'dobTriesPerStaffHour', lotChecks: 'lotChecksPerStaffHour', lookups: 'lookupsPerStaffHour',
};
const HOUR_MS = 3_600_000;

interface Step { at: number; n: number; terminal: string }

export function budgetExcesses(rows: readonly (ReportRow & { terminal: string })[], limits: LookupLimits = LOOKUP_LIMITS): BudgetExcess[] {
  const steps = new Map<string, Step[]>();
  for (const r of rows) {
    if (r.action !== 'case.lookup_counted') continue;
    const who = (JSON.parse(r.actors) as unknown[])[0];
    const d = JSON.parse(r.detail) as { kind?: unknown; n?: unknown };
    if (typeof who !== 'string' || typeof d.kind !== 'string' || !(d.kind in PER_STAFF)) continue;
    const key = `${who}\u001f${d.kind}`;
    const list = steps.get(key) ?? [];
    list.push({ at: Date.parse(r.at), n: typeof d.n === 'number' && d.n > 0 ? d.n : 1, terminal: r.terminal });
    steps.set(key, list);
  }
  const out: BudgetExcess[] = [];
  for (const [key, list] of steps) {
    const [staffId, kind] = key.split('\u001f') as [string, BudgetExcess['kind']];
    const limit = limits[PER_STAFF[kind]];
    list.sort((a, b) => a.at - b.at);
    // Sliding 60 minutes over the merged entries: the busiest window ending on each day.
    const worst = new Map<string, { count: number; terminals: Set<string> }>();
    let from = 0;
    let sum = 0;
    for (let i = 0; i < list.length; i++) {
      sum += list[i]!.n;
      while (list[i]!.at - list[from]!.at >= HOUR_MS) sum -= list[from++]!.n;
      if (sum <= limit) continue;
      const day = jstDay(new Date(list[i]!.at));
      if ((worst.get(day)?.count ?? 0) >= sum) continue;
      worst.set(day, { count: sum, terminals: new Set(list.slice(from, i + 1).map((s) => s.terminal)) });
    }
    for (const [day, w] of worst) out.push({ staffId, day, kind, count: w.count, limit, terminals: [...w.terminals].sort() });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : a.kind < b.kind ? -1 : 1));
}
