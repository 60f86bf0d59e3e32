import { describe, expect, it } from 'vitest';
import { createSafeStorageProtector } from '../../../electron/platform/keyProtector';

function fakeSafeStorage(opts: { available: boolean; backend?: string }) {
  const sealed = new Map<string, string>();
  return {
    isAsyncEncryptionAvailable: async () => opts.available,
    getSelectedStorageBackend: () => (opts.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (s: string) => {
      const id = `blob-${sealed.size}`;
      sealed.set(id, s);
      return Buffer.from(id);
    },
    decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: false, result: sealed.get(b.toString()) ?? '' }),
  };
}

describe('safeStorage key protector', () => {
  it('round-trips a key without the key appearing in the protected blob', async () => {
    const p = createSafeStorageProtector(fakeSafeStorage({ available: true }), 'win32');
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const blob = await p.protect(key);
    expect(Buffer.from(blob).includes(Buffer.from(key))).toBe(false);
    expect(await p.unprotect(blob)).toEqual(key);
  });

  it('is unavailable when safeStorage says so', async () => {
    expect(await createSafeStorageProtector(fakeSafeStorage({ available: false }), 'win32').isAvailable()).toBe(false);
  });

  it('treats the Linux basic_text backend (a hard-coded password) as unavailable', async () => {
    expect(await createSafeStorageProtector(fakeSafeStorage({ available: true, backend: 'basic_text' }), 'linux').isAvailable()).toBe(false);
    expect(await createSafeStorageProtector(fakeSafeStorage({ available: true, backend: 'gnome_libsecret' }), 'linux').isAvailable()).toBe(true);
  });
});
