/**
 * What a temporary release lifts, seen as an attacker at the counter would try it (SPEC F20, issue 22): a clerk
 * with a release for person A and document X sees A's document fields in that one case — and not A under another
 * document, not B, not A in a new case, not in another clerk's case, not on a 委託 login's case, not on the
 * applicant copy, and not a moment after the release ends (by its time, early, or with the case).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseService } from '../../../electron/core/cases/caseService';
import { releasesForCases, ReleaseService } from '../../../electron/core/release';
import type { CaseView, FormKind, PersonView } from '../../../shared/cases/model';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const A = { id: 'D0001', name: '伊藤　蒼', dob: '1970-02-05' };
const B = { id: 'D0002', name: '松本　吉男', dob: '1939-03-02' };
const ADDRESS = '請求書に書かれた住所';

let core: TestCore;
let clock: ReturnType<typeof manualClock>;
let releases: ReleaseService;
let cases: CaseService;

beforeEach(async () => {
  clock = manualClock('2026-05-11T09:00:00+09:00');
  core = await createTestCore({ clock });
  releases = await ReleaseService.open({
    db: core.vault.database, key: core.vault.serviceKey('releases'), audit: core.audit, auth: core.staff, clock,
    exists: async (id) => (await core.vault.bodyOf(id)) !== undefined, stopped: async () => null,
  });
  cases = new CaseService({
    lookup: () => core.vault, audit: core.audit, auth: core.staff, clock, maskedFields: () => DEFAULT_MASKED_FIELDS,
    releases: () => releasesForCases(releases, (id) => core.staff.describe(id)),
  });
});
afterEach(async () => {
  await core.close();
});

async function caseWith(form: FormKind, who: { name: string; dob: string }, clerk: string = STAFF.clerk1.staffId, roles?: string[]): Promise<CaseView> {
  const v = await cases.open(form, clerk, roles ? { roles } : {});
  return cases.updatePerson(v.caseId, v.persons[0]!.slot, { name: who.name, dob: who.dob });
}
const grant = (v: CaseView, form: FormKind = v.form, hours = 2) =>
  releases.grant({ recordId: A.id, form, caseId: v.caseId, reason: 'court-order', hours, clerk: STAFF.clerk1.staffId, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) });
const card = (v: CaseView): PersonView => v.persons[0]!;
const masked = { masked: true, placeholder: '●●●●' };
const shown = () => core.audit.events.filter((e) => e.action === 'unmask.shown');
const revoked = () => core.audit.events.filter((e) => e.action === 'unmask.revoked');

describe('a release in force', () => {
  it('lifts exactly its document’s fields for its person in its case, audited like an unmask, and shows who approved and until when', async () => {
    let v = await caseWith('juminhyo', A);
    expect(card(v).fields.address).toEqual(masked);
    const r = await grant(v);
    v = await cases.refresh(v.caseId);
    expect(card(v).fields.address).toEqual({ masked: false, value: '' });
    expect(card(v).fields.katagaki).toEqual({ masked: false, value: '' });
    expect(card(v).fields.household).toEqual({ masked: false, value: '' });
    // Not on a 住民票: the 本籍 and the phone stay masked.
    expect(card(v).fields.honseki).toEqual(masked);
    expect(card(v).fields.phone).toEqual(masked);
    v = await cases.updatePerson(v.caseId, card(v).slot, { fields: { address: ADDRESS } });
    expect(card(v).fields.address).toEqual({ masked: false, value: ADDRESS });
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({ actors: [STAFF.clerk1.staffId], targets: [{ recordId: A.id, field: 'address' }, { recordId: A.id, field: 'katagaki' }, { recordId: A.id, field: 'household' }], detail: { release: r.id, case: v.caseId } });
    expect(v.releases).toEqual([expect.objectContaining({
      id: r.id, recordId: A.id, form: 'juminhyo', endsAt: r.endsAt, endedAt: null, slot: card(v).slot,
      approvers: [{ staffId: STAFF.lead1.staffId, name: STAFF.lead1.displayName }, { staffId: STAFF.lead2.staffId, name: STAFF.lead2.displayName }],
      fields: ['address', 'katagaki', 'household'],
    })]);
    // Typing on does not record it again: one unmask.shown per release and person card.
    await cases.updatePerson(v.caseId, card(v).slot, { fields: { katagaki: '201号' } });
    expect(shown()).toHaveLength(1);
  });

  it('never lifts the applicant copy', async () => {
    let v = await caseWith('juminhyo', A);
    await grant(v);
    v = await cases.refresh(v.caseId);
    v = await cases.updatePerson(v.caseId, card(v).slot, { fields: { address: ADDRESS } });
    const w = v.warnings.find((x) => x.kind === 'protected')!;
    await cases.acknowledge(v.caseId, w.id);
    const copy = cases.redactedForCopy(v.caseId);
    expect(card(copy).fields.address).toEqual(masked);
    expect(JSON.stringify(copy)).not.toContain(ADDRESS);
  });

  it('does not lift B, A in a new case, A under another document, or a card retyped to someone else', async () => {
    const v = await caseWith('juminhyo', A);
    await grant(v);
    let mine = await cases.refresh(v.caseId);
    // B on a second card of the very same case.
    mine = await cases.addPerson(v.caseId);
    mine = await cases.updatePerson(v.caseId, mine.persons[1]!.slot, { name: B.name, dob: B.dob });
    expect(mine.persons[1]!.fields.address).toEqual(masked);
    await expect(cases.updatePerson(v.caseId, mine.persons[1]!.slot, { fields: { address: ADDRESS } })).rejects.toMatchObject({ code: 'E_CASE_MASKED_FIELD' });
    // A new case for A, same document, same clerk: masked, and the release is not even listed there.
    const fresh = await caseWith('juminhyo', A);
    expect(card(fresh).fields.address).toEqual(masked);
    expect(fresh.releases).toEqual([]);
    // A under a 戸籍謄抄本: a release names one document — this case's.
    const koseki = await caseWith('koseki', A);
    expect(card(koseki).fields.honseki).toEqual(masked);
    // Retyping the card so it is no longer exactly A re-masks it and drops what was typed.
    mine = await cases.updatePerson(v.caseId, card(mine).slot, { fields: { address: ADDRESS } });
    mine = await cases.updatePerson(v.caseId, card(mine).slot, { name: B.name, dob: B.dob });
    expect(card(mine).fields.address).toEqual(masked);
    mine = await cases.updatePerson(v.caseId, card(mine).slot, { name: A.name, dob: A.dob });
    expect(JSON.stringify(mine)).not.toContain(ADDRESS);
    expect(revoked().some((e) => e.detail?.reason === 'release-slot-changed')).toBe(true);
  });

  it('a release whose document is not the case’s lifts nothing there', async () => {
    let v = await caseWith('juminhyo', A);
    await grant(v, 'koseki');
    v = await cases.refresh(v.caseId);
    for (const f of ['address', 'honseki', 'katagaki'] as const) expect(card(v).fields[f]).toEqual(masked);
    expect(shown()).toEqual([]);
  });

  it('does not apply in another clerk’s case, nor to a 委託 login’s case', async () => {
    const other = await caseWith('juminhyo', A, STAFF.clerk2.staffId);
    await grant(other); // names clerk1 as the issuing clerk; the case is clerk2's
    expect(card(await cases.refresh(other.caseId)).fields.address).toEqual(masked);
    const itaku = await caseWith('juminhyo', A, 'K001', ['contractor']);
    await releases.grant({ recordId: A.id, form: 'juminhyo', caseId: itaku.caseId, reason: 'court-order', hours: 2, clerk: 'K001', lead: pin(STAFF.lead1), officer: pin(STAFF.admin1) }).catch(() => undefined);
    expect(card(await cases.refresh(itaku.caseId).catch(() => cases.get(itaku.caseId))).fields.address).toEqual(masked);
    expect(shown()).toEqual([]);
  });

  it('re-masks at its end, drops what was typed, records the re-mask, and the case shows that it ended', async () => {
    let v = await caseWith('juminhyo', A);
    const r = await grant(v);
    v = await cases.refresh(v.caseId);
    v = await cases.updatePerson(v.caseId, card(v).slot, { fields: { address: ADDRESS } });
    clock.advance(2 * 3600);
    v = await cases.refresh(v.caseId);
    expect(card(v).fields.address).toEqual(masked);
    expect(JSON.stringify(v)).not.toContain(ADDRESS);
    expect(v.releases).toEqual([expect.objectContaining({ id: r.id, endedAt: expect.any(String), cause: 'expired', slot: null })]);
    expect(revoked()).toEqual([expect.objectContaining({ targets: [{ recordId: A.id, field: 'address' }, { recordId: A.id, field: 'katagaki' }, { recordId: A.id, field: 'household' }], detail: expect.objectContaining({ release: r.id, reason: 'release-expired' }) })]);
    await expect(cases.updatePerson(v.caseId, card(v).slot, { fields: { address: ADDRESS } })).rejects.toMatchObject({ code: 'E_CASE_MASKED_FIELD' });
  });

  it('re-masks when a lead ends it early, and ends with its case', async () => {
    let v = await caseWith('juminhyo', A);
    const r = await grant(v);
    v = await cases.refresh(v.caseId);
    await releases.endEarly(r.id, pin(STAFF.lead1));
    v = await cases.refresh(v.caseId);
    expect(card(v).fields.address).toEqual(masked);
    expect(v.releases[0]).toMatchObject({ cause: 'ended-early' });

    const w = await caseWith('juminhyo', A);
    const r2 = await grant(w);
    await cases.close(w.caseId);
    expect(core.audit.events.filter((e) => e.action === 'release.ended').map((e) => [e.detail?.release, e.detail?.cause])).toContainEqual([r2.id, 'case-closed']);
    expect(await releases.inForce(A.id, 'juminhyo', w.caseId)).toBe(false);
  });

  it('re-masks when its row is edited to name another clerk', async () => {
    let v = await caseWith('juminhyo', A, STAFF.clerk2.staffId);
    await releases.grant({ recordId: A.id, form: 'juminhyo', caseId: v.caseId, reason: 'court-order', hours: 2, clerk: STAFF.clerk1.staffId, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) });
    await core.vault.database.run('UPDATE releases SET clerk = ?', [STAFF.clerk2.staffId]);
    v = await cases.refresh(v.caseId);
    expect(card(v).fields.address).toEqual(masked);
    expect(v.releases[0]).toMatchObject({ cause: 'tampered' });
  });
});
