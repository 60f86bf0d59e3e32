import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { createLeadServices, type LeadServices } from '../../../electron/core/leads';
import { fakeStaff, testPolicyContext } from '../../fakes/policy';
import { auditFixture, appendMany, tamper, type AuditFixture } from '../audit/helpers';

const ORIGIN = 'app://countershield';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
const staff = fakeStaff({ L0001: { pin: '482915', roles: ['lead'] }, S0001: { pin: '561827', roles: ['clerk'] } });

let fx: AuditFixture;
let services: LeadServices;
let saved: Array<{ content: string; fileName: string }>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
type Reply = { ok: boolean; value?: any; error?: { code: string } };
let call: (channel: string, payload: unknown) => Promise<Reply>;

beforeEach(async () => {
  fx = await auditFixture({ start: '2026-05-11T01:00:00Z' });
  services = await createLeadServices({ vault: fx.vault, dataDir: fx.dataDir, terminal: 'T01', clock: fx.clock.fn, auth: staff }, fx.chain);
  saved = [];
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
    vaultState: () => 'open', staffCount: () => 2, policy: testPolicyContext(),
    // Issue 14: these screens need a lead's live session; here a lead is logged in (the gate itself is tested in test/unit/oracles).
    leads: { services, saveExport: async (content, fileName) => (saved.push({ content, fileName }), { location: `/tmp/${fileName}` }), actor: async () => ({ staffId: 'L0001', roles: ['lead'] }) },
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = (channel, payload) => router.dispatch(sender, { channel, payload }) as never;
});
afterEach(async () => {
  await fx.close();
});

describe('lead channels', () => {
  it('query, export (file saved by main, export audited), verify and the overview', async () => {
    await appendMany(fx.chain, 8);
    const q = await call('audit:query', { recordId: 'D0003' });
    expect(q.ok).toBe(true);
    expect(q.value.rows.length).toBeGreaterThan(0);
    expect(q.value.rows.every((r: { targets: Array<{ recordId?: string }> }) => r.targets.some((t) => t.recordId === 'D0003'))).toBe(true);
    const byActor = await call('audit:query', { actor: 'L0001', action: 'unmask.approved', fromDay: '2026-05-11', toDay: '2026-05-11' });
    expect(byActor.value.rows).toHaveLength(2);
    const ex = await call('audit:export', { format: 'csv', filter: {} });
    expect(ex).toMatchObject({ ok: true, value: { rows: 8 } });
    expect(saved[0]!.content.startsWith('\uFEFF通し番号')).toBe(true);
    expect((await call('audit:verify', {})).value).toMatchObject({ ok: true, entries: 9 });
    expect((await call('leads:overview', {})).value).toMatchObject({ available: true, overdueReviews: [], brokenChain: null });
  });

  it('an export made before 09:00 JST is named after the counter\'s day, not the UTC date', async () => {
    await appendMany(fx.chain, 2);
    // 08:45 JST on 1 February is still 31 January in UTC.
    fx.clock.now = new Date('2027-02-01T08:45:00+09:00');
    const ex = await call('audit:export', { format: 'html', filter: {} });
    expect(ex.value.fileName).toBe('監査記録_2027-02-01.html');
    expect(saved[0]!.content).toContain('2027-02-01 08:45');
  });

  it('a broken chain appears in the overview until two people acknowledge it', async () => {
    await appendMany(fx.chain, 8);
    await tamper(fx.chain, 'DELETE FROM audit_log WHERE seq = 3');
    expect((await call('audit:verify', {})).value.problems[0]).toMatchObject({ kind: 'missing', seq: 3 });
    expect((await call('leads:overview', {})).value.brokenChain).toEqual({ breaks: 1, first: { kind: 'missing', seq: 3 } });
    const same = await call('audit:acknowledgeBroken', { first: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'L0001', pin: '482915' } });
    expect(same).toMatchObject({ ok: false, error: { code: 'E_AUDIT_TWO_PEOPLE' } });
    expect((await call('audit:acknowledgeBroken', { first: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'S0001', pin: '561827' } })).ok).toBe(true);
    expect((await call('leads:overview', {})).value.brokenChain).toBeNull();
  });

  it('an incident created over IPC counts down in the overview; a PIN in a bad shape is refused by the schema', async () => {
    const by = { staffId: 'L0001', pin: '482915' };
    const created = await call('incident:create', { discoveredAt: '2026-05-09T01:00:00Z', disclosedAt: '2026-05-08T01:00:00Z', what: '住所', toWhom: '親族', how: '口頭', improperPurpose: false, recordIds: ['D0001'], by });
    expect(created.ok).toBe(true);
    const o = await call('leads:overview', {});
    expect(o.value.incidentClocks[0]).toMatchObject({ incidentId: created.value.id, kind: 'sokuho', dayNumber: 3, state: 'warning' });
    expect((await call('incident:update', { kind: 'sokuho', id: created.value.id, by })).ok).toBe(true);
    expect((await call('incident:update', { kind: 'sokuho', id: created.value.id, by: { staffId: 'L0001', pin: 'abc' } }))).toMatchObject({ ok: false, error: { code: 'E_IPC_PAYLOAD' } });
  });
});
