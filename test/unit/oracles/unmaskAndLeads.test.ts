/**
 * Issue 14, items 3–4: the 管理番号 oracle of the masked record, unmask requests with no case behind them, and
 * the lead channels answering whoever stands at the terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- values are checked field by field
type V = any;
let t: TestTerminal;
beforeAll(async () => {
  t = await startTerminal();
});
afterAll(() => t.close());

async function caseWith(input: { name: string; dob?: string }, form = 'juminhyo'): Promise<string> {
  const v = (await t.call('case:open', { form, channel: 'counter' })).value as V;
  await t.call('case:setApplicantKind', { caseId: v.caseId, kind: 'agent' });
  await t.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input });
  return v.caseId;
}

describe('a masked record and an unmask request need a match in a case the clerk has open', () => {
  it('an id the case did not earn gets one answer, the same for a real and an unknown 管理番号, and the miss is recorded', async () => {
    await t.login(STAFF.clerk1);
    const caseId = await caseWith({ name: '架空　花子', dob: '1990-01-01' });
    const real = await t.call('unmask:maskedRecord', { caseId, recordId: 'D0001' });
    const unknown = await t.call('unmask:maskedRecord', { caseId, recordId: 'D9999' });
    expect(real.error?.code).toBe('E_UNMASK_NOT_IN_CASE');
    expect(unknown).toEqual(real);
    expect(JSON.stringify(real)).not.toContain('D0001');
    const req = await t.call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin });
    expect(req.error?.code).toBe('E_UNMASK_NOT_IN_CASE');
    const chain = t.ctx.leads!.services.chain;
    await chain.drain();
    const misses = await chain.db.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'record.lookup'");
    expect(misses.map((m) => JSON.parse(m.detail) as Record<string, unknown>)).toEqual(expect.arrayContaining([expect.objectContaining({ earned: false })]));
  });

  it('a name alone (possible) earns no request', async () => {
    const caseId = await caseWith({ name: '伊藤　蒼' });
    expect((await t.call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin })).error?.code).toBe('E_UNMASK_NOT_IN_CASE');
  });

  it('another clerk’s case earns nothing; a matched record does, and the lead sees form, applicant kind and case reason', async () => {
    const caseId = await caseWith({ name: '伊藤　蒼', dob: '1970-02-05' }, 'fuhyo');
    expect((await t.call('unmask:maskedRecord', { caseId, recordId: 'D0001' })).value).toMatchObject({ recordId: 'D0001' });
    const req = (await t.call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'self-request', pin: STAFF.clerk1.pin })).value as V;
    const desc = (await t.call('unmask:describe', { requestId: req.requestId })).value as V;
    expect(desc).toMatchObject({ recordId: 'D0001', field: 'address', form: 'fuhyo', applicantKind: 'agent', caseReason: expect.stringContaining('agentReview') });
    await t.call('unmask:cancel', { requestId: req.requestId });
    await t.call('session:logout', {});
    await t.login(STAFF.clerk2);
    expect((await t.call('unmask:maskedRecord', { caseId, recordId: 'D0001' })).error?.code).toBe('E_UNMASK_NOT_IN_CASE');
    await t.call('session:logout', {});
  });
});

describe('audit, review, incident and overview channels need a lead or an administrator at the terminal', () => {
  const leadOnly: Array<[string, unknown]> = [
    ['audit:query', {}], ['audit:export', { format: 'csv', filter: {} }], ['audit:verify', {}],
    ['review:report', { month: '2026-11' }], ['review:reconfirmations', { month: '2026-11' }], ['incident:list', {}],
  ];

  it('nobody logged in, or a clerk: refused with a code; the overview keeps its notices without ids', async () => {
    await t.call('session:logout', {});
    for (const [channel, payload] of leadOnly) expect({ channel, code: (await t.call(channel, payload)).error?.code }).toEqual({ channel, code: 'E_LEADS_SESSION_REQUIRED' });
    await t.login(STAFF.clerk1);
    for (const [channel, payload] of leadOnly) expect({ channel, code: (await t.call(channel, payload)).error?.code }).toEqual({ channel, code: 'E_LEADS_ROLE_REQUIRED' });
    const overview = (await t.call('leads:overview', {})).value as V;
    expect(overview.available).toBe(true);
    expect(overview.reconfirmationsDue).toEqual([]);
    expect(overview.incidentClocks.every((c: { incidentId?: string }) => !c.incidentId)).toBe(true);
    await t.call('session:logout', {});
  });

  it('a lead’s session opens them', async () => {
    await t.login(STAFF.lead1);
    for (const [channel, payload] of leadOnly) expect({ channel, ok: (await t.call(channel, payload)).ok }).toEqual({ channel, ok: true });
    await t.call('session:logout', {});
  });
});
