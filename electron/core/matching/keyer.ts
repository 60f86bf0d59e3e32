/**
 * Blind-index tokens (SPEC F2): the index stores HMAC(k_index, normalisedKey) instead of names, readings and
 * dates, so the list need not be decrypted to be searched and a copied index reveals nothing without the key.
 * Each index name (name, nameWild, kana, dob) gets its own key so a token of one kind can never be compared
 * with another kind.
 */
import { createHmac, hkdfSync } from 'node:crypto';

export type TokenKeyer = (indexName: string, normalizedKey: string) => Uint8Array;

const HKDF_SALT = 'CounterShield/matcher/v1';
/** 16 bytes are returned; the index keeps 8, enough for ~10^6 tokens with a negligible collision chance. */
const TOKEN_BYTES = 16;

export function createHmacKeyer(masterKey: Uint8Array): TokenKeyer {
  if (masterKey.length < 16) throw new RangeError('matcher master key must be at least 16 bytes');
  // A copy: the per-index keys are derived on first use, after the caller may have wiped its buffer.
  const master = Buffer.from(masterKey);
  const keys = new Map<string, Buffer>();
  return (indexName, normalizedKey) => {
    let k = keys.get(indexName);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', master, HKDF_SALT, `index:${indexName}`, 32));
      keys.set(indexName, k);
    }
    return createHmac('sha256', k).update(normalizedKey, 'utf8').digest().subarray(0, TOKEN_BYTES);
  };
}
