/**
 * The 個人情報保護法 report clock (法26条, 施行規則7条・8条 as applied to local governments via 法68条):
 * 速報 "概ね3〜5日以内" of becoming aware — we hold ourselves to 5 days and warn from the 3rd day;
 * 確報 within 30 days, or 60 days where an improper purpose (不正の目的) is suspected.
 * The clock starts when the town became aware (discoveredAt), not when the leak happened.
 */
export type ReportKind = 'sokuho' | 'kakuho';
export type ClockState = 'ok' | 'warning' | 'overdue' | 'done';

export interface ReportClock {
  kind: ReportKind;
  dueAt: string;
  /** Milliseconds left (negative when overdue). */
  remainingMs: number;
  /** Whole days since discovery; discovery day is day 1 (「3日目」 = the third day). */
  dayNumber: number;
  state: ClockState;
}

const DAY = 86_400_000;
export const SOKUHO_DAYS = 5;
export const SOKUHO_WARN_FROM_DAY = 3;
export const KAKUHO_DAYS = 30;
export const KAKUHO_IMPROPER_DAYS = 60;
export const KAKUHO_WARN_DAYS_LEFT = 7;

export function reportClocks(i: { discoveredAt: string; improperPurpose: boolean; sokuhoAt?: string; kakuhoAt?: string }, now: Date): ReportClock[] {
  const start = Date.parse(i.discoveredAt);
  const dayNumber = Math.floor((now.getTime() - start) / DAY) + 1;
  const sokuhoDue = start + SOKUHO_DAYS * DAY;
  const kakuhoDue = start + (i.improperPurpose ? KAKUHO_IMPROPER_DAYS : KAKUHO_DAYS) * DAY;
  const state = (due: number, done: string | undefined, warn: boolean): ClockState =>
    done ? 'done' : now.getTime() > due ? 'overdue' : warn ? 'warning' : 'ok';
  return [
    { kind: 'sokuho', dueAt: new Date(sokuhoDue).toISOString(), remainingMs: sokuhoDue - now.getTime(), dayNumber, state: state(sokuhoDue, i.sokuhoAt, dayNumber >= SOKUHO_WARN_FROM_DAY) },
    { kind: 'kakuho', dueAt: new Date(kakuhoDue).toISOString(), remainingMs: kakuhoDue - now.getTime(), dayNumber, state: state(kakuhoDue, i.kakuhoAt, kakuhoDue - now.getTime() <= KAKUHO_WARN_DAYS_LEFT * DAY) },
  ];
}
