/**
 * Japan has one time zone and no daylight saving, so "the day" and "the month" of an event are computed
 * with a fixed +09:00 offset — independent of the PC's own time-zone setting, which IT may have left on UTC.
 */
const JST_MS = 9 * 3600_000;

export function jstDay(d: Date): string {
  return new Date(d.getTime() + JST_MS).toISOString().slice(0, 10);
}

export function jstMonth(d: Date): string {
  return jstDay(d).slice(0, 7);
}

/** The UTC instant at which a JST calendar day (YYYY-MM-DD) begins. */
export function jstDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+09:00`));
}

/** [start, end) of a JST month (YYYY-MM) as UTC instants. */
export function jstMonthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: jstDayStart(`${month}-01`), end: jstDayStart(`${next}-01`) };
}

/** Minutes after JST midnight and the JST weekday (0 = Sunday). */
export function jstClock(d: Date): { minutes: number; weekday: number } {
  const j = new Date(d.getTime() + JST_MS);
  return { minutes: j.getUTCHours() * 60 + j.getUTCMinutes(), weekday: j.getUTCDay() };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
