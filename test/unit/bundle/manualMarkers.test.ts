/**
 * Issue 22: a hand entry stays a hand entry when the list travels by bundle. Before, the bundle carried the person as
 * an ordinary row, so at the receiving terminal the next 住基 CSV (which does not have a 仮支援措置 entered at the
 * counter today) listed them as a removal — one confirmation away from ending their protection — and a person ended
 * by hand came back without being named.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, pinSigner } from '../../../electron/core/bundle';
import { decodePayload } from '../../../electron/core/bundle/payload';
import { ManualEntryService, type EntryChange } from '../../../electron/core/list';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { manualMarkers } from '../../../electron/core/vault/manualEntries';
import { Vault } from '../../../electron/core/vault/vault';
import { createTestCore, SAMPLE_CSV, STAFF, type TestCore } from '../../fakes/core';
import { testClock } from '../../clock';
import { tempDir } from '../vault/helpers';

const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const sample = readFileSync(SAMPLE_CSV);
const NEW_PERSON = { name: '早川　澄江', kana: 'ハヤカワ　スミエ', dob: '昭和52年4月3日', address: '神奈川県中郡二宮町中里3丁目8番1号', startDate: '2026-06-10', atenaNo: '9100000001' };

let core: TestCore;
let b: Vault;

/** Terminal A (the test core) and terminal B, a second PC of the same vault restored before any hand entry. */
beforeEach(async () => {
  core = await createTestCore();
  await pinSigner(core.vault, core.recoveryKey);
  const backup = join(tempDir('cs-manual-bk-'), 'vault.csbackup');
  await writeBackup(core.vault, core.dataDir, backup, core.recoveryKey, testClock());
  const bDir = tempDir('cs-manual-b-');
  await restoreBackup({ dataDir: bDir }, backup, core.recoveryKey);
  b = await Vault.openWithRecovery({ dataDir: bDir, clock: testClock }, core.recoveryKey);
});
afterEach(async () => {
  await b.close();
  await core.close();
});

async function byHand(change: EntryChange): Promise<string> {
  const entries = new ManualEntryService({ vault: core.vault, audit: core.audit, auth: core.staff, clock: testClock });
  const p = await entries.propose(change, pin(STAFF.lead1));
  if (!p.ok) throw new Error(`proposal refused: ${p.error.code}`);
  return (await entries.confirm({ proposalId: p.proposal.proposalId, changeHash: p.proposal.changeHash, confirmer: pin(STAFF.lead2) })).recordId;
}

describe('hand entries in a list bundle (issue 22)', () => {
  it('a person added by hand at A is still a hand entry at B: B’s next CSV import keeps them instead of listing a removal', async () => {
    const id = await byHand({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    const { file } = await exportBundle(core.vault, core.recoveryKey, testClock());
    expect(await importBundle(b, file, { recoveryKey: core.recoveryKey })).toMatchObject({ ok: true, committed: true });
    expect((await manualMarkers(b.database)).get(id)).toBe('active');
    const plan = await b.dryRun(sample);
    expect(plan.ok && plan.summary).toMatchObject({ removed: [], manual: { kept: [id] } });
    expect((await b.commit(sample)).ok).toBe(true);
    expect(b.match({ name: NEW_PERSON.name, dob: '1977-04-03' }).ids).toEqual([id]);
  });

  it('a person ended by hand at A is named at B when a CSV brings them back', async () => {
    await byHand({ kind: 'end', id: 'D0001', reason: 'withdrawn' });
    const { file } = await exportBundle(core.vault, core.recoveryKey, testClock());
    expect(await importBundle(b, file, { recoveryKey: core.recoveryKey, confirmRemovals: true })).toMatchObject({ ok: true, committed: true });
    const plan = await b.dryRun(sample);
    expect(plan.ok && plan.summary.manual.endedReturning).toEqual(['D0001']);
  });

  it('carries 管理番号 and the marker only, and a payload with a malformed marker is refused as altered', async () => {
    const id = await byHand({ kind: 'add', fields: NEW_PERSON, reason: 'counter-application' });
    const exported = await core.vault.exportPersons({ recoveryKey: core.recoveryKey });
    const { encodePayload } = await import('../../../electron/core/bundle/payload');
    const payload = encodePayload(exported, new Map(), await manualMarkers(core.vault.database));
    const head = payload.subarray(0, payload.indexOf(0x0a)).toString('utf8');
    expect(JSON.parse(head).manual).toEqual([[id, 'active']]);
    expect(decodePayload(payload).manual).toEqual(new Map([[id, 'active']]));
    const bad = Buffer.from(head.replace('"active"', '"forever"') + '\n', 'utf8');
    expect(() => decodePayload(bad)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^E_BUNDLE/) }));
  });
});
