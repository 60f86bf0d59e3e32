/**
 * Wrong PINs on this terminal, across staff ids (issue 14). The per-staff delay and lock (throttle.ts) let
 * anyone at the counter lock every lead out with ten wrong PINs each, no session needed. Counting failures
 * per terminal too — whatever id they were typed for — slows such a run to minutes and raises an alert on the
 * start screen. A right PIN does not clear the window: an attacker who knows their own clerk PIN could
 * otherwise reset it between guesses. Kept in staff_meta so a restart of the app does not clear it.
 *
 *   failures in the last 15 min : 1–4  5  6  7  8   9   10  11 …
 *   wait before the next check  : 0    1  2  4  8  16   32  60 (capped)
 */
import type { Db } from '../vault/db';

export const TERMINAL_WINDOW_MS = 15 * 60_000;
export const TERMINAL_FREE_FAILURES = 4;
const MAX_KEPT = 64;
const KEY = 'terminal_pin_failures';

export class TerminalPinThrottle {
  private failures: number[] = [];

  private constructor(private readonly db: Db) {}

  static async open(db: Db): Promise<TerminalPinThrottle> {
    const t = new TerminalPinThrottle(db);
    const row = await db.get<{ value: Buffer }>('SELECT value FROM staff_meta WHERE key = ?', [KEY]).catch(() => undefined);
    try {
      const list = row ? (JSON.parse(row.value.toString('utf8')) as unknown) : [];
      if (Array.isArray(list)) t.failures = list.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).slice(-MAX_KEPT);
    } catch {
      t.failures = [];
    }
    return t;
  }

  private recent(nowMs: number): number[] {
    // A failure "in the future" (clock went back) still counts: nothing is forgotten early.
    return this.failures.filter((at) => at > nowMs - TERMINAL_WINDOW_MS);
  }

  /** Seconds to wait before any PIN may be checked on this terminal; 0 = go. */
  waitSeconds(nowMs: number): number {
    const recent = this.recent(nowMs);
    if (recent.length < TERMINAL_FREE_FAILURES + 1) return 0;
    const delay = Math.min(2 ** (recent.length - TERMINAL_FREE_FAILURES - 1), 60) * 1000;
    const last = Math.max(...recent);
    const since = nowMs >= last ? nowMs - last : 0;
    return since >= delay ? 0 : Math.ceil((delay - since) / 1000);
  }

  async recordFailure(nowMs: number): Promise<void> {
    this.failures = [...this.recent(nowMs), nowMs].slice(-MAX_KEPT);
    await this.db.run('INSERT OR REPLACE INTO staff_meta (key, value) VALUES (?, ?)', [KEY, Buffer.from(JSON.stringify(this.failures), 'utf8')]);
  }

  /** The start screen's alert: failures in the window once the terminal-wide delay has begun. */
  alert(nowMs: number): { failures: number; since: string } | null {
    const recent = this.recent(nowMs);
    if (recent.length <= TERMINAL_FREE_FAILURES) return null;
    return { failures: recent.length, since: new Date(Math.min(...recent)).toISOString() };
  }
}
