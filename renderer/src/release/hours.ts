/**
 * The release's length as typed (issue 22: "hours, not days"): a whole number of hours 1–8, full-width digits and a
 * trailing 時間 accepted; anything in days is refused by name, so the clerk is told why rather than "not a number".
 */
export type HoursParse = { ok: true; hours: number } | { ok: false; error: 'hoursEmpty' | 'hoursDays' | 'hoursNumber' | 'hoursRange' };

export const MAX_RELEASE_HOURS = 8;

export function parseHours(typed: string): HoursParse {
  const s = typed.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (!s) return { ok: false, error: 'hoursEmpty' };
  if (/日|day|d$/.test(s)) return { ok: false, error: 'hoursDays' };
  const m = /^(\d+)(時間|h|hours?)?$/.exec(s);
  if (!m) return { ok: false, error: 'hoursNumber' };
  const n = Number(m[1]);
  if (n < 1 || n > MAX_RELEASE_HOURS) return { ok: false, error: 'hoursRange' };
  return { ok: true, hours: n };
}
