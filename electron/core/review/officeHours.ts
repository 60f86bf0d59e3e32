/** Office hours for the "unmask outside office hours" anomaly; the town sets them (default 8:30–17:15, Mon–Fri JST). */
import { jstClock } from '../audit/time';

export interface OfficeHours {
  /** "HH:MM", JST. */
  start: string;
  end: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: readonly number[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '08:30', end: '17:15', weekdays: [1, 2, 3, 4, 5] };

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export function withinOfficeHours(at: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  const { minutes: now, weekday } = jstClock(at);
  return hours.weekdays.includes(weekday) && now >= minutes(hours.start) && now < minutes(hours.end);
}
