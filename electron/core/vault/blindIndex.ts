/**
 * The vault's side of the blind index (SPEC F2, issue 3 §4): the matcher's master key is derived from the
 * data key under its own HKDF label, and the serialised index is stored as one encrypted blob bound to the
 * list version, so an index from an older list cannot be slipped in beside a newer one.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { LotIndex, Matcher, createHmacKeyer, type TokenKeyer } from '../matching';
import * as aead from './aead';
import { vaultErrors } from './errors';
import type { SubKeys } from './keys';

const aadIndex = (listVersion: number) => `cs/v1|blob|matcher|${listVersion}`;

export function keyerFor(sub: SubKeys): TokenKeyer {
  return createHmacKeyer(sub.blindIndex);
}

export function buildIndex(sub: SubKeys, persons: readonly ProtectedPerson[], onProgress?: (done: number, total: number) => void): Matcher {
  return Matcher.build(persons, keyerFor(sub), onProgress);
}

export function sealIndex(sub: SubKeys, matcher: Matcher, listVersion: number): Buffer {
  return aead.seal(sub.record, matcher.serialize(), aadIndex(listVersion));
}

export function openIndex(sub: SubKeys, blob: Uint8Array, listVersion: number): Matcher {
  const plain = aead.open(sub.record, blob, aadIndex(listVersion), 'matcher-index');
  try {
    return Matcher.deserialize(plain, keyerFor(sub));
  } catch {
    throw vaultErrors.corrupt('matcher-index');
  }
}

const aadLots = (listVersion: number) => `cs/v1|blob|lots|${listVersion}`;

export function buildLots(sub: SubKeys, persons: readonly ProtectedPerson[]): LotIndex {
  return LotIndex.build(persons, keyerFor(sub));
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
