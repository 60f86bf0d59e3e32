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
 * Per staff member the window is one rolling hour, in memory: a restart empties it (docs/staff.md says so).
 */
import type { LookupLimits } from '../../../shared/policy/cameraPolicy';
import type { Clock } from '../ports';
import { caseErrors } from './errors';

export type LookupKind = 'matches' | 'dobTries' | 'lotChecks' | 'lookups';
export type CaseCounts = Record<LookupKind, number>;

const HOUR_MS = 3_600_000;
const PER_CASE: Record<LookupKind, keyof LookupLimits | null> = { matches: 'matchesPerCase', dobTries: 'dobTriesPerCase', lotChecks: 'lotChecksPerCase', lookups: null };
const PER_STAFF: Record<LookupKind, keyof LookupLimits> = { matches: 'matchesPerStaffHour', dobTries: 'dobTriesPerStaffHour', lotChecks: 'lotChecksPerStaffHour', lookups: 'lookupsPerStaffHour' };

export const emptyCounts = (): CaseCounts => ({ matches: 0, dobTries: 0, lotChecks: 0, lookups: 0 });

export interface LimitHit { kind: LookupKind; scope: 'case' | 'staff' }

export class LookupLedger {
  private readonly staff = new Map<string, Map<LookupKind, number[]>>();

  constructor(private readonly deps: { clock: Clock; limits: () => LookupLimits }) {}

  /**
   * Counts one lookup, or refuses it *before* it runs: the refusal must not depend on what the lookup would
   * have answered. `counts` is the case's own counter (absent for lookups made outside a case).
   */
  take(staffId: string, kind: LookupKind, counts?: CaseCounts): LimitHit | null {
    const limits = this.deps.limits();
    const perCase = PER_CASE[kind];
    if (counts && perCase && counts[kind] >= limits[perCase]) return { kind, scope: 'case' };
    const now = this.deps.clock().getTime();
    const mine = this.staff.get(staffId) ?? new Map<LookupKind, number[]>();
    this.staff.set(staffId, mine);
    // A clock that went backwards keeps every entry (nothing is forgotten early).
    const recent = (mine.get(kind) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length >= limits[PER_STAFF[kind]]) {
      mine.set(kind, recent);
      return { kind, scope: 'staff' };
    }
    recent.push(now);
    mine.set(kind, recent);
    if (counts) counts[kind]++;
    return null;
  }
}

export function limitError(hit: LimitHit) {
  return caseErrors.lookupLimit(hit.scope);
}
