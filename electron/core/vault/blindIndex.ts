/**
 * The vault's side of the blind index (SPEC F2, issue 3 §4): the matcher's master key is derived from the
 * data key under its own HKDF label, and the serialised index is stored encrypted and bound to the list
 * version, so an index from an older list cannot be slipped in beside a newer one.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { LotIndex, Matcher, createHmacKeyer, type IndexedPerson, type TokenKeyer } from '../matching';
import { AddressIndex } from '../mailing/addressIndex';
import * as aead from './aead';
import { vaultErrors } from './errors';
import type { SubKeys } from './keys';

const aadIndex = (listVersion: number) => `cs/v1|blob|matcher|${listVersion}`;

export function keyerFor(sub: SubKeys): TokenKeyer {
  return createHmacKeyer(sub.blindIndex);
}

export function buildIndex(sub: SubKeys, persons: readonly IndexedPerson[], onProgress?: (done: number, total: number) => void): Matcher {
  return Matcher.build(persons, keyerFor(sub), onProgress);
}

/**
 * The stored index was built by an older matcher (its layout or keys changed, e.g. issue 20's version 2): the
 * vault rebuilds it from the encrypted bodies instead of locking every terminal after an upgrade.
 */
export class IndexOutdated extends Error {
  constructor() {
    super('matcher index was built by an older version');
  }
}

/** The index of the bodies already in the vault (names, readings, dates, 相手方 — never a sealed field). */
export function rebuildIndex(sub: SubKeys, persons: readonly IndexedPerson[]): Matcher {
  return Matcher.build(persons, keyerFor(sub));
}

/** The index as the worker thread returned it (matching/indexWorker.ts). */
export function indexFromBytes(sub: SubKeys, bytes: Uint8Array): Matcher {
  return Matcher.deserialize(bytes, keyerFor(sub));
}

/** Part i of n; a one-part index keeps the original additional data. */
const aadIndexPart = (listVersion: number, i: number, n: number) => (n === 1 ? aadIndex(listVersion) : `${aadIndex(listVersion)}|part|${i}|${n}`);

/**
 * The index is stored in parts of 1 MiB (rows `matcher`, `matcher.1`, …): sealing and binding one 20 MB blob
 * at 100,000 persons held several copies of it in memory at once (import memory cap ≤ 500 MB). Every part
 * names its position and the part count in its additional data, so a part that is dropped, repeated or
 * reordered fails to open.
 */
export const INDEX_PART_BYTES = 1 << 20;
export const indexPartName = (i: number): string => (i === 0 ? 'matcher' : `matcher.${i}`);

/** Seals a serialised index part by part, as the caller writes them (one sealed part in memory at a time). */
export function* sealIndexParts(sub: SubKeys, index: Uint8Array, listVersion: number): Generator<{ name: string; ct: Buffer }> {
  const n = Math.max(1, Math.ceil(index.length / INDEX_PART_BYTES));
  for (let i = 0; i < n; i++) {
    const part = index.subarray(i * INDEX_PART_BYTES, (i + 1) * INDEX_PART_BYTES);
    yield { name: indexPartName(i), ct: aead.seal(sub.record, part, aadIndexPart(listVersion, i, n)) };
  }
}

/** `parts` by row name as read from the blobs table; every part must be present and open in its place. */
export function openIndex(sub: SubKeys, parts: ReadonlyMap<string, Uint8Array>, listVersion: number): Matcher {
  const n = parts.size;
  if (n === 0) throw vaultErrors.corrupt('matcher-index');
  const plain: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const ct = parts.get(indexPartName(i));
    if (!ct) throw vaultErrors.corrupt('matcher-index');
    plain.push(aead.open(sub.record, ct, aadIndexPart(listVersion, i, n), 'matcher-index'));
  }
  try {
    return Matcher.deserialize(plain.length === 1 ? plain[0]! : Buffer.concat(plain), keyerFor(sub));
  } catch (e) {
    // Only a blob that opened under the vault's key and names an older version: anything else is corrupt.
    if (e instanceof Error && e.message.startsWith('E_MATCH_INDEX_VERSION')) throw new IndexOutdated();
    throw vaultErrors.corrupt('matcher-index');
  }
}

const aadLots = (listVersion: number) => `cs/v1|blob|lots|${listVersion}`;

/**
 * The lots of the current 住所 and, when the list gives them, the 前住所 and 前本籍 (issue 21): a new 本籍 on
 * any of them can point back to the person. Each extra place goes in as the same person id, through the lot
 * index's public build, so the index itself is unchanged.
 */
export function buildLots(sub: SubKeys, persons: readonly ProtectedPerson[], former?: ReadonlyMap<string, FormerPlaceTokens>): LotIndex {
  const places = persons.flatMap((p) => [p, ...[p.formerAddress, p.formerHonseki].filter((a): a is string => !!a).map((address) => ({ ...p, address }))]);
  const index = LotIndex.build(places, keyerFor(sub));
  for (const p of persons) index.addTokens(p.id, former?.get(p.id)?.lots ?? []);
  return index;
}

/**
 * A person's 前住所 / 前本籍 as the vault keeps them: keyed tokens only (issue 21). The list bundle carries these
 * to the other terminals of the same vault — same keys, so the same tokens — since the places themselves are
 * never stored and cannot be exported. `lots` are the lot tokens beyond those of the current 住所.
 */
export interface FormerPlaceTokens {
  address: string[];
  lots: string[];
}

export function formerTokensOf(lots: LotIndex, addresses: AddressIndex, persons: readonly Pick<ProtectedPerson, 'id' | 'address'>[]): Map<string, FormerPlaceTokens> {
  const out = new Map<string, FormerPlaceTokens>();
  for (const p of persons) {
    const current = new Set(lots.tokensFor(p.address));
    const t = { address: addresses.formerTokensOf(p.id), lots: lots.tokensOf(p.id).filter((x) => !current.has(x)) };
    if (t.address.length > 0 || t.lots.length > 0) out.set(p.id, t);
  }
  return out;
}

const aadAddresses = (listVersion: number) => `cs/v1|blob|addresses|${listVersion}`;

export function buildAddresses(sub: SubKeys, persons: readonly ProtectedPerson[], former?: ReadonlyMap<string, FormerPlaceTokens>): AddressIndex {
  const index = AddressIndex.build(persons, keyerFor(sub));
  // Only for persons on this list: a package's tokens may name a person this commit does not keep (its interim part).
  const ids = new Set(persons.map((p) => p.id));
  for (const [id, t] of former ?? []) if (ids.has(id)) index.addFormerTokens(id, t.address);
  return index;
}

export function sealAddresses(sub: SubKeys, index: AddressIndex, listVersion: number): Buffer {
  return aead.seal(sub.record, index.serialize(), aadAddresses(listVersion));
}

/** A vault imported before issue 21 has no address index: every address answer is then `unknown` (fail closed). */
export function openAddresses(sub: SubKeys, blob: Uint8Array | undefined, listVersion: number): AddressIndex {
  if (!blob) return AddressIndex.empty(keyerFor(sub));
  const plain = aead.open(sub.record, blob, aadAddresses(listVersion), 'address-index');
  try {
    return AddressIndex.deserialize(plain, keyerFor(sub));
  } catch {
    throw vaultErrors.corrupt('address-index');
  }
}

export function sealLots(sub: SubKeys, lots: LotIndex, listVersion: number): Buffer {
  return aead.seal(sub.record, lots.serialize(), aadLots(listVersion));
}

export function openLots(sub: SubKeys, blob: Uint8Array, listVersion: number): LotIndex {
  const plain = aead.open(sub.record, blob, aadLots(listVersion), 'lot-index');
  try {
    return LotIndex.deserialize(plain, keyerFor(sub));
  } catch {
    throw vaultErrors.corrupt('lot-index');
  }
}

/**
 * Hand entries (issue 22): the lot and address tokens of the persons in `keep` are taken from `old` and put
 * beside `built`, and `drop` is left out. Addresses are sealed, so the tokens computed when a person was
 * entered are the only ones there are; this works on the two indexes' own serialised form (token → ids,
 * id → tokens) through their public serialize/deserialize, so neither index changes.
 */
export function carryLots(sub: SubKeys, built: LotIndex, old: LotIndex, keep: (id: string) => boolean): LotIndex {
  const map = new Map<string, string[]>();
  const put = (entries: [string, string[]][], take: (id: string) => boolean) => {
    for (const [t, ids] of entries) {
      const kept = ids.filter(take);
      if (kept.length === 0) continue;
      const cur = map.get(t) ?? [];
      map.set(t, [...cur, ...kept.filter((id) => !cur.includes(id))]);
    }
  };
  put(JSON.parse(Buffer.from(built.serialize()).toString('utf8')) as [string, string[]][], () => true);
  put(JSON.parse(Buffer.from(old.serialize()).toString('utf8')) as [string, string[]][], keep);
  return LotIndex.deserialize(Buffer.from(JSON.stringify([...map]), 'utf8'), keyerFor(sub));
}

export function carryAddresses(sub: SubKeys, built: AddressIndex, old: AddressIndex, keep: (id: string) => boolean): AddressIndex {
  type Row = [string, string[], string[]];
  const rows = new Map<string, Row>();
  for (const r of JSON.parse(Buffer.from(built.serialize()).toString('utf8')) as Row[]) rows.set(r[0], r);
  for (const r of JSON.parse(Buffer.from(old.serialize()).toString('utf8')) as Row[]) if (keep(r[0]) && !rows.has(r[0])) rows.set(r[0], r);
  return AddressIndex.deserialize(Buffer.from(JSON.stringify([...rows.values()]), 'utf8'), keyerFor(sub));
}
