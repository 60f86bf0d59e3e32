/**
 * Bounds the one walk a mailing check could answer (issue 21, SPEC invariant 6): a clerk who knows that a
 * person is protected submits rows naming them at address after address until one comes back `ok`. Each
 * batch reveals at most one comparison per protected person (several addresses for one person in a batch
 * give ADDRESS_CONFLICT, no comparison), and this ledger caps the distinct addresses compared for one person
 * in a rolling day, across every staff member and department — an attacker with two accounts gains nothing.
 * Past the cap the rows for that person are CHECK_LIMIT, whatever the address, and the lead is alerted.
 *
 * In memory, keyed tokens only (never an address); a restart empties it (docs/IT.md says so).
 */
import type { Clock } from '../ports';

const DAY_MS = 86_400_000;
export const DEFAULT_ADDRESSES_PER_PERSON_DAY = 3;

export class AddressProbeLedger {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly clock: Clock, private readonly limit = DEFAULT_ADDRESSES_PER_PERSON_DAY) {}

  /** True when `address` (its token set) may be compared for `personId` now; an address seen before is free. */
  take(personId: string, address: string): boolean {
    const now = this.clock().getTime();
    const mine = this.seen.get(personId) ?? new Map<string, number>();
    for (const [k, at] of mine) if (at <= now - DAY_MS) mine.delete(k);
    this.seen.set(personId, mine);
    if (mine.has(address)) {
      mine.set(address, now);
      return true;
    }
    if (mine.size >= this.limit) return false;
    mine.set(address, now);
    return true;
  }
}
