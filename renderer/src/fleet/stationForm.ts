/**
 * What the station desk checks before it sends anything to main (issue 18): the same rules main enforces, said in
 * the screen's words beside the field. Main still checks everything; these only spare a 30-second PIN check that
 * would end in a refusal.
 */
import type { PinPair } from '../review/TwoPeople';

/** The recovery key's alphabet (Crockford base32) after the look-alike fixes people write by hand. */
export function recoveryKeyOk(text: string): boolean {
  const clean = text.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{36}$/.test(clean);
}

export type PairProblem = 'staff' | 'pin' | 'same' | null;

export function pairProblems(a: PinPair, b: PinPair): [PairProblem, PairProblem] {
  const one = (p: PinPair): PairProblem => (!p.staffId ? 'staff' : !p.pin ? 'pin' : null);
  const second = one(b) ?? (a.staffId && a.staffId === b.staffId ? 'same' : null);
  return [one(a), second];
}

export const TERMINAL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Today in Japan as YYYY-MM-DD: an export date after it is a typo. */
export function jstToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
