/**
 * The one date and number formatter of the screens (issue 23: dates were written five ways, counts two ways).
 * Japanese: 和暦 first, the western year in brackets where a reader may need it — 「令和8年11月29日（2026年）11:57」.
 * Times are the counter's wall clock (JST) whatever the PC's zone. Counts always go through Intl.NumberFormat('ja-JP')
 * and are written without a space before their unit (「20,000人」).
 */
import { formatWareki } from '../../../shared/text/date';

export type Lang = 'ja' | 'en' | string;

const ZONE = 'Asia/Tokyo';
const count = new Intl.NumberFormat('ja-JP');
const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Wall { y: number; m: number; d: number; hh: string; mm: string }

function wall(at: string | number | Date): Wall | null {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), hh: p.hour === '24' ? '00' : p.hour!, mm: p.minute! };
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** 令和8年11月29日（2026年） / 29 November 2026. `western: false` drops the bracket (tables, where space is short). */
export function formatDay(y: number, m: number, d: number, lang: Lang, opts: { western?: boolean } = {}): string {
  if (lang === 'en') return `${d} ${EN_MONTHS[m - 1]} ${y}`;
  const wareki = formatWareki(iso(y, m, d));
  return opts.western === false ? wareki : `${wareki}（${y}年）`;
}

/** A calendar date written as YYYY-MM-DD (a birth date, a period end). */
export function formatDate(isoDate: string, lang: Lang, opts: { western?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return formatDay(Number(m[1]), Number(m[2]), Number(m[3]), lang, opts);
}

/** An instant: 令和8年11月29日（2026年）11:57 / 29 November 2026, 11:57. */
export function formatDateTime(at: string | number | Date, lang: Lang, opts: { western?: boolean } = {}): string {
  const w = wall(at);
  if (!w) return '';
  const day = formatDay(w.y, w.m, w.d, lang, opts);
  return lang === 'en' ? `${day}, ${w.hh}:${w.mm}` : `${day}${w.hh}:${w.mm}`;
}

/** Only the clock (11:57), for something that happened a moment ago on this screen. */
export function formatClock(at: string | number | Date): string {
  const w = wall(at);
  return w ? `${w.hh}:${w.mm}` : '';
}

/** A month such as 2026-11: 令和8年11月（2026年） / November 2026. */
export function formatMonth(yearMonth: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!m) return yearMonth;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (lang === 'en') return `${EN_MONTHS[mo - 1]} ${y}`;
  // The era of a month is the era of its last day (令和元年5月 is in 令和, not 平成).
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const wareki = formatWareki(iso(y, mo, lastDay)).replace(/\d+日$/, '');
  return `${wareki}（${y}年）`;
}

/** Every count on every screen. */
export function formatCount(n: number): string {
  return count.format(n);
}
