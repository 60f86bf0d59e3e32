/**
 * SPEC F19 / issue 22: every case records how the request came in. A 郵送 or 電話 request that matches a protected
 * person stops for the lead (岡山市 2024 by post; 浜田市, 日立市 by phone); the phone refusal is recorded like a
 * photo request. Through the real router on a whole terminal, as a clerk with a valid login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { buildMonthlyReport } from '../../../electron/core/review/report';
import { jstMonth } from '../../../electron/core/audit/time';
import { testNow } from '../../clock';

const D0001 = { name: '伊藤　蒼', dob: '1970-02-05' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views are checked field by field
type View = any;

let t: TestTerminal;
beforeAll(async () => {
  t = await startTerminal();
  expect((await t.login(STAFF.clerk1)).ok).toBe(true);
}, 60_000);
afterAll(async () => t.close());

const rows = async (action: string) => {
  const chain = t.ctx.leads!.services.chain;
  await chain.drain();
  return (await chain.db.all<{ detail: string; targets: string }>('SELECT detail, targets FROM audit_log WHERE action = ? ORDER BY seq', [action]))
    .map((r) => ({ detail: JSON.parse(r.detail) as Record<string, unknown>, targets: r.targets }));
};

async function open(channel: string, person: { name: string; dob?: string } | null = D0001): Promise<{ caseId: string; slot: string; view: View }> {
  const v = (await t.call('case:open', { form: 'juminhyo', channel })).value as View;
  const view = person ? (await t.call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0].slot, input: person })).value : v;
  return { caseId: v.caseId, slot: v.persons[0].slot, view };
}

describe('the channel of a case', () => {
  it('is required when the case opens: no case is silently 窓口', async () => {
    const r = await t.call('case:open', { form: 'juminhyo' });
    expect(r.error).toMatchObject({ code: 'E_IPC_PAYLOAD' });
    expect((await t.call('case:open', { form: 'juminhyo', channel: 'fax' })).error).toMatchObject({ code: 'E_IPC_PAYLOAD' });
  });

  it('is stored with the case, shown in its view and written in the case.opened entry', async () => {
    for (const channel of ['counter', 'post', 'phone', 'agent', 'department']) {
      const { caseId, view } = await open(channel, null);
      expect(view.channel).toBe(channel);
      expect((await rows('case.opened')).at(-1)!.detail).toMatchObject({ case: caseId, channel });
      await t.call('case:close', { caseId });
    }
  });

  it('a 代理人・士業 case is an agent request from the start: a protected match needs the lead', async () => {
    const { caseId, view } = await open('agent');
    expect(view.applicantKind).toBe('agent');
    expect(view.warnings.find((w: { kind: string }) => w.kind === 'agentReview')).toMatchObject({ needsLead: true });
    await t.call('case:close', { caseId });
  });
});

describe('a 郵送 or 電話 case that matches a protected person', () => {
  for (const channel of ['post', 'phone']) {
    it(`${channel}: stops under a coded heading until the lead attends`, async () => {
      const { caseId, slot, view } = await open(channel);
      expect(view.stopped).toBe(true);
      const stop = view.warnings.find((w: { kind: string }) => w.kind === 'remoteChannel');
      expect(stop).toMatchObject({ needsLead: true, cleared: false });
      const more = await t.call('case:addPerson', { caseId });
      expect(more.error).toMatchObject({ code: 'E_CASE_STOPPED' });
      expect((more.error as unknown as { ja: string }).ja).toContain('確認事項B');
      // The clerk cannot wave it through alone.
      expect((await t.call('case:acknowledge', { caseId, warningId: stop.id })).error).toMatchObject({ code: 'E_CASE_LEAD_REQUIRED' });
      const attended = (await t.call('case:leadAttend', { caseId, warningId: stop.id, staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin })).value as View;
      expect(attended.stopped).toBe(false);
      expect((await t.call('case:updatePerson', { caseId, slot, input: { relation: '子' } })).ok).toBe(true);
      await t.call('case:close', { caseId });
    });
  }

  it('a possible match (name only) by phone stops too: nobody is there to show an ID', async () => {
    const { caseId, view } = await open('phone', { name: D0001.name });
    expect(view.persons[0].decision).toBe('possible');
    expect(view.stopped).toBe(true);
    await t.call('case:close', { caseId });
  });

  it('the same match at the counter does not stop the case (the clerk acknowledges the warning)', async () => {
    const { caseId, view } = await open('counter');
    expect(view.stopped).toBe(false);
    expect(view.warnings.map((w: { kind: string }) => w.kind)).not.toContain('remoteChannel');
    await t.call('case:close', { caseId });
  });
});

describe('the phone refusal', () => {
  it('is recorded like a photo request, with a reference and nothing about the caller, and counted in the review', async () => {
    const { caseId } = await open('phone', null);
    const r = await t.call('case:phoneRefusal', { caseId });
    expect(r.ok).toBe(true);
    const { ref } = r.value as { ref: string };
    expect(ref).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const entry = (await rows('case.phone_refused')).at(-1)!;
    expect(entry.detail).toMatchObject({ case: caseId, ref });
    expect(Object.keys(entry.detail).sort()).toEqual(['at', 'case', 'ref']);
    const report = await buildMonthlyReport(t.ctx.leads!.services.chain.db, jstMonth(testNow()));
    expect(report.counts.phoneRefusals).toBe(1);
    await t.call('case:close', { caseId });
  });

  it('is refused on a case that did not come by phone (no refusal counted for nothing)', async () => {
    const { caseId } = await open('post', null);
    expect((await t.call('case:phoneRefusal', { caseId })).error).toMatchObject({ code: 'E_CASE_NOT_PHONE' });
    await t.call('case:close', { caseId });
  });
});
