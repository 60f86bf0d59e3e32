/**
 * The recovery key: 160 random bits written as 8 groups of 4 Crockford base32 characters plus one checksum
 * group, e.g. `7Q3M-0KZD-…-XXXX`. IT types it on a new PC or account, so it avoids look-alike letters and
 * catches typos before the slow KDF runs.
 *
 * KDF: scrypt (node:crypto, no extra dependency). The key already has 160 bits of entropy, so the KDF is not
 * what keeps it safe; scrypt's memory cost is defence in depth against someone who saw part of the sheet.
 * Argon2id (hash-wasm) is kept for the PINs, where the secret itself is weak.
 */
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { vaultErrors } from './errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 20;
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function checksum(key: Uint8Array): string {
  return toBase32(createHash('sha256').update('countershield-recovery').update(key).digest()).slice(0, 4);
}

export function generateRecoveryKey(random: (n: number) => Uint8Array = randomBytes): string {
  const key = random(KEY_BYTES);
  const body = toBase32(key) + checksum(key);
  return body.match(/.{4}/g)!.join('-');
}

/** Accepts lower case, spaces and the look-alikes I/L → 1 and O → 0 that people write by hand. */
export function parseRecoveryKey(text: string): Uint8Array {
  const clean = text.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const body = clean.slice(0, 32);
  const key = clean.length === 36 ? fromBase32(body) : undefined;
  if (!key || key.length !== KEY_BYTES || checksum(key) !== clean.slice(32)) throw vaultErrors.recoveryKeyMalformed();
  return key;
}

/** Finds the key line in a recovery file that also holds comment lines. */
export function readRecoveryKeyText(fileText: string): string {
  const line = fileText.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  if (!line) throw vaultErrors.recoveryKeyMalformed();
  return line;
}

/**
 * 64 bytes from one scrypt run: the first half wraps the data key, the second wraps the sealing private key,
 * so neither wrap can be opened from the other.
 */
export function deriveRecoveryKeks(key: Uint8Array, salt: Uint8Array): { dataKek: Buffer; sealKek: Buffer } {
  const out = scryptSync(key, salt, 64, { ...SCRYPT, maxmem: 128 * SCRYPT.N * SCRYPT.r * 2 });
  return { dataKek: out.subarray(0, 32), sealKek: out.subarray(32) };
}
