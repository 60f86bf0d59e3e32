/**
 * KeyProtector over Electron's async safeStorage (DPAPI on Windows: bound to this OS account on this PC).
 * The data key is base64-encoded because safeStorage encrypts strings. On Linux the `basic_text`
 * backend encrypts with a hard-coded password — that is a key in the clear by another name, so it
 * counts as unavailable and the vault refuses (fail closed; STYLE's "the opposite of Signal").
 */
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../core/vault/keyProtector';

type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> & {
  getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'];
};

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function createSafeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtector {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
        if (WEAK_LINUX_BACKENDS.has(backend)) return false;
      }
      return true;
    },
    async protect(plain) {
      return new Uint8Array(await safeStorage.encryptStringAsync(Buffer.from(plain).toString('base64')));
    },
    async unprotect(blob) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(blob));
      return new Uint8Array(Buffer.from(result, 'base64'));
    },
  };
}
