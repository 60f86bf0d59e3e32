/** Test doubles and paths shared by the vault tests and the vault bench. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyProtector, Unprotected } from '../../../electron/core/vault/keyProtector';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** CI clones the repo next to shared/, so fixtures are always ../shared/fixtures from the repo root. */
export const FIXTURES = resolve(REPO_ROOT, '../shared/fixtures');

export function tempDir(prefix = 'cs-vault-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Stands in for safeStorage/DPAPI: a blob protected by one "OS account" cannot be opened by another, which is
 * exactly the property enrolment depends on. `lastPlain` exposes what it was given, for key-hierarchy tests.
 */
export class AccountProtector implements KeyProtector {
  lastPlain: Uint8Array | undefined;
  constructor(
    private readonly accountKey: Buffer = randomBytes(32),
    public available = true,
  ) {}
  async isAvailable(): Promise<boolean> {
    return this.available;
  }
  async protect(plain: Uint8Array): Promise<Uint8Array> {
    if (!this.available) throw new Error('unavailable');
    this.lastPlain = Uint8Array.from(plain);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.accountKey, iv);
    return Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]);
  }
  async unprotect(blob: Uint8Array): Promise<Unprotected> {
    const b = Buffer.from(blob);
    const d = createDecipheriv('aes-256-gcm', this.accountKey, b.subarray(0, 12));
    d.setAuthTag(b.subarray(b.length - 16));
    return { plain: Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()]) };
  }
}
