/**
 * The platform's key protection (Electron's async safeStorage → DPAPI on Windows, bound to the OS account).
 * The vault only ever hands it the data key and keeps the opaque blob; it never learns how it is protected.
 * A protector that says it is unavailable makes the vault refuse — it never falls back to a key in the clear
 * (STYLE: the opposite of storing the key in plain text when safeStorage is missing).
 */
export interface KeyProtector {
  isAvailable(): Promise<boolean>;
  protect(plain: Uint8Array): Promise<Uint8Array>;
  unprotect(blob: Uint8Array): Promise<Unprotected>;
}

export interface Unprotected {
  plain: Uint8Array;
  /**
   * Set when the OS rotated its key or now offers a stronger one (safeStorage's `shouldReEncrypt`): the caller
   * stores this blob in place of the one it read, or the next rotation may leave the old blob unreadable.
   */
  reprotected?: Uint8Array;
}
