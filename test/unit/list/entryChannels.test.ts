/**
 * Hand entries and the lead's expiry alerts through the real router (issue 22): schema, sender check, the
 * two-person rule, fail closed, and what a response may carry (管理番号 and the measure's dates — no name,
 * no address, no birth date, nothing typed sent back).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { ListUpdateService, ManualEntryService } from '../../../electron/core/list';
import { testPolicyContext } from '../../fakes/policy';
import { createTestCore, STAFF, type TestCore } from '../../fakes/core';
import { sampleListClock } from '../../clock';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
type Reply = { ok: boolean; value?: any; error?: { code: string; ja: string } };
const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const PERSON = { name: '早川　澄江', kana: 'ハヤカワ　スミエ', dob: '1977-04-03', address: '神奈川県中郡二宮町中里3丁目8番1号', startDate: '2026-06-10' };

let core: TestCore;
let stopped: { code: string; ja: string; en: string } | null;
let responses: unknown[];
let call: (channel: string, payload: unknown, from?: typeof sender) => Promise<Reply>;

beforeEach(async () => {
  core = await createTestCore({ clock: sampleListClock });
  stopped = null;
  responses = [];
  const entries = new ManualEntryService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: sampleListClock });
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
    vaultState: () => 'open', staffCount: () => 6, policy: testPolicyContext(),
    list: {
      service: new ListUpdateService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: sampleListClock }),
      entries,
      stopped: async () => stopped,
      actor: async () => {
        const s = await core.sessions.current();
        return s ? { staffId: s.staffId, roles: s.roles } : null;
      },
      chooseListFile: async () => null,
      saveBundle: async () => ({ saved: false, location: '' }),
    },
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = async (channel, payload, from = sender) => {
    const r = await router.dispatch(from, { channel, payload });
    responses.push(r);
    return r as Reply;
  };
});
afterEach(async () => {
  await core.close();
});

describe('hand entry channels', () => {
  it('a lead proposes, a second lead confirms; the person is matched at once; no response carries what was typed', async () => {
    const p = await call('list:entryPropose', { change: { kind: 'add', fields: PERSON, reason: 'counter-application' }, proposer: pin(STAFF.lead1) });
    expect(p.value).toMatchObject({ ok: true, proposal: { kind: 'add', recordId: 'M20260610-001', endDate: '2027-06-09' } });
    const { proposalId, changeHash } = p.value.proposal;
    const same = await call('list:entryConfirm', { proposalId, changeHash, confirmer: pin(STAFF.lead1) });
    expect(same.error?.code).toBe('E_LIST_ENTRY_SAME_PERSON');
    const done = await call('list:entryConfirm', { proposalId, changeHash, confirmer: pin(STAFF.lead2) });
    expect(done.value).toEqual({ recordId: 'M20260610-001', kind: 'add', endDate: '2027-06-09' });
    expect(core.vault.match({ name: '早川澄江', dob: '1977-04-03' }).ids).toEqual(['M20260610-001']);
    const text = JSON.stringify(responses);
    for (const v of ['早川', 'ハヤカワ', '1977', '中里']) expect(text).not.toContain(v);
  });

  it('a form with problems comes back field by field in Japanese; an unknown field or a wrong kind is refused by the schema', async () => {
    const bad = await call('list:entryPropose', { change: { kind: 'add', fields: { ...PERSON, dob: '1977-02-30' }, reason: 'counter-application' }, proposer: pin(STAFF.lead1) });
    expect(bad.value).toMatchObject({ ok: false, error: { code: 'E_LIST_ENTRY_INVALID' }, problems: [{ field: '生年月日', code: 'E_IMPORT_DATE' }] });
    expect(bad.value.problems[0].ja).toMatch(/^「生年月日」：存在しない日付/);
    const extra = await call('list:entryPropose', { change: { kind: 'add', fields: { ...PERSON, password: 'x' }, reason: 'counter-application' }, proposer: pin(STAFF.lead1) });
    expect(extra.ok).toBe(false);
    const kind = await call('list:entryPropose', { change: { kind: 'purge', id: 'D0001', reason: 'other' }, proposer: pin(STAFF.lead1) });
    expect(kind.ok).toBe(false);
  });

  it('a frame that is not the app is refused before anything runs', async () => {
    const r = await call('list:entryPropose', { change: { kind: 'end', id: 'D0001', reason: 'withdrawn' }, proposer: pin(STAFF.lead1) }, { url: 'https://evil.example/', isMainFrame: true });
    expect(r.ok).toBe(false);
    expect(core.audit.actions()).not.toContain('record.change_proposed');
  });

  it('a terminal stopped by a fail-closed finding does not change the list, whoever confirms', async () => {
    const p = await call('list:entryPropose', { change: { kind: 'end', id: 'D0001', reason: 'withdrawn' }, proposer: pin(STAFF.lead1) });
    stopped = { code: 'E_PROTECTION_STOPPED', ja: '停止しています。', en: 'Stopped.' };
    const r = await call('list:entryConfirm', { proposalId: p.value.proposal.proposalId, changeHash: p.value.proposal.changeHash, confirmer: pin(STAFF.lead2) });
    expect(r.error?.code).toBe('E_PROTECTION_STOPPED');
    expect(core.vault.match({ name: '伊藤蒼', dob: '1970-02-05' }).ids).toContain('D0001');
  });
});

describe('the lead’s expiry alerts', () => {
  it('need a lead or administrator logged in: a clerk and nobody are refused', async () => {
    expect((await call('list:expiries', {})).error?.code).toBe('E_LIST_ENTRY_ROLE');
    await core.sessions.login(STAFF.clerk1.staffId, STAFF.clerk1.pin);
    expect((await call('list:expiries', {})).error?.code).toBe('E_LIST_ENTRY_ROLE');
  });

  it('list who ends within a month and who is past their end (still masked); an extension takes the person off the first list', async () => {
    await core.sessions.login(STAFF.lead1.staffId, STAFF.lead1.pin);
    const before = await call('list:expiries', {});
    expect(before.value.today).toBe('2026-06-10');
    const soon = before.value.endingSoon.map((r: { id: string }) => r.id);
    expect(soon).toContain('D0001');
    for (const r of [...before.value.endingSoon, ...before.value.expired]) expect(Object.keys(r).sort()).toEqual(['endDate', 'id', 'manual', 'provisional']);
    // Past its end, a person stays masked: the match still flags them.
    expect(before.value.expired.map((r: { id: string }) => r.id)).toContain('D0008');
    for (const r of before.value.expired) expect(r.endDate < '2026-06-10').toBe(true);
    expect(core.vault.match({ name: '廣瀬千尋', dob: '1975-11-08' }).ids).toContain('D0008');
    const p = await call('list:entryPropose', { change: { kind: 'extend', id: 'D0001', reason: 'extension-applied' }, proposer: pin(STAFF.lead1) });
    await call('list:entryConfirm', { proposalId: p.value.proposal.proposalId, changeHash: p.value.proposal.changeHash, confirmer: pin(STAFF.lead2) });
    const after = await call('list:expiries', {});
    expect(after.value.endingSoon.map((r: { id: string }) => r.id)).not.toContain('D0001');
  });
});
