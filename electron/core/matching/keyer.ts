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

/** `n` blocks of `dob:0000-00-00` and two zero bytes, for keyer.dates to write digits into. */
function dateBlocks(n: number): Buffer {
  const b = Buffer.alloc(n * 16);
  for (let i = 0; i < n; i++) {
    b.set(DATE_PREFIX, i * 16);
    b.write('0000-00-00', i * 16 + DATE_PREFIX.length, 'latin1');
  }
  return b;
}

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
  // Blocks `dob:____-__-__` + two zero bytes, made once and grown when needed: a call writes only the digits
  // (this runs on every dated lookup, some fifty dates each).
  let blocks: Buffer = Buffer.alloc(0);
  keyer.dates = (yyyymmdd: ArrayLike<number>): Uint8Array => {
    if (!dateCipher) {
      dateCipher = createCipheriv('aes-256-ecb', derive('index:dob-block'), null);
      dateCipher.setAutoPadding(false);
    }
    if (blocks.length < yyyymmdd.length * 16) blocks = dateBlocks(Math.max(64, yyyymmdd.length));
    for (let i = 0; i < yyyymmdd.length; i++) {
      const v = yyyymmdd[i]!;
      if (!Number.isInteger(v) || v < 1_00_00 || v > 9999_12_31) throw new RangeError('date token needs a yyyymmdd date');
      const p = i * 16 + DATE_PREFIX.length;
      const y = (v / 10000) | 0;
      const md = v - y * 10000;
      const m = (md / 100) | 0;
      const d = md - m * 100;
      blocks[p] = 0x30 + ((y / 1000) | 0);
      blocks[p + 1] = 0x30 + (((y / 100) | 0) % 10);
      blocks[p + 2] = 0x30 + (((y / 10) | 0) % 10);
      blocks[p + 3] = 0x30 + (y % 10);
      blocks[p + 5] = 0x30 + ((m / 10) | 0);
      blocks[p + 6] = 0x30 + (m % 10);
      blocks[p + 8] = 0x30 + ((d / 10) | 0);
      blocks[p + 9] = 0x30 + (d % 10);
    }
    // ECB over whole blocks keeps no state between calls: each block is keyed on its own.
    return dateCipher.update(blocks.subarray(0, yyyymmdd.length * 16));
  };
  return keyer;
}
