/**
 * Issue 17: the app's 「保護リストファイルの書き出し」 through the real router with PINs only — an administrator and a
 * lead (for the sealed fields). A clerk, a lead alone, an administrator alone and the same person twice get no file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { importBundle, pinSigner } from '../../../electron/core/bundle';
import { ListUpdateService } from '../../../electron/core/list';
import { testPolicyContext } from '../../fakes/policy';
import { createTestCore, STAFF, type TestCore } from '../../fakes/core';
import { testClock } from '../../clock';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
type Reply = { ok: boolean; value?: { saved: boolean; persons: number }; error?: { code: string } };
const pinOf = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });

let core: TestCore;
let saved: Uint8Array[];
let call: (payload: unknown) => Promise<Reply>;

beforeEach(async () => {
  core = await createTestCore();
  // First-run setup does this with the recovery key: pins the old signer and makes the stored one.
  await pinSigner(core.vault, core.recoveryKey);
  const service = new ListUpdateService({ vault: core.vault, audit: core.audit, auth: core.staff, seal: core.staff, clock: testClock });
  saved = [];
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
    vaultState: () => 'open', staffCount: () => 6, policy: testPolicyContext(),
    list: { service, chooseListFile: async () => null, saveBundle: async (file) => (saved.push(Uint8Array.from(file)), { saved: true, location: 'list.csbundle' }) },
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = async (payload) => (await router.dispatch(sender, { channel: 'list:exportBundle', payload })) as Reply;
});
afterEach(async () => {
  await core.close();
});

describe('list export on PINs (issue 17)', () => {
  it('an administrator and a lead export without the recovery key; the file imports', async () => {
    const r = await call({ first: pinOf(STAFF.admin1), second: pinOf(STAFF.lead1) });
    expect(r).toMatchObject({ ok: true, value: { saved: true, persons: 150 } });
    expect(saved).toHaveLength(1);
    const exported = core.audit.events.filter((e) => e.action === 'bundle.exported');
    expect(exported.map((e) => e.actors)).toEqual([[STAFF.admin1.staffId, STAFF.lead1.staffId]]);
    expect((await importBundle(core.vault, saved[0]!, { dryRun: true })).ok).toBe(true);
  });

  it('a clerk (even with a lead), a lead alone, an administrator alone and the same administrator twice get no file', async () => {
    expect((await call({ first: pinOf(STAFF.clerk1), second: pinOf(STAFF.lead1) })).error?.code).toBe('E_LIST_ADMIN_REQUIRED');
    expect((await call({ first: pinOf(STAFF.lead1) })).error?.code).toBe('E_LIST_ADMIN_REQUIRED');
    expect((await call({ first: pinOf(STAFF.admin1) })).error?.code).toBe('E_BUNDLE_LEAD_REQUIRED');
    expect((await call({ first: pinOf(STAFF.admin1), second: pinOf(STAFF.admin1) })).error?.code).toBe('E_LIST_TWO_PEOPLE');
    expect((await call({ first: pinOf(STAFF.admin1), second: pinOf(STAFF.admin2) })).error?.code).toBe('E_BUNDLE_LEAD_REQUIRED');
    expect((await call({ first: pinOf(STAFF.admin1), second: { staffId: STAFF.lead1.staffId, pin: '000000' } })).ok).toBe(false);
    expect(saved).toHaveLength(0);
    expect(core.audit.events.some((e) => e.action === 'bundle.exported')).toBe(false);
    expect(core.audit.events.filter((e) => e.action === 'import.refused').length).toBeGreaterThanOrEqual(4);
  });
});
