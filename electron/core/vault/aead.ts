/**
 * AES-256-GCM with additional data. The additional data names where a ciphertext belongs (record id and
 * field), so a ciphertext copied to another row or column fails authentication instead of decrypting to
 * someone else's value. Layout: version(1) | nonce(12) | ciphertext | tag(16).
 */
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { vaultErrors } from './errors';

const VERSION = 1;
const NONCE = 12;
const TAG = 16;

// One randomBytes call per nonce dominated a 100,000-row import (500,000 calls); nonces are cut from a pooled
// random buffer instead. Each is still 96 fresh random bits, used once.
const POOL_NONCES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;
function nextNonce(): Buffer {
  if (poolAt + NONCE > pool.length) {
    pool = randomBytes(NONCE * POOL_NONCES);
    poolAt = 0;
  }
  const n = pool.subarray(poolAt, poolAt + NONCE);
  poolAt += NONCE;
  return n;
}

/** `key` raw, or a KeyObject for a key used many times (keyObjects.ts: Node 24 re-imports raw keys per call). */
export function seal(key: Uint8Array | KeyObject, plain: Uint8Array, aad: string): Buffer {
  const nonce = nextNonce();
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = c.update(plain);
  const last = c.final();
  return Buffer.concat([Buffer.of(VERSION), nonce, body, last, c.getAuthTag()]);
}

/** Throws E_VAULT_CORRUPT on any mismatch: a flipped byte is an error, never garbage. */
export function open(key: Uint8Array | KeyObject, blob: Uint8Array, aad: string, what = aad.split('|')[1] ?? 'record'): Buffer {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.length < 1 + NONCE + TAG || b[0] !== VERSION) throw vaultErrors.corrupt(what);
  try {
    const d = createDecipheriv('aes-256-gcm', key, b.subarray(1, 1 + NONCE));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(b.subarray(b.length - TAG));
    return Buffer.concat([d.update(b.subarray(1 + NONCE, b.length - TAG)), d.final()]);
  } catch {
    throw vaultErrors.corrupt(what);
  }
}

/** Like open, but a failure means "this key is not the right one" rather than corruption. */
export function tryOpen(key: Uint8Array, blob: Uint8Array, aad: string): Buffer | undefined {
  try {
    return open(key, blob, aad);
  } catch {
    return undefined;
  }
}
