/**
 * Hand entries of the protected list (SPEC F8, issue 22) on the real vault: two people, a reason, the change's
 * hash, the audit entry with the change, matching at once, and the next import never silently undoing them.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualEntryService, type EntryChange } from '../../../electron/core/list';
import { Vault } from '../../../electron/core/vault/vault';
import { createTestCore, SAMPLE_CSV, STAFF, type TestCore } from '../../fakes/core';
import { sampleListClock } from '../../clock';

const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const sample = readFileSync(SAMPLE_CSV).toString('utf8');
const lines = sample.split(/\r?\n/);
const csv = (rows: string[]) => Buffer.from(rows.join('\n'), 'utf8');
/** A victim who applied at the counter today (sampleListClock: 2026-06-10): not in any 住基 export yet. */
const NEW_PERSON = { name: '早川　澄江', kana: 'ハヤカワ　スミエ', dob: '昭和52年4月3日', address: '神奈川県中郡二宮町中里3丁目8番1号', startDate: '2026-06-10', atenaNo: '9100000001' };

let core: TestCore;
let entries: ManualEntryService;

beforeEach(async () => {
  core = await createTestCore({ clock: sampleListClock });
  entries = new ManualEntryService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: sampleListClock });
});
afterEach(async () => {
  await core.close();
});

async function twoPeople(change: EntryChange) {
  const p = await entries.propose(change, pin(STAFF.lead1));
  if (!p.ok) throw new Error(`proposal refused: ${p.error.code} ${JSON.stringify(p.problems)}`);
  const done = await entries.confirm({ proposalId: p.proposal.proposalId, changeHash: p.proposal.changeHash, confirmer: pin(STAFF.lead2) });
  return { ...done, proposal: p.proposal };
}

describe('adding a protected person by hand', () => {
  it('a person added by two leads is matched at once, as 仮支援措置 with a temporary 管理番号, and audited with both and no value', async () => {
    expect(core.vault.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).decision).toBe('none');
    const r = await twoPeople({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    expect(r.recordId).toMatch(/^M20260610-001$/);
    expect(r.endDate).toBe('2027-06-09');
    const hit = core.vault.match({ name: '早川澄江', dob: 'S52.4.3' });
    expect(hit.decision).toBe('match');
    expect(hit.ids).toEqual([r.recordId]);
    // The lot index knows the typed address at once too (a new 本籍 on it is flagged).
    expect(core.vault.matchLot('神奈川県中郡二宮町中里3丁目8番1号')).toContain(r.recordId);
    expect((await core.vault.person(r.recordId)).state).toBe('仮支援措置');
    const added = core.audit.events.find((e) => e.action === 'record.added')!;
    expect(added.actors).toEqual([STAFF.lead1.staffId, STAFF.lead2.staffId]);
    expect(added.targets?.[0]).toEqual({ recordId: r.recordId });
    expect(added.detail).toMatchObject({ manual: true, reason: 'counter-application' });
    for (const v of ['早川', 'ハヤカワ', '1977', '中里', '9100000001']) expect(core.audit.text()).not.toContain(v);
    expect((await core.vault.status()).persons).toBe(151);
  });

  it('the same person cannot propose and confirm; a clerk cannot do either; a wrong PIN is not accepted — the list does not change', async () => {
    const p = await entries.propose({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' }, pin(STAFF.lead1));
    if (!p.ok) throw new Error('refused');
    const { proposalId, changeHash } = p.proposal;
    await expect(entries.confirm({ proposalId, changeHash, confirmer: pin(STAFF.lead1) })).rejects.toMatchObject({ code: 'E_LIST_ENTRY_SAME_PERSON' });
    await expect(entries.confirm({ proposalId, changeHash, confirmer: pin(STAFF.clerk1) })).rejects.toMatchObject({ code: 'E_LIST_ENTRY_ROLE' });
    await expect(entries.confirm({ proposalId, changeHash, confirmer: { staffId: STAFF.lead2.staffId, pin: '000000' } })).rejects.toMatchObject({ code: expect.stringMatching(/^E_PIN/) });
    await expect(entries.propose({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' }, pin(STAFF.clerk1))).rejects.toMatchObject({ code: 'E_LIST_ENTRY_ROLE' });
    expect(core.vault.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).decision).toBe('none');
    expect(core.audit.actions()).not.toContain('record.added');
    expect(core.audit.actions().filter((a) => a === 'record.change_refused').length).toBeGreaterThanOrEqual(3);
  });

  it('a confirmation of another change than the one proposed is refused (the hash binds it)', async () => {
    const p = await entries.propose({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' }, pin(STAFF.lead1));
    if (!p.ok) throw new Error('refused');
    await expect(entries.confirm({ proposalId: p.proposal.proposalId, changeHash: 'f'.repeat(64), confirmer: pin(STAFF.lead2) })).rejects.toMatchObject({ code: 'E_LIST_ENTRY_CHANGED' });
    expect((await core.vault.status()).persons).toBe(150);
  });

  it('a proposal made against a list that has changed since is refused (another hand entry in between)', async () => {
    const a = await entries.propose({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' }, pin(STAFF.lead1));
    const b = await entries.propose({ kind: 'add', fields: { ...NEW_PERSON, id: 'M-B', atenaNo: '9100000002', name: '別所　一' }, reason: 'counter-application' }, pin(STAFF.lead1));
    if (!a.ok || !b.ok) throw new Error('refused');
    await entries.confirm({ proposalId: a.proposal.proposalId, changeHash: a.proposal.changeHash, confirmer: pin(STAFF.lead2) });
    await expect(entries.confirm({ proposalId: b.proposal.proposalId, changeHash: b.proposal.changeHash, confirmer: pin(STAFF.lead2) })).rejects.toMatchObject({ code: 'E_IMPORT_PLAN_CHANGED' });
  });

  it('every bad input is refused with a Japanese message naming the field, never the value', async () => {
    const r = await entries.propose({ kind: 'add', fields: { name: '', dob: '大正20年1月1日', address: '', startDate: '2026-13-01', atenaNo: 'ABC' }, reason: 'counter-application' }, pin(STAFF.lead1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('E_LIST_ENTRY_INVALID');
    const byField = Object.fromEntries(r.problems.map((x) => [x.field, x.ja]));
    expect(byField['氏名']).toBe('「氏名」：必須項目が空です。');
    expect(byField['住所']).toMatch(/^「住所」：必須項目が空です。$/);
    expect(byField['生年月日']).toMatch(/和暦の年が元号の期間外です/);
    expect(byField['開始日']).toMatch(/存在しない日付/);
    expect(byField['宛名番号']).toMatch(/数字のみ/);
    expect(JSON.stringify(r.problems)).not.toContain('大正20');
    const noReason = await entries.propose({ kind: 'add', fields: NEW_PERSON, reason: '' }, pin(STAFF.lead1));
    expect(noReason.ok === false && noReason.error.code).toBe('E_LIST_ENTRY_REASON');
    const twice = await entries.propose({ kind: 'add', fields: { ...NEW_PERSON, id: 'D0001' }, reason: 'counter-application' }, pin(STAFF.lead1));
    expect(twice.ok === false && twice.error.code).toBe('E_LIST_ENTRY_EXISTS');
    const sameAtena = await entries.propose({ kind: 'add', fields: { ...NEW_PERSON, atenaNo: '6202712748' }, reason: 'counter-application' }, pin(STAFF.lead1));
    expect(sameAtena.ok === false && sameAtena.error.code).toBe('E_LIST_ENTRY_ATENA_EXISTS');
    const nobody = await entries.propose({ kind: 'end', id: 'D9999', reason: 'withdrawn' }, pin(STAFF.lead1));
    expect(nobody.ok === false && nobody.error.code).toBe('E_LIST_ENTRY_NOT_FOUND');
  });

  it('a hand entry survives a restart: the reopened vault matches them', async () => {
    const r = await twoPeople({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    await core.close();
    const vault = await Vault.open({ dataDir: core.dataDir, clock: sampleListClock }, core.protector);
    try {
      expect(vault.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).ids).toEqual([r.recordId]);
      await vault.verifyFull({ recoveryKey: core.recoveryKey });
    } finally {
      await vault.close();
    }
    core = await createTestCore({ clock: sampleListClock });
  });
});

describe('edit, extension and early end', () => {
  it('an edit of body fields keeps the sealed address; the edited name is matched at once and the old one no longer', async () => {
    const r = await twoPeople({ kind: 'edit', id: 'D0001', fields: { name: '伊藤　葵' }, reason: 'correction' });
    expect(r.proposal.fields).toEqual(['name']);
    expect(core.vault.match({ name: '伊藤葵', dob: '1970-02-05' }).ids).toContain('D0001');
    expect(await core.vault.openSealed('D0001', 'address', { recoveryKey: core.recoveryKey })).toBe('神奈川県中郡二宮町富士見が丘5丁目5番2号');
    const edited = core.audit.events.find((e) => e.action === 'record.edited')!;
    expect(edited.targets).toEqual([{ recordId: 'D0001' }, { field: 'name' }]);
  });

  it('an edit that types the address again re-seals it, and the lot index follows', async () => {
    await twoPeople({ kind: 'edit', id: 'D0001', fields: { address: '神奈川県中郡二宮町二宮1丁目1番1号' }, reason: 'correction' });
    expect(await core.vault.openSealed('D0001', 'address', { recoveryKey: core.recoveryKey })).toBe('神奈川県中郡二宮町二宮1丁目1番1号');
    expect(core.vault.matchLot('神奈川県中郡二宮町二宮1丁目1番1号')).toContain('D0001');
    expect(core.vault.matchLot('神奈川県中郡二宮町富士見が丘5丁目5番2号')).not.toContain('D0001');
    await core.vault.verifyFull({ recoveryKey: core.recoveryKey });
  });

  it('an extension is refused more than a month before the end, and within the month adds one year from the day after', async () => {
    const early = await entries.propose({ kind: 'extend', id: 'D0002', reason: 'extension-applied' }, pin(STAFF.lead1));
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('E_LIST_EXTEND_TOO_EARLY');
      expect(early.error.ja).toContain('2026-07-14');
    }
    const r = await twoPeople({ kind: 'extend', id: 'D0001', reason: 'extension-applied' });
    expect(r.endDate).toBe('2027-06-16');
    expect((await core.vault.person('D0001')).endDate).toBe('2027-06-16');
    expect(core.audit.events.find((e) => e.action === 'record.extended')?.actors).toEqual([STAFF.lead1.staffId, STAFF.lead2.staffId]);
  });

  it('an early end takes the person off the list by a recorded two-person decision', async () => {
    await twoPeople({ kind: 'end', id: 'D0001', reason: 'withdrawn' });
    expect(core.vault.match({ name: '伊藤蒼', dob: '1970-02-05' }).ids).not.toContain('D0001');
    const ended = core.audit.events.find((e) => e.action === 'record.ended')!;
    expect(ended).toMatchObject({ actors: [STAFF.lead1.staffId, STAFF.lead2.staffId], targets: [{ recordId: 'D0001' }], detail: { reason: 'withdrawn' } });
  });
});

describe('the next import meets the hand entries (never silently)', () => {
  it('an import that does not carry a hand entry keeps it — not a removal — and says so in the plan', async () => {
    const r = await twoPeople({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    const plan = await core.vault.dryRun(Buffer.from(sample, 'utf8'));
    expect(plan.ok && plan.summary).toMatchObject({ removed: [], manual: { kept: [r.recordId], takenOver: [], endedReturning: [] } });
    const done = await core.vault.commit(Buffer.from(sample, 'utf8'));
    expect(done.ok).toBe(true);
    expect(core.vault.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).ids).toEqual([r.recordId]);
    expect(core.vault.matchLot(NEW_PERSON.address)).toContain(r.recordId);
    expect((await core.vault.status()).persons).toBe(151);
    await core.vault.verifyFull({ recoveryKey: core.recoveryKey });
  });

  it('the 住基 row with the same 宛名番号 takes a hand entry over under its own 管理番号; no removal, no second entry', async () => {
    const r = await twoPeople({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    const row = `J0500,${NEW_PERSON.atenaNo},早川　澄江,ハヤカワ　スミエ,,1977-04-03,女,${NEW_PERSON.address},,,DV,本措置,2026-06-10,2027-06-09,,,,,,,`;
    const file = csv([...lines.filter((l) => l !== ''), row]);
    const plan = await core.vault.dryRun(file);
    expect(plan.ok && plan.summary).toMatchObject({ removed: [], shortened: [], manual: { takenOver: [r.recordId] } });
    expect((await core.vault.commit(file)).ok).toBe(true);
    expect(core.vault.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).ids).toEqual(['J0500']);
    expect((await core.vault.status()).persons).toBe(151);
  });

  it('an import whose row ends earlier than a hand extension is a shortened period: refused without two people', async () => {
    await twoPeople({ kind: 'extend', id: 'D0001', reason: 'extension-applied' });
    const plan = await core.vault.dryRun(Buffer.from(sample, 'utf8'));
    expect(plan.ok && plan.summary.shortened).toEqual([{ id: 'D0001', from: '2027-06-16', to: '2026-06-16' }]);
    const alone = await core.vault.commit(Buffer.from(sample, 'utf8'));
    expect(alone.ok === false && alone.error.code).toBe('E_IMPORT_CONFIRM_REQUIRED');
    expect((await core.vault.person('D0001')).endDate).toBe('2027-06-16');
  });

  it('a person ended by hand whom the file still carries comes back, and the plan lists it', async () => {
    await twoPeople({ kind: 'end', id: 'D0001', reason: 'withdrawn' });
    const plan = await core.vault.dryRun(Buffer.from(sample, 'utf8'));
    expect(plan.ok && plan.summary.manual.endedReturning).toEqual(['D0001']);
    expect((await core.vault.commit(Buffer.from(sample, 'utf8'))).ok).toBe(true);
    expect(core.vault.match({ name: '伊藤蒼', dob: '1970-02-05' }).ids).toContain('D0001');
  });
});
