/**
 * Bounds the one walk a mailing check could answer (issue 21, SPEC invariant 6): a clerk who knows that a
 * person is protected submits rows naming them at address after address until one comes back `ok`. Each
 * batch reveals at most one comparison per protected person (several addresses for one person in a batch
 * give ADDRESS_CONFLICT, no comparison), and this ledger caps the distinct addresses compared for one person
 * in a rolling day, across every staff member and department — an attacker with two accounts gains nothing.
 * Past the cap the rows for that person are CHECK_LIMIT, whatever the address, and the lead is alerted.
 *
 * Keyed tokens only (never an address). The ledger itself is the arithmetic; the vault keeps its state between
 * batches and restarts (probeStore.ts), so restarting the app does not hand anyone a fresh day.
 */
import type { Clock } from '../ports';

export const DAY_MS = 86_400_000;
export const DEFAULT_ADDRESSES_PER_PERSON_DAY = 3;

/** Per person key: address token → when it was last compared (ms). */
export type ProbeMap = Map<string, Map<string, number>>;

export class AddressProbeLedger {
  constructor(
    private readonly clock: Clock,
    private readonly limit = DEFAULT_ADDRESSES_PER_PERSON_DAY,
    private readonly seen: ProbeMap = new Map(),
    /** Until then no comparison is made at all (the stored counters failed their check: fail closed). */
    private readonly frozenUntil = 0,
    /** The key a person is kept under (the vault's is keyed, so the stored state names no 管理番号). */
    private readonly keyOf: (personId: string) => string = (id) => id,
  ) {}

  /** True when `address` (its token set) may be compared for `personId` now; an address seen before is free. */
  take(personId: string, address: string): boolean {
    const now = this.clock().getTime();
    if (now < this.frozenUntil) return false;
    const key = this.keyOf(personId);
    const mine = this.seen.get(key) ?? new Map<string, number>();
    for (const [k, at] of mine) if (at <= now - DAY_MS) mine.delete(k);
    this.seen.set(key, mine);
    if (mine.has(address)) {
      mine.set(address, now);
      return true;
    }
    if (mine.size >= this.limit) return false;
    mine.set(address, now);
    return true;
  }

  /** The live entries, for the store to write back. */
  snapshot(): ProbeMap {
    const cut = this.clock().getTime() - DAY_MS;
    const out: ProbeMap = new Map();
    for (const [id, m] of this.seen) {
      const live = new Map([...m].filter(([, at]) => at > cut));
      if (live.size > 0) out.set(id, live);
    }
    return out;
  }
}
