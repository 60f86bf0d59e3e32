/**
 * Blind-index tokens (SPEC F2): the index stores HMAC(k_index, normalisedKey) instead of names, readings and
 * dates, so the list need not be decrypted to be searched and a copied index reveals nothing without the key.
 * Each index name (name, nameWild, kana, …) gets its own key so a token of one kind can never be compared
 * with another kind.
 *
 * Birth dates are keyed differently, because a query looks up not one date but every date one slip away from
 * the typed one (issue 20: a typo, a day–month swap, an era slip — some fifty dates) and fifty HMACs cost more
 * than the whole latency budget. A date is one AES block (`dob:` + ISO date, 14 bytes, zero-padded), and
 * AES-256 on single fixed-length blocks is a pseudorandom permutation, i.e. a keyed PRF like the HMAC: without
 * the key a token says nothing about its date. One cipher call keys the whole candidate set.
 */
import { createCipheriv, hkdfSync } from 'node:crypto';
import { hmacSha256 } from './hmacSha256';

export interface TokenKeyer {
  (indexName: string, normalizedKey: string): Uint8Array;
  /** The tokens of dates given as yyyymmdd numbers (shared/text/date isoNumber), 16 bytes each, in order. */
  dates(yyyymmdd: ArrayLike<number>): Uint8Array;
}

const HKDF_SALT = 'CounterShield/matcher/v1';
/** 16 bytes are returned; the index keeps 8, enough for ~10^6 tokens with a negligible collision chance. */
const TOKEN_BYTES = 16;
const DATE_PREFIX = Buffer.from('dob:', 'latin1');
/** Where the digits of yyyymmdd go in `YYYY-MM-DD`. */
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9];

export function createHmacKeyer(masterKey: Uint8Array): TokenKeyer {
  if (masterKey.length < 16) throw new RangeError('matcher master key must be at least 16 bytes');
  // A copy: the per-index keys are derived on first use, after the caller may have wiped its buffer.
  const master = Buffer.from(masterKey);
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', master, HKDF_SALT, label, 32));
  // One keyed HMAC per index, its key blocks compressed once (hmacSha256.ts: a third of createHmac's cost).
  const macs = new Map<string, (message: string) => Uint8Array>();
  const keyer = (indexName: string, normalizedKey: string): Uint8Array => {
    let mac = macs.get(indexName);
    if (!mac) {
      mac = hmacSha256(derive(`index:${indexName}`), TOKEN_BYTES);
      macs.set(indexName, mac);
    }
    return mac(normalizedKey);
  };
  let dateCipher: ReturnType<typeof createCipheriv> | undefined;
  keyer.dates = (yyyymmdd: ArrayLike<number>): Uint8Array => {
    if (!dateCipher) {
      dateCipher = createCipheriv('aes-256-ecb', derive('index:dob-block'), null);
      dateCipher.setAutoPadding(false);
    }
    // Each block is `dob:YYYY-MM-DD` and two zero bytes, written digit by digit (this runs on every dated lookup).
    const blocks = Buffer.alloc(yyyymmdd.length * 16);
    for (let i = 0; i < yyyymmdd.length; i++) {
      const v = yyyymmdd[i]!;
      if (!Number.isInteger(v) || v < 1_00_00 || v > 9999_12_31) throw new RangeError('date token needs a yyyymmdd date');
      const at = i * 16;
      blocks.set(DATE_PREFIX, at);
      const p = at + DATE_PREFIX.length;
      let x = v;
      for (let j = DIGIT_AT.length - 1; j >= 0; j--) {
        blocks[p + DIGIT_AT[j]!] = 0x30 + (x % 10);
        x = Math.floor(x / 10);
      }
      blocks[p + 4] = blocks[p + 7] = 0x2d;
    }
    // ECB over whole blocks keeps no state between calls: each block is keyed on its own.
    return dateCipher.update(blocks);
  };
  return keyer;
}
