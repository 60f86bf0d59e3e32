/**
 * The routine list update and the bundle through the real router (SPEC F8, F13): removals need two people,
 * a tampered bundle changes nothing, and no response carries a name, address or date of birth.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { pinSigner } from '../../../electron/core/bundle';
import { ListUpdateService } from '../../../electron/core/list';
import { validateEvent } from '../../../electron/core/audit/validate';
import { testPolicyContext } from '../../fakes/policy';
import { createTestCore, SAMPLE_CSV, sampleSecrets, STAFF, type TestCore } from '../../fakes/core';
import { testClock } from '../../clock';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
type Reply = { ok: boolean; value?: any; error?: { code: string } };

let core: TestCore;
let nextFile: { name: string; bytes: Uint8Array } | null;
let saved: Uint8Array[];
let responses: unknown[];
let call: (channel: string, payload: unknown) => Promise<Reply>;

const sample = readFileSync(SAMPLE_CSV);
const lines = sample.toString('utf8').split(/\r?\n/);
/** The sample without its first two persons (D0001, D0002). */
const withoutTwo = Buffer.from([lines[0], ...lines.slice(3)].join('\n'), 'utf8');
const pinOf = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });

beforeEach(async () => {
  core = await createTestCore();
  // Setup and enrolment pin the bundle signer; createTestCore makes the vault directly, so pin it here.
  await pinSigner(core.vault, core.recoveryKey);
  const service = new ListUpdateService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: testClock });
  saved = [];
  responses = [];
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
    vaultState: () => 'open', staffCount: () => 6, policy: testPolicyContext(),
    list: {
      service,
      chooseListFile: async () => nextFile,
      saveBundle: async (file) => (saved.push(Uint8Array.from(file)), { saved: true, location: 'list.csbundle' }),
    },
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = async (channel, payload) => {
    const r = await router.dispatch(sender, { channel, payload });
    responses.push(r);
    return r as Reply;
  };
});
afterEach(async () => {
  await core.close();
});

async function choose(name: string, bytes: Uint8Array): Promise<{ token: string; kind: string }> {
  nextFile = { name, bytes };
  const r = await call('list:choose', {});
  expect(r.ok).toBe(true);
  return r.value.file;
}

describe('list update channels', () => {
  it('a removal without a second person is refused and changes nothing; with two people it commits and is audited by id', async () => {
    const file = await choose('update.csv', withoutTwo);
    expect(file.kind).toBe('csv');
    const plan = await call('list:dryRun', { token: file.token });
    expect(plan.value.summary).toMatchObject({ removed: 2, removedIds: ['D0001', 'D0002'], needsTwoPeople: true });
    const planHash = plan.value.summary.planHash;

    const alone = await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.admin1) });
    expect(alone.ok).toBe(true);
    expect(alone.value).toMatchObject({ ok: false, committed: false, error: { code: 'E_IMPORT_CONFIRM_REQUIRED' } });
    expect((await core.vault.status()).persons).toBe(150);

    const same = await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.admin1), second: pinOf(STAFF.admin1) });
    expect(same.error?.code).toBe('E_LIST_TWO_PEOPLE');
    const wrongPin = await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.admin1), second: { staffId: STAFF.lead1.staffId, pin: '000000' } });
    expect(wrongPin.ok).toBe(false);
    const noAdmin = await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.clerk1), second: pinOf(STAFF.lead1) });
    expect(noAdmin.error?.code).toBe('E_LIST_ADMIN_REQUIRED');
    const otherPlan = await call('list:commit', { token: file.token, planHash: 'f'.repeat(64), first: pinOf(STAFF.admin1), second: pinOf(STAFF.lead1) });
    expect(otherPlan.value).toMatchObject({ ok: false, error: { code: 'E_IMPORT_PLAN_CHANGED' } });
    expect((await core.vault.status()).persons).toBe(150);

    const both = await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.admin1), second: pinOf(STAFF.lead1) });
    expect(both.value).toMatchObject({ ok: true, committed: true });
    expect((await core.vault.status()).persons).toBe(148);
    const confirmed = core.audit.events.filter((e) => e.action === 'import.removal_confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]!.actors).toEqual([STAFF.admin1.staffId, STAFF.lead1.staffId]);
    expect(confirmed[0]!.targets).toEqual([{ recordId: 'D0001' }, { recordId: 'D0002' }]);
    expect(core.audit.actions()).toContain('import.committed');
    // The held file is forgotten after a commit: the same token cannot commit twice.
    expect((await call('list:dryRun', { token: file.token })).error?.code).toBe('E_LIST_NO_FILE');
  });

  it('an addition-only update needs one administrator, not a clerk', async () => {
    const file = await choose('same.csv', sample);
    const plan = await call('list:dryRun', { token: file.token });
    expect(plan.value.summary).toMatchObject({ removed: 0, shortened: 0, needsTwoPeople: false });
    const planHash = plan.value.summary.planHash;
    expect((await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.clerk1) })).error?.code).toBe('E_LIST_ADMIN_REQUIRED');
    expect((await call('list:commit', { token: file.token, planHash, first: pinOf(STAFF.admin2) })).value).toMatchObject({ ok: true, committed: true });
  });

  it('export with the recovery key (no lead on hand) still works, a lead alone cannot; the bundle round-trips; a tampered bundle is refused with the status unchanged', async () => {
    const wrong = await call('list:exportBundle', { first: pinOf(STAFF.admin1), recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' });
    expect(wrong.ok).toBe(false);
    expect(saved).toHaveLength(0);
    expect((await call('list:exportBundle', { first: pinOf(STAFF.lead1), recoveryKey: core.recoveryKey })).error?.code).toBe('E_LIST_ADMIN_REQUIRED');
    const ex = await call('list:exportBundle', { first: pinOf(STAFF.admin1), recoveryKey: core.recoveryKey });
    expect(ex.value).toMatchObject({ saved: true, persons: 150 });
    expect(core.audit.actions()).toContain('bundle.exported');
    const bundle = saved[0]!;

    const before = await core.vault.status();
    const bad = Uint8Array.from(bundle);
    bad[Math.floor(bad.length / 2)]! ^= 0x40;
    const t = await choose('list.csbundle', bad);
    expect(t.kind).toBe('bundle');
    expect((await call('list:dryRun', { token: t.token })).error?.code).toBe('E_BUNDLE_TAMPERED');
    expect(await core.vault.status()).toEqual(before);
    expect(core.audit.events.at(-1)).toMatchObject({ action: 'import.refused', detail: { source: 'bundle', code: 'E_BUNDLE_TAMPERED' } });

    const good = await choose('renamed.csv', bundle);
    expect(good.kind).toBe('bundle');
    const plan = await call('list:dryRun', { token: good.token });
    expect(plan.value).toMatchObject({ ok: true, kind: 'bundle', summary: { unchanged: 150, removed: 0 } });
    expect(typeof plan.value.bundleCreatedAt).toBe('string');
    const done = await call('list:commit', { token: good.token, planHash: plan.value.summary.planHash, first: pinOf(STAFF.admin2) });
    expect(done.value).toMatchObject({ ok: true, committed: true, kind: 'bundle' });
    expect(core.audit.actions()).toContain('bundle.imported');
    for (const e of core.audit.events) expect(() => validateEvent(e)).not.toThrow();
  });

  it('the renderer never receives a name, address or date of birth, and the audit trail holds none', async () => {
    const file = await choose('update.csv', withoutTwo);
    const plan = await call('list:dryRun', { token: file.token });
    await call('list:commit', { token: file.token, planHash: plan.value.summary.planHash, first: pinOf(STAFF.admin1), second: pinOf(STAFF.admin2) });
    await call('list:exportBundle', { first: pinOf(STAFF.admin1), recoveryKey: core.recoveryKey });
    await call('list:progress', {});
    const text = JSON.stringify(responses);
    const rows = lines.slice(1, 20).map((l) => l.split(','));
    const names = rows.map((r) => r[2]!).filter((v) => v.length >= 2);
    const dobs = rows.map((r) => r[5]!).filter(Boolean);
    const secrets = [...sampleSecrets().all, ...names, ...dobs];
    expect(secrets.length).toBeGreaterThan(30);
    for (const s of secrets) {
      expect(text).not.toContain(s);
      expect(core.audit.text()).not.toContain(s);
    }
    expect(text).not.toContain(core.recoveryKey);
  });
});
