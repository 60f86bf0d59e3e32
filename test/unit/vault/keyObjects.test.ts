import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as aead from '../../../electron/core/vault/aead';
import { secretKeyOf } from '../../../electron/core/vault/keyObjects';

describe('record keys held as KeyObjects (keyObjects.ts)', () => {
  it('seals and opens exactly as the raw key does, in both directions', () => {
    const raw = randomBytes(32);
    const a = aead.seal(secretKeyOf(raw), Buffer.from('本文'), 'cs/v1|person|R1|body');
    expect(aead.open(raw, a, 'cs/v1|person|R1|body').toString()).toBe('本文');
    const b = aead.seal(raw, Buffer.from('本文'), 'cs/v1|person|R1|body');
    expect(aead.open(secretKeyOf(raw), b, 'cs/v1|person|R1|body').toString()).toBe('本文');
  });

  it('reuses one KeyObject per buffer, and a buffer whose bytes changed gets its new key, never the old one', () => {
    const raw = randomBytes(32);
    const first = secretKeyOf(raw);
    expect(secretKeyOf(raw)).toBe(first);
    const sealedUnderOld = aead.seal(first, Buffer.from('x'), 'aad');
    raw.fill(7);
    const after = secretKeyOf(raw);
    expect(after).not.toBe(first);
    expect(() => aead.open(after, sealedUnderOld, 'aad')).toThrow();
    expect(aead.open(Buffer.alloc(32, 7), aead.seal(after, Buffer.from('y'), 'aad'), 'aad').toString()).toBe('y');
  });

  it('does not mix up two buffers that hold different keys', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const ct = aead.seal(secretKeyOf(k1), Buffer.from('z'), 'aad');
    expect(() => aead.open(secretKeyOf(k2), ct, 'aad')).toThrow();
  });
});
