/**
 * KeyProtector over Electron's async safeStorage (DPAPI on Windows: bound to this OS account on this PC).
 * The data key is base64-encoded because safeStorage encrypts strings.
 *
 * On Linux a missing keyring does not make safeStorage fail: it encrypts with a hard-coded password — a key in
 * the clear by another name — so that counts as unavailable and the vault refuses (fail closed; STYLE's "the
 * opposite of Signal"). Each API reports it its own way, so each is checked:
 *   - `getSelectedStorageBackend()` says `basic_text` (or `unknown` before ready);
 *   - `isAsyncEncryptionAvailable()` resolves true for `basic_text` once `setUsePlainTextEncryption(true)` was called;
 *   - the async encryptor's fallback provider (Chromium's PosixKeyProvider, "peanuts") tags its output `v10`,
 *     while the keyring providers tag theirs otherwise — so a `v10` blob on Linux is refused in both directions.
 * (On Windows `v10` is DPAPI's own tag; the tag check is Linux only.)
 */
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../core/vault/keyProtector';
import { vaultErrors } from '../core/vault/errors';

export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);
const HARD_CODED_KEY_TAG = Buffer.from('v10');

export function createSafeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtector {
  const linux = platform === 'linux';
  const weakBlob = (blob: Uint8Array): boolean => linux && Buffer.from(blob).subarray(0, HARD_CODED_KEY_TAG.length).equals(HARD_CODED_KEY_TAG);
  const weakBackend = (): boolean => linux && WEAK_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend?.() ?? 'unknown');

  const encrypt = async (plain: Uint8Array): Promise<Uint8Array> => {
    if (weakBackend()) throw vaultErrors.keyProtectionUnavailable();
    const blob = new Uint8Array(await safeStorage.encryptStringAsync(Buffer.from(plain).toString('base64')));
    if (weakBlob(blob)) throw vaultErrors.keyProtectionUnavailable();
    return blob;
  };

  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (weakBackend()) return false;
      if (!linux) return true;
      // The backend name describes the sync API; only the async encryptor's own output shows which provider it chose.
      return encrypt(new Uint8Array(1)).then(() => true, () => false);
    },
    protect: encrypt,
    async unprotect(blob) {
      if (weakBackend() || weakBlob(blob)) throw vaultErrors.keyProtectionUnavailable();
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob));
      const plain = new Uint8Array(Buffer.from(result, 'base64'));
      return shouldReEncrypt ? { plain, reprotected: await encrypt(plain) } : { plain };
    },
  };
}
