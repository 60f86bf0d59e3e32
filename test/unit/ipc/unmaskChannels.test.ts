import { afterEach, describe, expect, it } from 'vitest';
import { recordingRouter } from '../../fakes/router';
import { ALL_PINS, createTestCore, manualClock, sampleSecrets, STAFF, type TestCore } from '../../fakes/core';


let core: TestCore | null = null;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = null;
});

const router = recordingRouter;

describe('unmask over IPC', () => {
  it('without a set-up terminal there is no session and nothing to unmask', async () => {
    const { call } = router(null);
    expect(await call('session:current', {})).toEqual({ ok: true, value: { session: null } });
    expect((await call('session:login', { staffId: 'C001', pin: '583946' })).error?.code).toBe('E_NOT_SET_UP');
  });

  it('only unmask:take ever answers with the value, once; everything before and after is ids and codes', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock });
    const { call, log, matchedCase } = router(core);
    expect((await call('unmask:maskedRecord', { caseId: 'c1', recordId: 'D0001' })).error?.code).toBe('E_SESSION_REQUIRED');
    const login = await call('session:login', { staffId: 'C001', pin: STAFF.clerk1.pin });
    expect(login.value).toMatchObject({ staffId: 'C001', roles: ['clerk'], idleSeconds: 300 });
    // Issue 14: the record must be matched in the clerk's open case.
    const caseId = await matchedCase();
    expect((await call('unmask:maskedRecord', { caseId, recordId: 'D0001' })).value).toEqual({ recordId: 'D0001', fields: ['address', 'katagaki', 'honseki', 'note'] });
    const req = (await call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin })).value!;
    const desc = (await call('unmask:describe', { requestId: req.requestId })).value!;
    expect(desc).toMatchObject({ requesterName: '窓口 太郎', recordId: 'D0001', field: 'address', requestHash: req.requestHash });
    const decision = { requestId: req.requestId, requestHash: req.requestHash };
    expect((await call('unmask:approve', { ...decision, approverId: 'C001', approverPin: STAFF.clerk1.pin })).error?.code).toBe('E_UNMASK_SELF_APPROVAL');
    expect((await call('unmask:approve', { ...decision, approverId: 'A001', approverPin: STAFF.admin1.pin })).error?.code).toBe('E_UNMASK_NOT_LEAD');
    const grant = (await call('unmask:approve', { ...decision, approverId: 'L001', approverPin: STAFF.lead1.pin })).value!;
    const taken = await call('unmask:take', { grantId: grant.grantId });
    expect(taken.value?.value).toBe('神奈川県中郡二宮町富士見が丘5丁目5番2号');
    expect((await call('unmask:take', { grantId: grant.grantId })).error?.code).toBe('E_GRANT_USED');
    clock.advance(61);
    await call('session:activity', {});
    const secrets = sampleSecrets().all;
    const firstTake = log.find((e) => e.channel === 'unmask:take');
    for (const entry of log) {
      const text = JSON.stringify(entry.response);
      const leaks = secrets.filter((s) => text.includes(s));
      const allowed = entry === firstTake ? ['神奈川県中郡二宮町富士見が丘5丁目5番2号'] : [];
      expect({ channel: entry.channel, leaks }).toEqual({ channel: entry.channel, leaks: allowed });
      // No response ever echoes a PIN, not even a refused one.
      expect(ALL_PINS.filter((p) => text.includes(p))).toEqual([]);
    }
  });

  it('refuses malformed input at the schema without echoing it', async () => {
    core = await createTestCore({ adminsOnly: true });
    const { call } = router(core);
    const r = await call('session:login', { staffId: 'A001', pin: 'abc240681' });
    expect(r.error?.code).toBe('E_IPC_PAYLOAD');
    expect(JSON.stringify(r)).not.toContain('240681');
    expect((await call('unmask:approve', { requestId: 'x', requestHash: 'y', approverId: 'L001', approverPin: '1' })).error?.code).toBe('E_IPC_PAYLOAD');
  });

  it('logout locks the session and re-masks', async () => {
    core = await createTestCore();
    const { call, matchedCase } = router(core);
    await call('session:login', { staffId: 'C001', pin: STAFF.clerk1.pin });
    const caseId = await matchedCase();
    const req = (await call('unmask:request', { caseId, recordId: 'D0001', field: 'honseki', reasonCode: 'identity-check', pin: STAFF.clerk1.pin })).value!;
    const grant = (await call('unmask:approve', { requestId: req.requestId, requestHash: req.requestHash, approverId: 'L002', approverPin: STAFF.lead2.pin })).value!;
    expect(await call('session:logout', {})).toEqual({ ok: true, value: { locked: true } });
    expect((await call('session:current', {})).value).toEqual({ session: null });
    expect((await call('unmask:take', { grantId: grant.grantId })).error?.code).toBe('E_SESSION_REQUIRED');
  });
});
