/**
 * The release through the whole terminal as main composes it (Terminal → router → handlers → core, one audit chain):
 * the wiring that lets a release lift its case (core/terminal.ts) holds, and closing the case ends the release.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';

let t: TestTerminal | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the view is checked field by field
type View = any;

describe('a temporary release on the composed terminal', () => {
  it('lifts its case’s fields for its person, and ends — re-masked — when the case closes', async () => {
    t = await startTerminal();
    await t.login(STAFF.clerk1);
    let v: View = (await t.call('case:open', { form: 'juminhyo', channel: 'counter' })).value;
    const slot = v.persons[0].slot;
    v = (await t.call('case:updatePerson', { caseId: v.caseId, slot, input: { name: '伊藤　蒼', dob: '1970-02-05' } })).value;
    expect(v.persons[0].fields.address).toEqual({ masked: true, placeholder: '●●●●' });
    const g = await t.call('list:releaseGrant', { recordId: 'D0001', form: 'juminhyo', caseId: v.caseId, reason: 'court-order', hours: 2, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) });
    expect(g.ok).toBe(true);
    v = (await t.call('case:refresh', { caseId: v.caseId })).value;
    expect(v.persons[0].fields.address).toEqual({ masked: false, value: '' });
    expect(v.releases[0]).toMatchObject({ recordId: 'D0001', endedAt: null, approvers: [{ staffId: STAFF.lead1.staffId }, { staffId: STAFF.lead2.staffId }] });
    expect((await t.call('case:close', { caseId: v.caseId })).ok).toBe(true);
    await t.login(STAFF.lead1);
    expect((await t.call('list:releases', { caseId: v.caseId })).value).toEqual({ releases: [] });
  });
});
