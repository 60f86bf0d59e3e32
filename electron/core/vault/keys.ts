/**
 * Sub-keys of the data key. Each use gets its own HKDF label so that a key leaked from one use (say, the
 * blind-index keyer handed to the matcher) says nothing about another (record encryption).
 */
import { createHmac, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';

const LABELS = {
  record: 'countershield/v1/record-encryption',
  blindIndex: 'countershield/v1/blind-index-master',
  fingerprint: 'countershield/v1/sealed-fingerprint',
  roster: 'countershield/v1/roster-mac',
  check: 'countershield/v1/key-check',
  services: 'countershield/v1/services-master',
} as const;

export type SubKeys = { -readonly [K in keyof typeof LABELS]: Buffer };

export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));
}

export function deriveSubKeys(dataKey: Uint8Array): SubKeys {
  const out = {} as SubKeys;
  for (const [k, info] of Object.entries(LABELS) as [keyof typeof LABELS, string][]) {
    out[k] = hkdf(dataKey, Buffer.alloc(0), info);
  }
  return out;
}

export function hmac(key: Uint8Array | KeyObject, ...parts: (string | Uint8Array)[]): Buffer {
  // Each part as u32 length + bytes, written into one buffer and MACed in one update (a sealed digest per
  // imported row: ten small updates and allocations each were most of its cost).
  const bytes = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  const msg = Buffer.allocUnsafe(bytes.reduce((n, b) => n + 4 + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    at = msg.writeUInt32BE(b.length, at);
    msg.set(b, at);
    at += b.length;
  }
  return createHmac('sha256', key).update(msg).digest();
}

/** A stored check value lets the vault tell "wrong key" from "corrupt data" when a protector returns bytes. */
export function keyCheck(sub: SubKeys): Buffer {
  return hmac(sub.check, 'key-check');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
