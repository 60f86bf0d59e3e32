/** Small display helpers shared by the lead screens. Times are shown in JST, as the counter works in JST. */
import type { TFunction } from 'i18next';
import i18n from '../i18n/setup';
import { formatDateTime } from '../ui/format';

/** An instant on a lead screen, through the one formatter (和暦 first); `western: false` in tables. */
export function jst(iso: string, opts: { western?: boolean } = {}): string {
  return formatDateTime(iso, i18n.language, opts);
}

export function duration(t: TFunction, ms: number): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return d > 0 ? t('leads.left.days', { d, h }) : t('leads.left.hours', { h, m });
}

export function previousMonth(now = new Date()): string {
  const j = new Date(now.getTime() + 9 * 3600_000);
  const y = j.getUTCFullYear();
  const m = j.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
}

/** The last twelve finished months, newest first: the months a review can be held for. */
export function recentMonths(now = new Date()): string[] {
  const out: string[] = [];
  let m = previousMonth(now);
  for (let i = 0; i < 12; i++) {
    out.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
  }
  return out;
}
