import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryFromPersons } from '../../../electron/core/mailing/listDirectory';
import { MemoryProbeCounters } from '../../../electron/core/mailing/probeStore';
import type { Role, StaffAuthenticator } from '../../../electron/core/ports';
import { guessReconcileMapping, RECONCILE_CODES, ReconcileService, ReconcileStore, type ReconcileCode } from '../../../electron/core/reconcile';
import { Vault } from '../../../electron/core/vault/vault';
// The sample list's periods are fixed around TEST_EPOCH: its clock, never the date matrix's pinned instant.
import { sampleListClock as testNow } from '../../clock';
import { tempDir } from '../vault/helpers';
import { fixture, jsonl, listPersons, MemoryAudit, utf8 } from './helpers';

const STAFF: Record<string, { pin: string; roles: Role[] }> = {
  L1: { pin: '271828', roles: ['lead'] }, C1: { pin: '314159', roles: ['clerk'] }, C2: { pin: '161803', roles: ['clerk'] },
};
const auth: StaffAuthenticator = {
  async verifyPin(staffId, pin) {
    const s = STAFF[staffId];
    if (!s || s.pin !== pin) return { ok: false, error: { code: 'E_PIN_WRONG', ja: '暗証番号が違います。', en: 'Wrong PIN.' } };
    return { ok: true, actor: { staffId, roles: s.roles } };
  },
};

async function setup(clock = testNow) {
  const dataDir = join(tempDir('cs-reconcile-'), 'data');
  const { vault } = await Vault.create({ dataDir, clock });
  expect((await vault.commit(fixture('list.csv'))).ok).toBe(true);
  const audit = new MemoryAudit();
  const store = await ReconcileStore.open({ db: vault.database, serviceKey: vault.serviceKey('reconcile-findings'), audit, auth, clock, roster: () => vault.roster() });
  const persons = listPersons();
  const dir = directoryFromPersons(persons);
  const service = new ReconcileService({ directory: () => dir, roster: () => vault.roster(), store, clock, counters: new MemoryProbeCounters(audit, clock) });
  return { vault, audit, store, service };
}

describe('reconciling with the 附票 system (Shift_JIS, 宛名番号 or name + birth date)', () => {
  it('finds every expected finding: missing there (red), period not covered (red), unknown here, unreadable', async () => {
    const { service, vault } = await setup();
    const bytes = fixture('other-system.csv');
    const r = await service.run({ staffId: 'L1', system: 'fuhyo', mapping: guessReconcileMapping(bytes), bytes });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.encoding).toBe('cp932');
    const expected = jsonl<{ row?: number; recordId?: string; code: ReconcileCode }>('other-system.expected.jsonl');
    const got = r.comparison.findings.map((f) => (f.row > 0 ? { row: f.row, code: f.code } : { recordId: f.recordId, code: f.code }));
    expect(got.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(r.comparison.counts).toMatchObject({ rows: 10, matched: 8, red: 6, review: 2 });
    await vault.close();
  });

  it('answers a run with codes and row numbers only — no name, birth date or number from either side', async () => {
    const { service, vault, audit } = await setup();
    const bytes = fixture('other-system.csv');
    const r = await service.run({ staffId: 'L1', system: 'fuhyo', mapping: guessReconcileMapping(bytes), bytes });
    const out = JSON.stringify([r, audit.events]);
    for (const p of listPersons()) for (const v of [p.name, p.dob, p.atenaNo!, p.address]) expect(out.includes(v), v).toBe(false);
    expect(audit.events.map((e) => e.action)).toEqual(['reconcile.imported']);
    await vault.close();
  });

  it('compares the address the other system holds: the 前住所 there is STALE_ADDRESS', async () => {
    const { service, vault } = await setup();
    const m4 = listPersons().find((p) => p.id === 'M0004')!;
    const bytes = utf8(`宛名番号,住所\n${m4.atenaNo},${m4.formerAddress}\n`);
    const r = await service.run({ staffId: 'L1', system: 'zeimu', mapping: { atenaNo: '宛名番号', address: '住所' }, bytes });
    if (!r.ok) throw new Error('refused');
    expect(r.comparison.findings.find((f) => f.row === 2)).toMatchObject({ code: 'STALE_ADDRESS', recordId: 'M0004' });
    await vault.close();
  });

  it('refuses a file it cannot identify anyone in, and an unknown system, in Japanese', async () => {
    const { service, vault } = await setup();
    const a = await service.run({ staffId: 'L1', system: 'fuhyo', mapping: { name: '氏名' }, bytes: utf8('氏名\nA\n') });
    const b = await service.run({ staffId: 'L1', system: 'unknown', mapping: { atenaNo: '宛名番号' }, bytes: utf8('宛名番号\n1\n') });
    expect(a.ok ? 'ok' : a.error.code).toBe('E_RECONCILE_MAPPING');
    expect(b.ok ? 'ok' : b.error.ja).toMatch(/システム/);
    await vault.close();
  });
});

describe('findings stay red until two people resolve them', () => {
  async function withFindings(clock = testNow) {
    const s = await setup(clock);
    const bytes = fixture('other-system.csv');
    await s.service.run({ staffId: 'L1', system: 'fuhyo', mapping: guessReconcileMapping(bytes), bytes });
    const red = (await s.store.openFindings()).find((f) => f.code === 'PROTECTED_NOT_SUPPRESSED')!;
    return { ...s, red };
  }

  it('counts red findings on the panel and does not add them twice when the same file is run again', async () => {
    const { service, store, vault } = await withFindings();
    expect(await store.status()).toMatchObject({ red: 6, review: 2 });
    const bytes = fixture('other-system.csv');
    const again = await service.run({ staffId: 'L1', system: 'fuhyo', mapping: guessReconcileMapping(bytes), bytes });
    expect(again.ok && again.added).toBe(0);
    expect((await store.status()).red).toBe(6);
    await vault.close();
  });

  it('reminds (overdue) when a red finding is left open three days', async () => {
    let now = testNow().getTime();
    const { store, vault } = await withFindings(() => new Date(now));
    expect((await store.status()).overdue).toBe(0);
    now += 3 * 86_400_000 + 1;
    expect((await store.status()).overdue).toBe(6);
    await vault.close();
  });

  it('refuses one person alone, a wrong PIN, and a first person who is not a lead — each audited, the finding still red', async () => {
    const { store, red, audit, vault } = await withFindings();
    const base = { findingId: red.id, resolution: 'SET_THERE' };
    await expect(store.resolve({ ...base, lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'L1', pin: '271828' } })).rejects.toMatchObject({ code: 'E_RECONCILE_TWO_PEOPLE' });
    await expect(store.resolve({ ...base, lead: { staffId: 'L1', pin: '000000' }, second: { staffId: 'C1', pin: '314159' } })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    await expect(store.resolve({ ...base, lead: { staffId: 'C1', pin: '314159' }, second: { staffId: 'C2', pin: '161803' } })).rejects.toMatchObject({ code: 'E_RECONCILE_LEAD' });
    expect(audit.events.filter((e) => e.action === 'reconcile.resolve_refused')).toHaveLength(3);
    expect((await store.status()).red).toBe(6);
    await vault.close();
  });

  it('resolves with a lead and a second person who name what was done, audited with both and the 管理番号', async () => {
    const { store, red, audit, vault } = await withFindings();
    await store.resolve({ findingId: red.id, resolution: 'SET_THERE', reference: 'FH-2026-0042', lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '314159' } });
    expect((await store.status()).red).toBe(5);
    expect(audit.events.at(-1)).toMatchObject({ action: 'reconcile.resolved', actors: ['L1', 'C1'], targets: [{ recordId: expect.stringMatching(/^M\d{4}$/) }], detail: { code: 'PROTECTED_NOT_SUPPRESSED', resolution: 'SET_THERE' } });
    await expect(store.resolve({ findingId: red.id, resolution: 'SET_THERE', lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '314159' } })).rejects.toMatchObject({ code: 'E_RECONCILE_NOT_FOUND' });
    await vault.close();
  });

  it('lists findings by number only; the 管理番号 comes out only after a lead and a second person enter their PINs, audited', async () => {
    const { store, red, audit, vault } = await withFindings();
    const open = await store.openFindings();
    expect(JSON.stringify(open)).not.toMatch(/M\d{4}/);
    expect(red).toMatchObject({ aboutPerson: true, row: 0 });
    await expect(store.reveal({ findingId: red.id, lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'L1', pin: '271828' } })).rejects.toMatchObject({ code: 'E_RECONCILE_TWO_PEOPLE' });
    await expect(store.reveal({ findingId: red.id, lead: { staffId: 'C1', pin: '314159' }, second: { staffId: 'C2', pin: '161803' } })).rejects.toMatchObject({ code: 'E_RECONCILE_LEAD' });
    await expect(store.reveal({ findingId: red.id, lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '000000' } })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(audit.events.some((e) => e.action === 'reconcile.revealed')).toBe(false);
    const { recordId } = await store.reveal({ findingId: red.id, lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '314159' } });
    expect(recordId).toMatch(/^M\d{4}$/);
    expect(audit.events.at(-1)).toMatchObject({ action: 'reconcile.revealed', actors: ['L1', 'C1'], targets: [{ recordId }] });
    await vault.close();
  });

  it('refuses a resolution that names nothing from the closed set, or a reference that could carry a name', async () => {
    const { store, red, vault } = await withFindings();
    const pins = { lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '314159' } };
    await expect(store.resolve({ findingId: red.id, resolution: 'done', ...pins })).rejects.toMatchObject({ code: 'E_RECONCILE_RESOLUTION' });
    await expect(store.resolve({ findingId: red.id, resolution: 'SET_THERE', reference: '今井さんに設定', ...pins })).rejects.toMatchObject({ code: 'E_RECONCILE_RESOLUTION' });
    await vault.close();
  });

  it('names every code with a Japanese explanation', () => {
    for (const c of Object.values(RECONCILE_CODES)) expect(c.ja).toMatch(/[ぁ-ん]/);
  });
});
