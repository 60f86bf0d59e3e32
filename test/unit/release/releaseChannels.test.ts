/**
 * Temporary releases through the real router (SPEC F20, issue 22): never for a list, hours not days, two
 * approvers, and a case that shows a release only while it is in force.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { ListUpdateService } from '../../../electron/core/list';
import { ReleaseService } from '../../../electron/core/release';
import { testPolicyContext } from '../../fakes/policy';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
type Reply = { ok: boolean; value?: any; error?: { code: string } };
const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const CASE = 'case-0001';

let core: TestCore;
let clock: ReturnType<typeof manualClock>;
let call: (channel: string, payload: unknown) => Promise<Reply>;

beforeEach(async () => {
  clock = manualClock('2026-05-11T09:00:00+09:00');
  core = await createTestCore({ clock });
  const releases = await ReleaseService.open({
    db: core.vault.database, key: core.vault.serviceKey('releases'), audit: core.audit, auth: core.staff, clock,
    exists: async (id) => (await core.vault.bodyOf(id)) !== undefined, stopped: async () => null,
  });
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
    vaultState: () => 'open', staffCount: () => 6, policy: testPolicyContext(),
    list: {
      service: new ListUpdateService({ vault: core.vault, audit: core.audit, auth: core.staff, clock }),
      releases,
      actor: async () => {
        const s = await core.sessions.current();
        return s ? { staffId: s.staffId, roles: s.roles } : null;
      },
      chooseListFile: async () => null,
      saveBundle: async () => ({ saved: false, location: '' }),
    },
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = async (channel, payload) => (await router.dispatch(sender, { channel, payload })) as Reply;
});
afterEach(async () => {
  await core.close();
});

const request = { recordId: 'D0001', form: 'fuhyo', caseId: CASE, reason: 'court-order', hours: 3, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) };

describe('temporary release channels', () => {
  it('can never be made for a list, nor for days; a second approver is required', async () => {
    expect((await call('list:releaseGrant', { ...request, recordId: ['D0001', 'D0002'] })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, recordIds: ['D0001'] })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, hours: 24 })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, officer: pin(STAFF.lead1) })).error?.code).toBe('E_RELEASE_TWO_PEOPLE');
    expect(core.audit.actions()).not.toContain('release.granted');
  });

  it('a lead sees the case’s release while it is in force, and not a moment after its end; a clerk trying case ids learns nothing', async () => {
    const g = await call('list:releaseGrant', request);
    expect(g.value).toMatchObject({ recordId: 'D0001', form: 'fuhyo', caseId: CASE, approvers: ['L001', 'L002'] });
    expect((await call('list:releases', { caseId: CASE })).error?.code).toBe('E_LIST_ENTRY_ROLE');
    await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    const asClerk = await call('list:releases', { caseId: CASE });
    expect(asClerk.error?.code).toBe('E_LIST_ENTRY_ROLE');
    expect(JSON.stringify(asClerk)).not.toContain('D0001');
    await core.sessions.login(STAFF.lead1.staffId, STAFF.lead1.pin);
    expect((await call('list:releases', { caseId: CASE })).value.releases.map((r: { recordId: string }) => r.recordId)).toEqual(['D0001']);
    clock.advance(3 * 3600);
    await core.sessions.login(STAFF.lead1.staffId, STAFF.lead1.pin);
    expect((await call('list:releases', { caseId: CASE })).value.releases).toEqual([]);
    expect(core.audit.events.filter((e) => e.action === 'release.ended').map((e) => e.detail?.cause)).toEqual(['expired']);
  });
});
