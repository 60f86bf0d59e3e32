/**
 * Progressive delay and lockout (SPEC F9). Pure functions over what the database records (failure count
 * and the time of the last failure), so the rule holds across restarts and tests move an injected clock
 * instead of sleeping.
 *
 *   consecutive failures : 1  2  3  4  5  6  7   8   9   10
 *   wait before the next : 0  0  0  1  2  4  8  16  32   locked
 *
 * Three free mistakes cover a clerk's typos; after that each failure doubles the wait (capped at
 * MAX_DELAY_SECONDS), and the 10th locks the staff id until an administrator and a second person unlock
 * it. The 11th attempt is refused without looking at the PIN at all, so a right guess after the lock is
 * worth nothing.
 */
export const LOCK_AFTER_FAILURES = 10;
export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 60;

export interface FailureState {
  readonly failedCount: number;
  /** ms since the epoch of the last failure, or null. */
  readonly lastFailedAt: number | null;
}

export function delaySecondsAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
}

export type Gate = { kind: 'open' } | { kind: 'locked' } | { kind: 'wait'; seconds: number };

export function gate(state: FailureState, nowMs: number): Gate {
  if (state.failedCount >= LOCK_AFTER_FAILURES) return { kind: 'locked' };
  const delay = delaySecondsAfter(state.failedCount) * 1000;
  if (delay === 0 || state.lastFailedAt === null) return { kind: 'open' };
  // A clock that went backwards (last failure "in the future") restarts the wait instead of skipping it.
  const since = nowMs >= state.lastFailedAt ? nowMs - state.lastFailedAt : 0;
  if (since >= delay) return { kind: 'open' };
  return { kind: 'wait', seconds: Math.ceil((delay - since) / 1000) };
}
