import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmac } from '../../../electron/core/vault/keys';

/** The layout the vault has always MACed: each part as a u32 big-endian length, then its bytes. */
function reference(key: Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    h.update(len).update(b);
  }
  return h.digest();
}

describe('vault hmac over parts', () => {
  it('MACs exactly the length-prefixed parts, so digests stored by earlier versions still compare equal', () => {
    const key = randomBytes(32);
    const cases: (string | Uint8Array)[][] = [[], [''], ['key-check'], ['R0001', '\u0000', '=東京都千代田区', '\u0000', '=備考'], [randomBytes(300), '𠮷', new Uint8Array(0)]];
    for (const parts of cases) expect(hmac(key, ...parts).toString('hex')).toBe(reference(key, ...parts).toString('hex'));
  });

  it('tells apart parts that only concatenate to the same string', () => {
    const key = randomBytes(32);
    expect(hmac(key, 'ab', 'c').equals(hmac(key, 'a', 'bc'))).toBe(false);
  });
});
