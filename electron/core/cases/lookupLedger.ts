/**
 * Counts and limits every lookup a clerk makes (issue 14, SPEC invariant 6). A match, a new-本籍 lot check
 * and a masked-record view each answer one question about the protected list; walking inputs until the
 * answer changes turns those answers into an address, a birth date or a membership. Counting every call per
 * case and per staff member, and refusing past the policy's limit, bounds such a walk; the counts go into
 * the audit trail (counts only, no values) and from there into the monthly review's outliers.
 *
 * Three counters matter for the walks the issue names:
 *   dobTries   distinct complete birth dates tried on a name that already has candidates (the date walk)
 *   lotChecks  distinct place + lot keys checked while the case has a matched person (the 番 walk)
 *   lookups    masked-record views (unmask:maskedRecord)
 * and one backstop: `matches`, every live match call (each keystroke), for enumeration by name.
 *
 * Per staff member the window is the last hour, in minute buckets (a count may leave the window up to a
 * minute early). With a store (lookupStore.ts) the window is written to the vault before the lookup runs, so
 * a restart — or a second start after a crash — does not empty it.
 * The caller's `beforeSave` writes the counted lookup's audit entry in the same transaction, before the row.
 */
import type { LookupLimits } from '../../../shared/policy/cameraPolicy';
import type { Clock } from '../ports';
import { caseErrors } from './errors';
import type { LookupStore } from './lookupStore';

export type LookupKind = 'matches' | 'dobTries' | 'lotChecks' | 'lookups';
export type CaseCounts = Record<LookupKind, number>;
/** Minute number (ms / 60 000) → calls in that minute. */
type Window = Partial<Record<LookupKind, Record<string, number>>>;

const KINDS: readonly LookupKind[] = ['matches', 'dobTries', 'lotChecks', 'lookups'];
const WINDOW_MINUTES = 60;
const PER_CASE: Record<LookupKind, keyof LookupLimits | null> = { matches: 'matchesPerCase', dobTries: 'dobTriesPerCase', lotChecks: 'lotChecksPerCase', lookups: null };
const PER_STAFF: Record<LookupKind, keyof LookupLimits> = { matches: 'matchesPerStaffHour', dobTries: 'dobTriesPerStaffHour', lotChecks: 'lotChecksPerStaffHour', lookups: 'lookupsPerStaffHour' };

export const emptyCounts = (): CaseCounts => ({ matches: 0, dobTries: 0, lotChecks: 0, lookups: 0 });

export interface LimitHit { kind: LookupKind; scope: 'case' | 'staff' }

export class LookupLedger {
  private readonly staff = new Map<string, Window>();

  constructor(private readonly deps: { clock: Clock; limits: () => LookupLimits; store?: LookupStore }) {}

  private minute(): number {
    return Math.floor(this.deps.clock().getTime() / 60_000);
  }

  /** Buckets still in the window; a clock that went backwards keeps every bucket (nothing is forgotten early). */
  private recent(w: Window, kind: LookupKind, now: number): Record<string, number> {
    return Object.fromEntries(Object.entries(w[kind] ?? {}).filter(([m]) => Number(m) > now - WINDOW_MINUTES));
  }

  /** The windows kept in the vault, read once at open. */
  load(rows: readonly { id: string; body: unknown }[]): void {
    for (const r of rows) if (r.body && typeof r.body === 'object') this.staff.set(r.id, r.body as Window);
  }

  /** A staff member whose stored counts were reset outside the app: their hour counts as used up (fail closed). */
  async exhaust(staffId: string): Promise<void> {
    const now = this.minute();
    const limits = this.deps.limits();
    const w: Window = Object.fromEntries(KINDS.map((k) => [k, { [now]: limits[PER_STAFF[k]] }]));
    this.staff.set(staffId, w);
    await this.deps.store?.save('staff', staffId, w);
  }

  /** Writes the clerk's window as it stands (a case opened: restore() expects a row for this clerk). */
  async touch(staffId: string): Promise<void> {
    const w = this.staff.get(staffId) ?? {};
    this.staff.set(staffId, w);
    await this.deps.store?.save('staff', staffId, w);
  }

  /**
   * Counts one lookup, or refuses it *before* it runs: the refusal must not depend on what the lookup would
   * have answered. `counts` is the case's own counter (absent for lookups made outside a case). The staff
   * window is in the vault before this resolves.
   */
  async take(staffId: string, kind: LookupKind, counts?: CaseCounts, beforeSave?: () => Promise<void>): Promise<LimitHit | null> {
    const limits = this.deps.limits();
    const perCase = PER_CASE[kind];
    if (counts && perCase && counts[kind] >= limits[perCase]) return { kind, scope: 'case' };
    const now = this.minute();
    const w = this.staff.get(staffId) ?? {};
    this.staff.set(staffId, w);
    const recent = this.recent(w, kind, now);
    w[kind] = recent;
    if (Object.values(recent).reduce((n, x) => n + x, 0) >= limits[PER_STAFF[kind]]) return { kind, scope: 'staff' };
    recent[now] = (recent[now] ?? 0) + 1;
    if (counts) counts[kind]++;
    // The counted lookup's entry goes first, so the row written next names it (audit/binding.ts).
    await beforeSave?.();
    await this.deps.store?.save('staff', staffId, w);
    return null;
  }
}

export function limitError(hit: LimitHit) {
  return caseErrors.lookupLimit(hit.scope);
}
