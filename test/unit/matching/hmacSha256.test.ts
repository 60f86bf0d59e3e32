import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../../electron/core/matching/hmacSha256';
import { createHmacKeyer } from '../../../electron/core/matching';

const nodeHmac = (key: Uint8Array, m: string) => createHmac('sha256', key).update(m, 'utf8').digest();

describe('the index HMAC (hmacSha256)', () => {
  it('gives the same bytes as node:crypto for every message length across the block boundaries', () => {
    const key = randomBytes(32);
    const mac = hmacSha256(key);
    for (let n = 0; n <= 200; n++) {
      for (const ch of ['a', '佐', '𠮷']) {
        const m = ch.repeat(n);
        expect(Buffer.from(mac(m)).toString('hex')).toBe(nodeHmac(key, m).toString('hex'));
      }
    }
  });

  it('gives the same bytes for keys of other lengths, lone surrogates and control characters', () => {
    for (const len of [1, 16, 31, 32, 33, 64, 65, 200]) {
      const key = randomBytes(len);
      const mac = hmacSha256(key);
      for (const m of ['', '\ud800', 'x\udc00y', '\u0000\u001f', '4:0佐:1藤', 'ＡＢＣ　ｶﾀｶﾅ', 'é'.repeat(70)]) {
        expect(Buffer.from(mac(m)).toString('hex')).toBe(nodeHmac(key, m).toString('hex'));
      }
    }
  });

  it('cuts the output to the requested length and is keyed (another key, other bytes)', () => {
    const key = randomBytes(32);
    const out = hmacSha256(key, 16)('山田花子');
    expect(out.length).toBe(16);
    expect(Buffer.from(out).equals(nodeHmac(key, '山田花子').subarray(0, 16))).toBe(true);
    expect(Buffer.from(hmacSha256(randomBytes(32), 16)('山田花子')).equals(Buffer.from(out))).toBe(false);
  });

  it('keeps the keyer\'s tokens what HMAC-SHA256 under the per-index HKDF key gives, so stored indexes still match', async () => {
    const { hkdfSync } = await import('node:crypto');
    const master = randomBytes(32);
    const k = Buffer.from(hkdfSync('sha256', master, 'CounterShield/matcher/v1', 'index:name', 32));
    const t = createHmacKeyer(master)('name', 'やまだはなこ');
    expect(Buffer.from(t).equals(nodeHmac(k, 'やまだはなこ').subarray(0, 16))).toBe(true);
  });
});
