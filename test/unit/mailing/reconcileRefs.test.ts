/**
 * Issue 21, "results keep row numbers and codes only": a stored finding about a person here (a "missing there"
 * finding has no row in the other file) names them by an opaque reference, never by 管理番号, and only the
 * two-PIN reveal turns it back into one — still right after the list changed, and clear when the person is gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryFromPersons } from '../../../electron/core/mailing/listDirectory';
import { MemoryProbeCounters } from '../../../electron/core/mailing/probeStore';
import type { Role, StaffAuthenticator } from '../../../electron/core/ports';
import { guessReconcileMapping, ReconcileService, ReconcileStore } from '../../../electron/core/reconcile';
import * as aead from '../../../electron/core/vault/aead';
import { Vault } from '../../../electron/core/vault/vault';
// The sample list's periods are fixed around TEST_EPOCH: its clock, never the date matrix's pinned instant.
import { sampleListClock as testNow } from '../../clock';
import { scanBytes } from '../audit/personal';
import { tempDir } from '../vault/helpers';
import { fixture, jsonl, listPersons, MemoryAudit } from './helpers';

const STAFF: Record<string, { pin: string; roles: Role[] }> = { L1: { pin: '271828', roles: ['lead'] }, C1: { pin: '314159', roles: ['clerk'] } };
const auth: StaffAuthenticator = {
  async verifyPin(staffId, pin) {
    const s = STAFF[staffId];
    if (!s || s.pin !== pin) return { ok: false, error: { code: 'E_PIN_WRONG', ja: '暗証番号が違います。', en: 'Wrong PIN.' } };
    return { ok: true, actor: { staffId, roles: s.roles } };
  },
};
const PINS = { lead: { staffId: 'L1', pin: '271828' }, second: { staffId: 'C1', pin: '314159' } };
const MISSING_THERE = jsonl<{ recordId?: string; code: string }>('other-system.expected.jsonl').filter((e) => e.code === 'PROTECTED_NOT_SUPPRESSED').map((e) => e.recordId!);

async function setup() {
  let now = testNow().getTime();
  const clock = () => new Date(now);
  const dataDir = join(tempDir('cs-reconcile-ref-'), 'data');
  const { vault } = await Vault.create({ dataDir, clock });
  expect((await vault.commit(fixture('list.csv'))).ok).toBe(true);
  const audit = new MemoryAudit();
  const open = () => ReconcileStore.open({ db: vault.database, serviceKey: vault.serviceKey('reconcile-findings'), audit, auth, clock, roster: () => vault.roster() });
  const store = await open();
  const service = new ReconcileService({ directory: () => directoryFromPersons(listPersons()), roster: () => vault.roster(), store, clock, counters: new MemoryProbeCounters(audit, clock) });
  const bytes = fixture('other-system.csv');
  const run = await service.run({ staffId: 'L1', system: 'fuhyo', mapping: guessReconcileMapping(bytes), bytes });
  expect(run.ok).toBe(true);
  const stored = async () => {
    const rows = await vault.database.all<{ id: string; body: Buffer }>('SELECT id, body FROM reconcile_findings');
    return rows.map((r) => ({ id: r.id, plain: aead.open(vault.serviceKey('reconcile-findings'), r.body, `cs/v1|reconcile|${r.id}`) }));
  };
  return { vault, audit, store, open, stored, dataDir, setNow: (ms: number) => (now = ms) };
}

/** Every 管理番号, 宛名番号, name, reading, birth date and address (current and former) of the list. */
function needles(): string[] {
  return listPersons().flatMap((p) => [p.id, p.atenaNo, p.name, p.kana, p.dob, p.address, p.formerAddress, p.formerHonseki]).filter((v): v is string => Boolean(v));
}

const missingThere = async (store: ReconcileStore) => (await store.openFindings()).filter((f) => f.code === 'PROTECTED_NOT_SUPPRESSED');

describe('stored reconciliation findings keep row numbers and codes only', () => {
  it('a stored finding, even opened with its key, holds no 管理番号, name or address — nor does the database file', async () => {
    const { vault, stored, dataDir } = await setup();
    const bodies = await stored();
    expect(bodies.length).toBe(8);
    for (const b of bodies) {
      expect(scanBytes(b.plain, needles()), b.plain.toString('utf8')).toEqual([]);
      expect(b.plain.toString('utf8')).not.toMatch(/M\d{4}/);
    }
    await vault.close();
    const files = ['CURRENT'].map((f) => readFileSync(join(dataDir, f), 'utf8').trim());
    expect(scanBytes(readFileSync(join(dataDir, files[0]!)), listPersons().flatMap((p) => [p.name, p.address]))).toEqual([]);
  });

  it('the two-PIN reveal still names the right person for every "missing there" finding', async () => {
    const { vault, store, audit } = await setup();
    const revealed: string[] = [];
    for (const f of await missingThere(store)) {
      const r = await store.reveal({ findingId: f.id, ...PINS });
      expect(r.entry).toBe('active');
      revealed.push(r.recordId!);
      expect(audit.events.at(-1)).toMatchObject({ action: 'reconcile.revealed', targets: [{ recordId: r.recordId }] });
    }
    expect(revealed.sort()).toEqual([...MISSING_THERE].sort());
    await vault.close();
  });

  it('a person whose protection ended after the reconcile is still named, and the answer says it ended', async () => {
    const { vault, store, setNow } = await setup();
    const [f] = await missingThere(store);
    const end = (await vault.roster()).reduce((max, p) => (p.endDate > max ? p.endDate : max), '');
    setNow(Date.parse(`${end}T12:00:00+09:00`) + 2 * 86_400_000);
    const r = await store.reveal({ findingId: f!.id, ...PINS });
    expect(r).toMatchObject({ entry: 'ended' });
    expect(MISSING_THERE).toContain(r.recordId);
    await vault.close();
  });

  it('a person deleted from the list after the reconcile: a clear "gone", no 管理番号, no other person; still resolvable by two', async () => {
    const { vault, store, audit } = await setup();
    const before = new Map<string, string>();
    for (const f of await missingThere(store)) before.set(f.id, (await store.reveal({ findingId: f.id, ...PINS })).recordId!);
    const [gone] = [...before.values()];
    const csv = fixture('list.csv').toString('utf8').split('\n').filter((l) => !l.startsWith(`${gone},`)).join('\n');
    expect((await vault.commit(Buffer.from(csv, 'utf8'), { confirmRemovals: true })).ok).toBe(true);
    for (const [id, was] of before) {
      const r = await store.reveal({ findingId: id, ...PINS });
      if (was === gone) expect(r).toEqual({ recordId: null, entry: 'gone' });
      else expect(r).toEqual({ recordId: was, entry: 'active' });
    }
    const goneId = [...before].find(([, v]) => v === gone)![0];
    await store.resolve({ findingId: goneId, resolution: 'LIST_UPDATED', ...PINS });
    const last = audit.events.at(-1)!;
    expect(last).toMatchObject({ action: 'reconcile.resolved', detail: { entry: 'gone' } });
    expect(last.targets).toBeUndefined();
    await vault.close();
  });

  it('findings stored with a sealed 管理番号 before references are rewritten on open, and reveal the same person', async () => {
    const { vault, open, stored } = await setup();
    // Put one finding back the way the previous version stored it: the 管理番号 inside the sealed body.
    const key = vault.serviceKey('reconcile-findings');
    const [first] = await stored();
    const legacy = { system: 'fuhyo', code: 'PROTECTED_NOT_SUPPRESSED', row: 0, recordId: MISSING_THERE[0] };
    await vault.database.run('UPDATE reconcile_findings SET body = ? WHERE id = ?', [aead.seal(key, Buffer.from(JSON.stringify(legacy)), `cs/v1|reconcile|${first!.id}`), first!.id]);
    expect((await stored()).some((b) => b.plain.includes(MISSING_THERE[0]!))).toBe(true);
    const reopened = await open();
    for (const b of await stored()) expect(scanBytes(b.plain, needles())).toEqual([]);
    expect(await reopened.reveal({ findingId: first!.id, ...PINS })).toEqual({ recordId: MISSING_THERE[0], entry: 'active' });
    await vault.close();
  });
});
