/**
 * How one entry is hashed and MACed, and how the MAC key evolves (Schneier–Kelsey). Shared by the writer
 * (chain.ts) and the verifier (verify.ts) so that the two can never disagree on a byte.
 *
 *   hash_i = SHA-256( "cs-audit/v1" | prev_i | seq ␟ at ␟ terminal ␟ actors ␟ action ␟ targets ␟ detail )
 *   mac_i  = HMAC-SHA256( K_i, hash_i )
 *   K_1    = HKDF( serviceKey('audit-mac'), "k0" ),   K_{i+1} = SHA-256( "cs-audit-evolve/v1" | K_i )
 *
 * The unit separator (U+001F) cannot occur inside a field: ids, codes and ISO times are validated ASCII, and
 * the JSON columns escape control characters, so the encoding is unambiguous without length prefixes.
 */
import { createHmac, hash as oneShotHash, timingSafeEqual } from 'node:crypto';
import { hkdf } from '../vault/keys';

export interface EntryRow {
  seq: number;
  at: string;
  terminal: string;
  actors: string;
  action: string;
  targets: string;
  detail: string;
  prev: Buffer;
  hash: Buffer;
  mac: Buffer;
}

const HASH_PREFIX = Buffer.from('cs-audit/v1', 'utf8');
const EVOLVE_PREFIX = Buffer.from('cs-audit-evolve/v1', 'utf8');
export const GENESIS = Buffer.alloc(32);

export function entryHash(prev: Uint8Array, seq: number, r: Omit<EntryRow, 'seq' | 'prev' | 'hash' | 'mac'>): Buffer {
  const body = `${seq}\x1f${r.at}\x1f${r.terminal}\x1f${r.actors}\x1f${r.action}\x1f${r.targets}\x1f${r.detail}`;
  return oneShotHash('sha256', Buffer.concat([HASH_PREFIX, prev, Buffer.from(body, 'utf8')]), 'buffer');
}

export function entryMac(key: Uint8Array, hash: Uint8Array): Buffer {
  return createHmac('sha256', key).update(hash).digest();
}

/** One step forward; the writer overwrites its copy of K_i with K_{i+1} so no old key stays in its memory. */
export function evolve(key: Uint8Array): Buffer {
  return oneShotHash('sha256', Buffer.concat([EVOLVE_PREFIX, key]), 'buffer');
}

export function firstKey(macServiceKey: Uint8Array): Buffer {
  return hkdf(macServiceKey, Buffer.alloc(0), 'countershield/v1/audit/k1');
}

/** K_seq, derived from K_1 by seq − 1 steps (the verifier's way; the writer keeps the evolved key instead). */
export function keyAt(k1: Uint8Array, seq: number): Buffer {
  let k: Buffer = Buffer.from(k1);
  for (let i = 1; i < seq; i++) k = evolve(k);
  return k;
}

export function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
