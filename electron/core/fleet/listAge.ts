/**
 * A list that knows its age (issue 18): whole days since the 住基 export it was made from, counted on the counter's
 * calendar (JST). Past the policy's first limit every screen and match result says the list may be out of date;
 * past the second a case opens only with a lead's PIN. A list of unknown age (no export date) counts as too old:
 * not knowing is not a reason to trust it.
 */
import type { FleetLimits } from '../../../shared/policy/cameraPolicy';

const DAY = 86_400_000;

export interface ListAge {
  /** Null when nothing says when the list was exported. */
  days: number | null;
  stale: boolean;
  leadRequired: boolean;
}

export function listAgeOf(exportDate: string | null | undefined, now: Date, limits: FleetLimits): ListAge {
  if (!exportDate || !/^\d{4}-\d{2}-\d{2}$/.test(exportDate)) return { days: null, stale: true, leadRequired: true };
  const start = Date.parse(`${exportDate}T00:00:00+09:00`);
  const days = Math.max(0, Math.floor((now.getTime() - start) / DAY));
  return { days, stale: days > limits.listAgeWarnDays, leadRequired: days > limits.listAgeLeadDays };
}

/** The JST calendar day of an instant (the day a counter clerk would name). */
export function jstDayOf(d: Date): string {
  return new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
