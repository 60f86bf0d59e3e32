/**
 * Birth dates as clerks and the 住基 export write them (SPEC F2): ISO, 1985/1/2, 19850102, 1985年1月2日,
 * 和暦 (昭和60年1月2日, S60.1.2, 昭60.1.2, 元年), full-width digits, kanji numerals, and the 住基 numeric
 * era code (3600102 = 昭和60年1月2日). A date that does not exist, or an era year outside its era, is an
 * error with a message the clerk can act on — never a silent guess, because a guessed birth date can turn
 * a match into a miss.
 * Pure TypeScript: used by the importer, the matcher and the renderer alike.
 */

import { KANJI_NUMERAL_RUN, kanjiNumber } from './numerals';
export type DateParse = { ok: true; iso: string } | { ok: false; code: string; ja: string; en: string };
/** A parsed date and, when it was written in 和暦, the era (index into ERAS) and era year the clerk typed. */
export type DateDetail = { ok: true; iso: string; era?: { index: number; year: number } } | Extract<DateParse, { ok: false }>;

interface Era {
  readonly name: string;
  readonly kanji1: string;
  readonly letter: string;
  readonly roman: string;
  /** 住基 numeric era code. */
  readonly code: number;
  /** First day, proleptic Gregorian; the same boundaries ICU's ja-JP-u-ca-japanese calendar uses. */
  readonly start: readonly [number, number, number];
}

// Newest first so that formatting can take the first era whose start is not after the date.
export const ERAS: readonly Era[] = [
  { name: '令和', roman: 'Reiwa', kanji1: '令', letter: 'R', code: 5, start: [2019, 5, 1] },
  { name: '平成', roman: 'Heisei', kanji1: '平', letter: 'H', code: 4, start: [1989, 1, 8] },
  { name: '昭和', roman: 'Showa', kanji1: '昭', letter: 'S', code: 3, start: [1926, 12, 25] },
  { name: '大正', roman: 'Taisho', kanji1: '大', letter: 'T', code: 2, start: [1912, 7, 30] },
  { name: '明治', roman: 'Meiji', kanji1: '明', letter: 'M', code: 1, start: [1868, 10, 23] },
];

const fail = (code: string, ja: string, en: string): DateParse => ({ ok: false, code, ja, en });

const INVALID = (): DateParse =>
  fail(
    'E_DATE_INVALID',
    '日付として読み取れません。和暦か西暦で入力し直してください（例：昭和60年1月2日、S60.1.2、1985年1月2日、1985/1/2）。',
    'Not a recognisable date. Type it again as a Japanese era or Western date (e.g. 昭和60年1月2日, S60.1.2, 1985/1/2).',
  );
const NO_SUCH_DAY = (y: number, m: number, d: number): DateParse =>
  fail('E_DATE_INVALID', `${y}年${m}月${d}日 は存在しない日付です。`, `${y}-${m}-${d} is not a calendar date.`);

function prepare(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(生まれ|生)$/, '')
    .replace(KANJI_NUMERAL_RUN, kanjiNumber)
    .replace(/[ー−‐―–—－]/g, '-');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function checkCalendar(y: number, m: number, d: number): DateParse {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NO_SUCH_DAY(y, m, d);
  return { ok: true, iso: iso(y, m, d) };
}

function lastDayBefore([y, m, d]: readonly [number, number, number]): string {
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function ordinal(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

function fromEra(era: Era, eraYear: number, m: number, d: number): DateDetail {
  const y = era.start[0] + eraYear - 1;
  const label = `${era.name}${eraYear === 1 ? '元' : eraYear}年${m}月${d}日`;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return fail('E_DATE_INVALID', `${label} は存在しない日付です。`, `${label} is not a calendar date.`);
  }
  const idx = ERAS.indexOf(era);
  const next = idx > 0 ? ERAS[idx - 1] : undefined;
  const at = ordinal(y, m, d);
  const before = at < ordinal(...era.start);
  const after = next !== undefined && at >= ordinal(...next.start);
  if (eraYear < 1 || before || after) {
    const first = iso(...era.start);
    const last = next ? lastDayBefore(next.start) : '';
    return fail(
      'E_DATE_ERA_RANGE',
      `${label} は${era.name}の期間外です（${era.name}は ${first} 〜 ${last}）。`,
      `${label} is outside the ${era.roman} era (${first} – ${last || 'today'}).`,
    );
  }
  return { ok: true, iso: iso(y, m, d), era: { index: idx, year: eraYear } };
}

const ERA_ALT = ERAS.flatMap((e) => [e.name, e.kanji1, e.letter]).join('|');
const AFTER_YEAR = '[./\\-年・,、]';
const AFTER_MONTH = '[./\\-月・,、]';
const ERA_RE = new RegExp(`^(${ERA_ALT})\\.?(元|\\d{1,2})${AFTER_YEAR}(\\d{1,2})${AFTER_MONTH}(\\d{1,2})日?$`, 'i');
const ERA_COMPACT_RE = new RegExp(`^(${ERA_ALT})\\.?(\\d{2})(\\d{2})(\\d{2})$`, 'i');
const WESTERN_RE = new RegExp(`^(\\d{4})${AFTER_YEAR}(\\d{1,2})${AFTER_MONTH}(\\d{1,2})日?$`);

function eraOf(token: string): Era | undefined {
  const t = token.toUpperCase();
  return ERAS.find((e) => e.name === t || e.kanji1 === t || e.letter === t);
}

export function parseDate(input: string): DateParse {
  const r = parseDateDetail(input);
  return r.ok ? { ok: true, iso: r.iso } : r;
}

export function parseDateDetail(input: string): DateDetail {
  const s = prepare(input);
  if (s.length === 0) return fail('E_DATE_EMPTY', '日付が入力されていません。', 'No date was given.');
  let m = ERA_RE.exec(s) ?? ERA_COMPACT_RE.exec(s);
  if (m) {
    const era = eraOf(m[1]!);
    if (!era) return INVALID();
    return fromEra(era, m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
  }
  m = WESTERN_RE.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return checkCalendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([1-5])(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const era = ERAS.find((e) => e.code === Number(m![1]));
    if (era) return fromEra(era, Number(m[2]), Number(m[3]), Number(m[4]));
  }
  return INVALID();
}

const SLIP_YEARS = [1868, 2099] as const;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** The first day of each era and of the era after it, as yyyymmdd numbers (for the era-slip range check). */
const ERA_RANGE = ERAS.map((e, i) => [ordinal(...e.start), i > 0 ? ordinal(...ERAS[i - 1]!.start) : Infinity] as const);

/**
 * Every date one clerk's slip away from `typed` (issue 20), without `typed` itself: one digit of YYYYMMDD
 * wrong, two neighbouring digits swapped, day and month swapped, and — when it was typed in 和暦 — the same
 * era year under another era (昭和15年 typed as 平成15年) or one digit of the era year wrong or swapped.
 * Only real calendar dates are returned. The set depends on the typed date alone, never on the list, so
 * computing it tells nobody anything (invariant 6). Numbers throughout: it runs on every dated lookup.
 */
export function dateSlips(typed: Extract<DateDetail, { ok: true }>): string[] {
  return Array.from(dateSlipNumbers(typed), numberIso);
}

/** `YYYY-MM-DD` → yyyymmdd as one number. */
export function isoNumber(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 10000 + Number(isoDate.slice(5, 7)) * 100 + Number(isoDate.slice(8, 10));
}

export function numberIso(n: number): string {
  return iso(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

/** Place values of the digits of yyyymmdd, most significant first. */
const PLACE = [10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1] as const;
/** Room for every slip of one date: 8 × 9 digits, 7 swaps, day–month, 4 + 9 + 9 + 1 era slips. */
const slipBuf = new Int32Array(128);

/** Whether yyyymmdd `c` is a real date in the slip range. */
function slipDate(c: number): boolean {
  const y = Math.floor(c / 10000);
  const m = Math.floor(c / 100) % 100;
  const d = c % 100;
  return y >= SLIP_YEARS[0] && y <= SLIP_YEARS[1] && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);
}

/**
 * dateSlips as sorted, distinct yyyymmdd numbers: no strings are built on the lookup path, and each slip is
 * made by arithmetic on the one number (this runs on every dated lookup, so it is kept to one small array).
 */
export function dateSlipNumbers(typed: Extract<DateDetail, { ok: true }>): Int32Array {
  const buf = slipBuf;
  let n = 0;
  const t = isoNumber(typed.iso);
  for (let i = 0; i < 8; i++) {
    const pv = PLACE[i]!;
    const keep = Math.floor(t / pv) % 10;
    const base = t - keep * pv;
    for (let v = 0; v <= 9; v++) {
      if (v !== keep && slipDate(base + v * pv)) buf[n++] = base + v * pv;
    }
    if (i < 7) {
      const pn = PLACE[i + 1]!;
      const next = Math.floor(t / pn) % 10;
      const swapped = t + (next - keep) * pv + (keep - next) * pn;
      if (next !== keep && slipDate(swapped)) buf[n++] = swapped;
    }
  }
  const [y, m, d] = [Math.floor(t / 10000), Math.floor(t / 100) % 100, t % 100];
  if (slipDate(y * 10000 + d * 100 + m)) buf[n++] = y * 10000 + d * 100 + m;
  if (typed.era) {
    const { index, year } = typed.era;
    const md = m * 100 + d;
    const eraDate = (e: number, ey: number) => {
      if (ey < 1) return;
      const at = (ERAS[e]!.start[0] + ey - 1) * 10000 + md;
      const [from, until] = ERA_RANGE[e]!;
      if (at >= from && at < until && slipDate(at)) buf[n++] = at;
    };
    for (let e = 0; e < ERAS.length; e++) if (e !== index) eraDate(e, year);
    const [hi, lo] = [Math.floor(year / 10) % 10, year % 10];
    for (let v = 0; v <= 9; v++) {
      if (v !== hi) eraDate(index, v * 10 + lo);
      if (v !== lo) eraDate(index, hi * 10 + v);
    }
    if (hi !== lo) eraDate(index, lo * 10 + hi);
  }
  const all = buf.subarray(0, n).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (all[i] !== t && (k === 0 || all[i] !== all[k - 1])) all[k++] = all[i]!;
  return all.slice(0, k);
}

/** 1985-01-02 → 昭和60年1月2日; the first year of an era is written 元年 as on the register. */
export function formatWareki(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const era = ERAS.find((e) => ordinal(y, mo, d) >= ordinal(...e.start));
  if (!era) return `${y}年${mo}月${d}日`;
  const ey = y - era.start[0] + 1;
  return `${era.name}${ey === 1 ? '元' : ey}年${mo}月${d}日`;
}
