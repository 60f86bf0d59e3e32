import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWASP_MIN, PEPPER_FILE, StaffService } from '../../../electron/core/staff';
import type { KeyProtector, Unprotected } from '../../../electron/core/vault/keyProtector';
import { Vault } from '../../../electron/core/vault/vault';
import { createTestCore, RecordingAudit, STAFF, type TestCore } from '../../fakes/core';

const NEW_KEY_TAG = Buffer.from('k2:');
const tagged = (b: Uint8Array): boolean => Buffer.from(b).subarray(0, NEW_KEY_TAG.length).equals(NEW_KEY_TAG);

/** The OS rotated its key: old blobs still open once (and say so), new blobs carry the new tag. */
function rotated(inner: KeyProtector): KeyProtector {
  return {
    isAvailable: () => inner.isAvailable(),
    protect: async (plain) => Buffer.concat([NEW_KEY_TAG, await inner.protect(plain)]),
    async unprotect(blob): Promise<Unprotected> {
      if (tagged(blob)) return inner.unprotect(Buffer.from(blob).subarray(NEW_KEY_TAG.length));
      const { plain } = await inner.unprotect(blob);
      return { plain, reprotected: Buffer.concat([NEW_KEY_TAG, await inner.protect(plain)]) };
    },
  };
}

/** After the rotation has been applied everywhere: the old key is gone, only new blobs open. */
function onlyNewKey(inner: KeyProtector): KeyProtector {
  const r = rotated(inner);
  return { ...r, unprotect: async (blob) => { if (!tagged(blob)) throw new Error('old key retired'); return r.unprotect(blob); } };
}

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = undefined;
});

describe('re-protection when the OS key protector rotates its key', () => {
  it('stores the fresh data-key and pepper blobs, so the vault still opens and PINs still verify once the old key is retired', async () => {
    core = await createTestCore({ adminsOnly: true });
    const { dataDir, protector } = core;
    await core.close();
    core = undefined;

    const first = await Vault.open({ dataDir }, rotated(protector));
    const staff1 = await StaffService.open({ vault: first, dataDir, protector: rotated(protector), audit: new RecordingAudit(), argon2: OWASP_MIN });
    expect(staff1.state()).toBe('ready');
    await first.close();
    expect(tagged(readFileSync(join(dataDir, PEPPER_FILE)))).toBe(true);

    const later = await Vault.open({ dataDir }, onlyNewKey(protector));
    const staff2 = await StaffService.open({ vault: later, dataDir, protector: onlyNewKey(protector), audit: new RecordingAudit(), argon2: OWASP_MIN });
    expect(await staff2.verifyPin(STAFF.admin1.staffId, STAFF.admin1.pin)).toMatchObject({ ok: true });
    await later.close();
  });

  it('a vault whose blobs were never re-protected does not open once the old key is retired', async () => {
    core = await createTestCore({ adminsOnly: true });
    const { dataDir, protector } = core;
    await core.close();
    core = undefined;
    await expect(Vault.open({ dataDir }, onlyNewKey(protector))).rejects.toMatchObject({ code: 'E_VAULT_ENROLMENT_REQUIRED' });
  });
});
