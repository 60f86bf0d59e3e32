import { describe, expect, it } from 'vitest';
import { createSafeStorageProtector } from '../../../electron/platform/keyProtector';

/**
 * Fakes Electron's async safeStorage as each Linux provider presents itself: the backend name (sync API), the
 * availability answer, the tag the async encryptor puts on its output (`v10` = Chromium's hard-coded
 * "peanuts" key; `v11` = a keyring key) and `shouldReEncrypt` after a key rotation.
 */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; tag?: string; rotated?: boolean } = {}) {
  const sealed = new Map<string, string>();
  const calls = { encrypt: 0 };
  const store = {
    calls,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    getSelectedStorageBackend: () => (opts.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (s: string) => {
      calls.encrypt += 1;
      const id = `${opts.tag ?? 'v11'}blob-${sealed.size}`;
      sealed.set(id, s);
      return Buffer.from(id);
    },
    decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: opts.rotated ?? false, result: sealed.get(b.toString()) ?? '' }),
  };
  return store;
}
const key = new Uint8Array(32).map((_, i) => i * 7);

describe('safeStorage key protector', () => {
  it('round-trips a key without the key appearing in the protected blob', async () => {
    const p = createSafeStorageProtector(fakeSafeStorage({ tag: 'v10' }), 'win32');
    const blob = await p.protect(key);
    expect(Buffer.from(blob).includes(Buffer.from(key))).toBe(false);
    expect((await p.unprotect(blob)).plain).toEqual(key);
  });

  it('is unavailable when safeStorage says so', async () => {
    expect(await createSafeStorageProtector(fakeSafeStorage({ available: false }), 'win32').isAvailable()).toBe(false);
    expect(await createSafeStorageProtector(fakeSafeStorage({ available: false }), 'linux').isAvailable()).toBe(false);
  });

  it.each(['basic_text', 'unknown'])('refuses the Linux %s backend for availability, protection and unprotection', async (backend) => {
    // isAsyncEncryptionAvailable() resolves true for basic_text once setUsePlainTextEncryption(true) was called.
    const store = fakeSafeStorage({ available: true, backend, tag: 'v11' });
    const p = createSafeStorageProtector(store, 'linux');
    expect(await p.isAvailable()).toBe(false);
    await expect(p.protect(key)).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
    await expect(p.unprotect(Buffer.from('v11blob-0'))).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
    expect(store.calls.encrypt).toBe(0);
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])('accepts the Linux %s backend when the async encryptor uses a keyring key', async (backend) => {
    const p = createSafeStorageProtector(fakeSafeStorage({ backend, tag: 'v11' }), 'linux');
    expect(await p.isAvailable()).toBe(true);
    expect((await p.unprotect(await p.protect(key))).plain).toEqual(key);
  });

  it('refuses the async fallback provider (hard-coded key, tag v10) even when the backend name looks like a keyring', async () => {
    const store = fakeSafeStorage({ backend: 'gnome_libsecret', tag: 'v10' });
    const p = createSafeStorageProtector(store, 'linux');
    expect(await p.isAvailable()).toBe(false);
    await expect(p.protect(key)).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
    await expect(p.unprotect(Buffer.from('v10blob-0'))).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
  });

  it('accepts v10 on Windows, where it is DPAPI\'s own tag', async () => {
    expect(await createSafeStorageProtector(fakeSafeStorage({ backend: 'unknown', tag: 'v10' }), 'win32').isAvailable()).toBe(true);
  });

  it('hands back a fresh blob when safeStorage says shouldReEncrypt, and none otherwise', async () => {
    const plain = createSafeStorageProtector(fakeSafeStorage({ rotated: false }), 'win32');
    expect((await plain.unprotect(await plain.protect(key))).reprotected).toBeUndefined();

    const store = fakeSafeStorage({ rotated: true });
    const p = createSafeStorageProtector(store, 'win32');
    const blob = await p.protect(key);
    const opened = await p.unprotect(blob);
    expect(opened.plain).toEqual(key);
    expect(opened.reprotected).toBeDefined();
    expect(Buffer.from(opened.reprotected!).equals(Buffer.from(blob))).toBe(false);
    expect((await p.unprotect(opened.reprotected!)).plain).toEqual(key);
  });

  it('refuses to re-protect onto the hard-coded key when the keyring disappeared on Linux', async () => {
    const store = fakeSafeStorage({ backend: 'gnome_libsecret', tag: 'v11', rotated: true });
    const p = createSafeStorageProtector(store, 'linux');
    const blob = await p.protect(key);
    store.encryptStringAsync = async () => Buffer.from('v10fallback');
    await expect(p.unprotect(blob)).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
  });
});
