/**
 * Blind index of protected addresses by place + lot (SPEC F6: a new 本籍 on the same 地番 reveals the
 * hidden address). Addresses are sealed — the app cannot open them without an approver's PIN — so the
 * check must work on keyed tokens computed at import, like the name index.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { addressLotKeys } from '../../../shared/text/address';
import type { TokenKeyer } from './keyer';

const INDEX_NAME = 'lot';
const hex = (t: Uint8Array) => Buffer.from(t.subarray(0, 12)).toString('hex');

export class LotIndex {
  private constructor(
    private readonly map: Map<string, string[]>,
    private readonly keyer: TokenKeyer,
  ) {}

  static build(persons: readonly ProtectedPerson[], keyer: TokenKeyer): LotIndex {
    const map = new Map<string, string[]>();
    for (const p of persons) {
      for (const key of addressLotKeys(p.address)) {
        const t = hex(keyer(INDEX_NAME, key));
        const ids = map.get(t);
        if (!ids) map.set(t, [p.id]);
        else if (!ids.includes(p.id)) ids.push(p.id);
      }
    }
    return new LotIndex(map, keyer);
  }

  serialize(): Uint8Array {
    return Buffer.from(JSON.stringify([...this.map]), 'utf8');
  }

  static deserialize(bytes: Uint8Array, keyer: TokenKeyer): LotIndex {
    const entries = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]))) {
      throw new Error('lot index is malformed');
    }
    return new LotIndex(new Map(entries as [string, string[]][]), keyer);
  }

  /** The tokens this person is indexed under (the list bundle carries a person's 前住所/前本籍 lots this way, issue 21). */
  tokensOf(id: string): string[] {
    return [...this.map].filter(([, ids]) => ids.includes(id)).map(([t]) => t);
  }

  /** The tokens of `text` as this index keys them. */
  tokensFor(text: string): string[] {
    return addressLotKeys(text).map((k) => hex(this.keyer(INDEX_NAME, k)));
  }

  /** Adds tokens computed by a terminal of the same vault (a list bundle): same keys, so the same tokens. */
  addTokens(id: string, tokens: readonly string[]): void {
    for (const t of tokens) {
      const ids = this.map.get(t);
      if (!ids) this.map.set(t, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }

  /** Ids of protected persons whose address shares a place + lot with `text` (e.g. a new 本籍). */
  query(text: string): string[] {
    const out = new Set<string>();
    for (const key of addressLotKeys(text)) for (const id of this.map.get(hex(this.keyer(INDEX_NAME, key))) ?? []) out.add(id);
    return [...out];
  }
}
