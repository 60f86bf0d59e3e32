/**
 * Opaque references to a person on the list, for results that must keep "row numbers and codes only" (issue 21):
 * a stored reconciliation finding about one of our protected persons names them by a keyed reference, never by
 * 管理番号. The reference is an HMAC of the 管理番号 under a key derived from the vault's data key, so
 * - the stored finding, even opened, holds nothing that is or spells a 管理番号, a name or an address;
 * - nobody holding the file (or the reference) can test a guessed 管理番号 against it without the key;
 * - it turns back into a 管理番号 only by recomputing it over the current roster in main, which the store does
 *   only on its two-PIN reveal and resolve paths.
 * A person deleted from the list after the finding was stored resolves to nothing (a clear answer, not a guess);
 * one whose period ended still resolves, with the end stated, because expiry never unmasks or forgets anyone.
 */
import { hkdf, hmac } from './keys';

export interface RosterPerson { id: string; endDate: string }

export type ResolvedRef = { state: 'active' | 'ended'; recordId: string; endDate: string } | { state: 'gone' };

const PREFIX = 'pr-';

export class RecordRefs {
  private readonly key: Buffer;

  /** `key`: a service key of the vault (never the data key itself); the references get their own label under it. */
  constructor(key: Buffer) {
    this.key = hkdf(key, Buffer.alloc(0), 'countershield/v1/record-ref');
  }

  of(recordId: string): string {
    return PREFIX + hmac(this.key, 'record-ref', recordId).toString('hex').slice(0, 32);
  }

  /** Only for callers that have already checked two PINs: which person a reference names today. */
  resolve(ref: string, roster: readonly RosterPerson[], today: string): ResolvedRef {
    for (const p of roster) {
      if (this.of(p.id) === ref) return { state: p.endDate >= today ? 'active' : 'ended', recordId: p.id, endDate: p.endDate };
    }
    return { state: 'gone' };
  }
}
