import { describe, expect, it } from 'vitest';
import { createAppRouter } from '../../../electron/ipc';
import { PhotoRequestLog } from '../../../electron/core/policy';
import { MemoryAudit, testPolicyContext } from '../../fakes/policy';

const main = { url: 'app://countershield/index.html', isMainFrame: true };
const ctx = (policy = testPolicyContext()) => ({
  version: '1', vaultState: () => 'absent' as const, staffCount: () => 0,
  prefs: { getLanguage: () => 'ja' as const, setLanguage: () => undefined, getTerminalLabel: () => '' },
  locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' as const }),
  policy,
});

describe('「撮影を求められた」 is recorded in main', () => {
  it('appends one audit event with the case id and a reference, nothing about the applicant', async () => {
    const audit = new MemoryAudit();
    const log = new PhotoRequestLog({ audit, clock: () => new Date('2025-04-01T01:02:03Z'), actor: () => 'C017', newRef: () => 'K7QM2XPA' });
    expect(await log.record({ caseId: 'case-42' })).toEqual({ ref: 'K7QM2XPA', recordedAt: '2025-04-01T01:02:03.000Z' });
    expect(audit.events).toEqual([{ action: 'policy.photo_requested', actors: ['C017'], targets: [{ recordId: 'case-42' }], detail: { ref: 'K7QM2XPA', at: '2025-04-01T01:02:03.000Z' } }]);
  });

  it('reaches the audit sink through the policy:photoRequested channel', async () => {
    const audit = new MemoryAudit();
    const router = createAppRouter(ctx(testPolicyContext({ audit, actor: 'C017' })), 'app://countershield');
    const res = await router.dispatch(main, { channel: 'policy:photoRequested', payload: {} });
    expect(res).toMatchObject({ ok: true, value: { ref: expect.stringMatching(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/) } });
    expect(audit.actions()).toEqual(['policy.photo_requested']);
  });

  it('refuses a case id that is not an id (no names smuggled into the audit)', async () => {
    const audit = new MemoryAudit();
    const router = createAppRouter(ctx(testPolicyContext({ audit })), 'app://countershield');
    const res = await router.dispatch(main, { channel: 'policy:photoRequested', payload: { caseId: '山田 太郎' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
    expect(audit.events).toEqual([]);
  });

  it('tells the renderer when it could not be recorded, with a coded error', async () => {
    const audit = new MemoryAudit();
    audit.failNext = true;
    const router = createAppRouter(ctx(testPolicyContext({ audit })), 'app://countershield');
    expect(await router.dispatch(main, { channel: 'policy:photoRequested', payload: {} })).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
  });

  it('policy:effective carries the policy and its origin, and no key or MAC', async () => {
    const router = createAppRouter(ctx(), 'app://countershield');
    const res = await router.dispatch(main, { channel: 'policy:effective', payload: {} });
    expect(res).toMatchObject({ ok: true, value: { source: 'defaults', state: 'missing', policy: { contentProtection: true } } });
    expect(JSON.stringify(res)).not.toMatch(/"mac"|"key"/);
  });
});
