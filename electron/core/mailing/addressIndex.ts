/**
 * Keyed tokens of each protected person's addresses (issue 21): the current 住所 and the 前住所. Addresses are
 * sealed — the app cannot open them without an approver's PIN — so whether a department's letter goes to the
 * protected address is decided on tokens computed at import, like the lot index. The index answers one
 * question about one person already matched by name and birth date, and never lists an address or a person by
 * address: there is no lookup from an address to people, so walking addresses finds nobody.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { addressKeys } from '../../../shared/text/addressKey';
import type { TokenKeyer } from '../matching';

const INDEX_NAME = 'addr';
const hex = (t: Uint8Array) => Buffer.from(t.subarray(0, 12)).toString('hex');

/** `unknown`: the list holds no usable address for this person, or the index predates issue 21. */
export type AddressAgreement = 'current' | 'former' | 'other' | 'unknown';

interface Entry {
  current: string[];
  former: string[];
}

export class AddressIndex {
  private constructor(
    private readonly map: Map<string, Entry>,
    private readonly keyer: TokenKeyer,
  ) {}

  static build(persons: readonly Pick<ProtectedPerson, 'id' | 'address' | 'formerAddress'>[], keyer: TokenKeyer): AddressIndex {
    const index = new AddressIndex(new Map(), keyer);
    for (const p of persons) {
      index.map.set(p.id, { current: index.tokens(p.address), former: p.formerAddress ? index.tokens(p.formerAddress) : [] });
    }
    return index;
  }

  /** An index that knows nobody's address (a vault imported before issue 21): every answer is `unknown`. */
  static empty(keyer: TokenKeyer): AddressIndex {
    return new AddressIndex(new Map(), keyer);
  }

  tokens(text: string): string[] {
    return addressKeys(text).map((k) => hex(this.keyer(INDEX_NAME, k)));
  }

  /** Where `text` stands for this person: their protected address, their old one, another, or unknown. */
  agreement(id: string, text: string): AddressAgreement {
    const e = this.map.get(id);
    if (!e || e.current.length === 0) return 'unknown';
    const t = this.tokens(text);
    if (t.some((x) => e.current.includes(x))) return 'current';
    if (t.some((x) => e.former.includes(x))) return 'former';
    return 'other';
  }

  /** This person's 前住所 tokens (the list bundle carries them: the address itself is not kept, issue 21). */
  formerTokensOf(id: string): string[] {
    return [...(this.map.get(id)?.former ?? [])];
  }

  /** Adds 前住所 tokens computed by a terminal of the same vault (a list bundle) to a person already indexed. */
  addFormerTokens(id: string, tokens: readonly string[]): void {
    const e = this.map.get(id);
    if (!e) return;
    for (const t of tokens) if (!e.former.includes(t)) e.former.push(t);
  }

  serialize(): Uint8Array {
    return Buffer.from(JSON.stringify([...this.map].map(([id, e]) => [id, e.current, e.former])), 'utf8');
  }

  static deserialize(bytes: Uint8Array, keyer: TokenKeyer): AddressIndex {
    const rows = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
    if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && typeof r[0] === 'string' && strings(r[1]) && strings(r[2]))) {
      throw new Error('address index is malformed');
    }
    return new AddressIndex(new Map((rows as [string, string[], string[]][]).map(([id, current, former]) => [id, { current, former }])), keyer);
  }
}
