/**
 * SPEC F19 / issue 22: a 委託職員 (outsourced counter staff) logs in and types, but decides nothing. Driven through
 * the real router as the app's own main frame on a whole terminal, so what is refused is refused in main.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';

const CONTRACTOR = { staffId: 'K001', displayName: '委託 一子', pin: '615283' };
const D0001 = { name: '伊藤　蒼', dob: '1970-02-05' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type View = any;

let t: TestTerminal;
beforeAll(async () => {
  t = await startTerminal();
  // The existing two-person staff change creates the 委託 login: proposed by one admin, confirmed by the other.
  const staff = t.ctx.staff!.service;
  const p = await staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'add', staffId: CONTRACTOR.staffId, displayName: CONTRACTOR.displayName, roles: ['contractor'] });
  await staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin, subjectPin: CONTRACTOR.pin });
}, 60_000);
afterAll(async () => t.close());

async function contractorCase(person: { name: string; dob?: string } = D0001, slot: 'applicant' | 'subject' = 'subject') {
  expect((await t.login(CONTRACTOR)).ok).toBe(true);
  const open = await t.call('case:open', { form: 'juminhyo', channel: 'counter' });
  expect(open.ok).toBe(true);
  const v = open.value as View;
  expect(v.contractor).toBe(true);
  const target = slot === 'applicant' ? v.applicant.slot : v.persons[0].slot;
  const matched = (await t.call('case:updatePerson', { caseId: v.caseId, slot: target, input: person })).value as View;
  return { caseId: v.caseId as string, slot: v.persons[0].slot as string, matched };
}

const auditActions = async (): Promise<string[]> => {
  const chain = t.ctx.leads!.services.chain;
  await chain.drain();
  return (await chain.db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).map((r) => r.action);
};

describe('a 委託 login', () => {
  it('cannot be combined with a 職員 role', async () => {
    const staff = t.ctx.staff!.service;
    await expect(staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'add', staffId: 'K009', displayName: '委託 兼務', roles: ['contractor', 'lead'] }))
      .rejects.toMatchObject({ code: 'E_STAFF_INPUT' });
  });

  it('opens a case and types; a protected match stops the case and tells them in Japanese to call a 職員', async () => {
    const { caseId, slot, matched } = await contractorCase();
    expect(matched.stopped).toBe(true);
    expect(matched.warnings.map((w: { kind: string }) => w.kind)).toContain('contractorStop');
    const more = await t.call('case:updatePerson', { caseId, slot, input: { relation: '子' } });
    expect(more.ok).toBe(false);
    expect(more.error).toMatchObject({ code: 'E_CASE_CONTRACTOR_STOP' });
    expect((more.error as unknown as { ja: string }).ja).toContain('職員を呼んでください');
    await t.call('case:close', { caseId });
  });

  it('a possible match (name only) stops the case too', async () => {
    const { caseId, matched } = await contractorCase({ name: D0001.name });
    expect(matched.persons[0].decision).toBe('possible');
    expect(matched.stopped).toBe(true);
    await t.call('case:close', { caseId });
  });

  it('a 相手方 at the counter stops the case for a 職員', async () => {
    const { caseId, matched } = await contractorCase({ name: '伊藤翔太' }, 'applicant');
    expect(matched.warnings.map((w: { kind: string }) => w.kind)).toEqual(expect.arrayContaining(['aitekata', 'contractorStop']));
    expect(matched.stopped).toBe(true);
    await t.call('case:close', { caseId });
  });

  it('cannot clear or acknowledge a warning — not its own, and not with a lead standing by', async () => {
    const { caseId, matched } = await contractorCase();
    const protectedWarning = matched.warnings.find((w: { kind: string }) => w.kind === 'protected');
    const ack = await t.call('case:acknowledge', { caseId, warningId: protectedWarning.id });
    expect(ack.error).toMatchObject({ code: 'E_CASE_CONTRACTOR_STOP' });
    const stop = matched.warnings.find((w: { kind: string }) => w.kind === 'contractorStop');
    const lead = await t.call('case:leadAttend', { caseId, warningId: stop.id, staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin });
    expect(lead.error).toMatchObject({ code: 'E_CASE_CONTRACTOR_STOP' });
    const still = (await t.call('case:addPerson', { caseId })) ;
    expect(still.ok).toBe(false);
    expect(await auditActions()).toContain('case.contractor_refused');
    await t.call('case:close', { caseId });
  });

  it('cannot request an unmask of a record its case matched, and the refusal is recorded', async () => {
    const { caseId } = await contractorCase();
    const before = (await auditActions()).filter((a) => a === 'unmask.request_refused').length;
    const r = await t.call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'identity-check', pin: CONTRACTOR.pin });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'E_UNMASK_CONTRACTOR' });
    expect((await auditActions()).filter((a) => a === 'unmask.request_refused').length).toBe(before + 1);
    expect((await auditActions())).not.toContain('unmask.requested');
    await t.call('case:close', { caseId });
  });

  it('cannot approve an unmask or confirm a staff change', async () => {
    expect((await t.login(STAFF.clerk1)).ok).toBe(true);
    const v = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as View;
    await t.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: D0001 });
    const q = await t.call('unmask:request', { caseId: v.caseId, recordId: 'D0001', field: 'address', reasonCode: 'identity-check', pin: STAFF.clerk1.pin });
    expect(q.ok).toBe(true);
    const { requestId, requestHash } = q.value as { requestId: string; requestHash: string };
    const approve = await t.call('unmask:approve', { requestId, requestHash, approverId: CONTRACTOR.staffId, approverPin: CONTRACTOR.pin });
    expect(approve.error).toMatchObject({ code: 'E_UNMASK_NOT_LEAD' });
    await t.call('case:close', { caseId: v.caseId });
    const staff = t.ctx.staff!.service;
    const p = await staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'unlock', staffId: STAFF.clerk2.staffId });
    await expect(staff.confirmChange({ changeId: p.changeId, changeHash: p.changeHash, confirmerId: CONTRACTOR.staffId, confirmerPin: CONTRACTOR.pin }))
      .rejects.toMatchObject({ code: expect.stringMatching(/^E_STAFF/) });
  });
});

describe('a 職員 takes the case over', () => {
  it('with their own ID + PIN: the case stays, the terminal is theirs, and they handle the warnings', async () => {
    const { caseId, slot } = await contractorCase();
    const refused = await t.call('case:takeOver', { caseId, staffId: CONTRACTOR.staffId, pin: CONTRACTOR.pin });
    expect(refused.error).toMatchObject({ code: 'E_CASE_NOT_SHOKUIN' });
    const r = await t.call('case:takeOver', { caseId, staffId: STAFF.clerk1.staffId, pin: STAFF.clerk1.pin });
    expect(r.ok).toBe(true);
    const { view, session } = r.value as { view: View; session: { staffId: string } };
    expect(session.staffId).toBe(STAFF.clerk1.staffId);
    expect(view.contractor).toBe(false);
    expect(view.persons[0].recordIds).toEqual(['D0001']);
    expect(view.stopped).toBe(false);
    // The 職員 acknowledges the protected warning and may ask for an unmask as on any case.
    const w = view.warnings.find((x: { kind: string }) => x.kind === 'protected');
    expect((await t.call('case:acknowledge', { caseId, warningId: w.id })).ok).toBe(true);
    expect((await t.call('case:updatePerson', { caseId, slot, input: { relation: '子' } })).ok).toBe(true);
    const q = await t.call('unmask:request', { caseId, recordId: 'D0001', field: 'address', reasonCode: 'identity-check', pin: STAFF.clerk1.pin });
    expect(q.ok).toBe(true);
    const actions = await auditActions();
    expect(actions).toContain('case.taken_over');
    expect(actions).toContain('session.handover');
    await t.call('case:close', { caseId });
  });

  it('a takeover of a case a 職員 opened is refused before any PIN is spent', async () => {
    expect((await t.login(STAFF.clerk2)).ok).toBe(true);
    const v = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value as View;
    const r = await t.call('case:takeOver', { caseId: v.caseId, staffId: STAFF.clerk1.staffId, pin: '000000' });
    expect(r.error).toMatchObject({ code: 'E_CASE_NOT_CONTRACTOR' });
    await t.call('case:close', { caseId: v.caseId });
  });
});
