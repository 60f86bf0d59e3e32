/**
 * Temporary releases through the real router (SPEC F20, issue 22): never for a list, hours not days, two
 * approvers, and a case that shows a release only while it is in force.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { ListUpdateService } from '../../../electron/core/list';
import { CaseService } from '../../../electron/core/cases/caseService';
import { releasesForCases, ReleaseService } from '../../../electron/core/release';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { testPolicyContext } from '../../fakes/policy';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
type Reply = { ok: boolean; value?: any; error?: { code: string } };
const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const CASE = 'case-0001';
const D0001 = { name: '伊藤　蒼', dob: '1970-02-05' };

let core: TestCore;
let clock: ReturnType<typeof manualClock>;
let call: (channel: string, payload: unknown) => Promise<Reply>;
let cases: CaseService;

/** The issuing clerk's open case (CASE) with D0001 matched by name and birth date. */
async function clerkCase(form: 'fuhyo' | 'juminhyo' = 'fuhyo'): Promise<void> {
  await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
  const v = await cases.open(form, STAFF.clerk1.staffId);
  await cases.updatePerson(v.caseId, v.persons[0]!.slot, D0001);
}

beforeEach(async () => {
  clock = manualClock('2026-05-11T09:00:00+09:00');
  core = await createTestCore({ clock });
  const releases = await ReleaseService.open({
    db: core.vault.database, key: core.vault.serviceKey('releases'), audit: core.audit, auth: core.staff, clock,
    exists: async (id) => (await core.vault.bodyOf(id)) !== undefined, stopped: async () => null,
  });
  cases = new CaseService({
    lookup: () => core.vault, audit: core.audit, auth: core.staff, clock, maskedFields: () => DEFAULT_MASKED_FIELDS, newId: () => CASE,
    releases: () => releasesForCases(releases, (id) => core.staff.describe(id)),
  });
  const ctx: AppContext = {
    cases: { service: cases, clerk: () => core.sessions.currentStaffId(), clerkRoles: () => core.sessions.currentRoles(), sessions: core.sessions, saveApplicantCopy: async () => ({ saved: false, location: '' }) },
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
    await clerkCase();
    expect((await call('list:releaseGrant', { ...request, recordId: ['D0001', 'D0002'] })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, recordIds: ['D0001'] })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, hours: 24 })).ok).toBe(false);
    expect((await call('list:releaseGrant', { ...request, officer: pin(STAFF.lead1) })).error?.code).toBe('E_RELEASE_TWO_PEOPLE');
    expect(core.audit.actions()).not.toContain('release.granted');
  });

  it('a lead sees the case’s release while it is in force, and not a moment after its end; a clerk trying case ids learns nothing', async () => {
    await clerkCase();
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

  it('is granted only for the issuing clerk’s open case, one person it matched, and its document; one answer for every wrong target', async () => {
    // No case open at all, a case id that is not open, a 管理番号 the case did not match: the same code, nothing granted.
    expect((await call('list:releaseGrant', request)).error?.code).toBe('E_RELEASE_NOT_IN_CASE');
    await clerkCase();
    expect((await call('list:releaseGrant', { ...request, caseId: 'case-0002' })).error?.code).toBe('E_RELEASE_NOT_IN_CASE');
    const unmatched = await call('list:releaseGrant', { ...request, recordId: 'D0002' });
    const unknown = await call('list:releaseGrant', { ...request, recordId: 'D9999' });
    expect(unmatched.error?.code).toBe('E_RELEASE_NOT_IN_CASE');
    expect(JSON.stringify(unknown.error)).toBe(JSON.stringify(unmatched.error));
    // Another clerk at the terminal: the case is not theirs.
    await core.sessions.login(STAFF.clerk2.staffId, STAFF.clerk2.pin);
    expect((await call('list:releaseGrant', request)).error?.code).toBe('E_RELEASE_NOT_IN_CASE');
    await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    // The case is a 附票 request: a release for a 住民票 is refused with the case's document named.
    const other = await call('list:releaseGrant', { ...request, form: 'juminhyo' }) as Reply & { error?: { ja?: string } };
    expect(other.error?.code).toBe('E_RELEASE_FORM');
    expect(other.error?.ja).toContain('戸籍の附票の写し交付請求');
    expect(core.audit.actions()).not.toContain('release.granted');
    expect((await call('list:releaseGrant', request)).ok).toBe(true);
  });

  it('the issuing clerk cannot be one of the two approvers', async () => {
    await core.sessions.login(STAFF.lead2.staffId, STAFF.lead2.pin);
    const v = await cases.open('fuhyo', STAFF.lead2.staffId);
    await cases.updatePerson(v.caseId, v.persons[0]!.slot, D0001);
    expect((await call('list:releaseGrant', { ...request, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) })).error?.code).toBe('E_RELEASE_SELF');
    expect(core.audit.actions()).not.toContain('release.granted');
  });
});
