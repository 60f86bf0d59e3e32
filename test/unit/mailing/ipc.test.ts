import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { coreContext } from '../../../electron/ipc/coreContext';
import { sampleListClock } from '../../clock';
import { createTestCore, STAFF, type TestCore } from '../../fakes/core';
import { departmentsContext, MAILING_FIXTURES } from '../../fakes/departments';
import { testPolicyContext } from '../../fakes/policy';
import { KODOMO_MAPPING, listPersons } from './helpers';

const ORIGIN = 'app://countershield';
const MAIN_FRAME = { url: `${ORIGIN}/index.html`, isMainFrame: true };
type R = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

let core: TestCore;
let next: { name: string; bytes: Uint8Array } | null = null;
const saved: string[] = [];
let call: (channel: string, payload: unknown) => Promise<R>;
const log: unknown[] = [];

beforeAll(async () => {
  // The reconciliation compares with the sample list's fixed periods: its clock, never the matrix's pinned instant.
  core = await createTestCore({ clock: sampleListClock });
  const departments = await departmentsContext(core, { chooseFile: async () => next, saveReport: async (content, name) => (saved.push(content), { location: name }) });
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    policy: testPolicyContext(), ...coreContext(core), departments,
  };
  const router = createAppRouter(ctx, ORIGIN);
  call = async (channel, payload) => {
    const r = (await router.dispatch(MAIN_FRAME, { channel, payload })) as R;
    log.push(r);
    return r;
  };
}, 60_000);
afterAll(async () => core.close());

const login = (s: { staffId: string; pin: string }) => call('session:login', { staffId: s.staffId, pin: s.pin });
const logout = () => call('session:logout', {});

describe('mailing and reconciliation channels', () => {
  it('refuse anyone not logged in', async () => {
    await logout();
    expect((await call('mailing:choose', {})).error?.code).toBe('E_DEPARTMENTS_SESSION');
    expect((await call('reconcile:open', {})).error?.code).toBe('E_DEPARTMENTS_SESSION');
  });

  it('let only a lead or administrator save a mapping or see reconciliation findings', async () => {
    await login(STAFF.clerk1);
    expect((await call('mailing:saveMapping', { department: 'kodomo-teate', mapping: KODOMO_MAPPING })).error?.code).toBe('E_DEPARTMENTS_ROLE');
    expect((await call('reconcile:open', {})).error?.code).toBe('E_DEPARTMENTS_ROLE');
    await logout();
  });

  it('check a batch end to end: mapping by a lead, the check by a clerk, the report saved — codes and counts only', async () => {
    await login(STAFF.lead1);
    expect((await call('mailing:saveMapping', { department: 'kodomo-teate', mapping: KODOMO_MAPPING })).ok).toBe(true);
    await logout();
    await login(STAFF.clerk1);
    next = { name: 'batch.csv', bytes: readFileSync(join(MAILING_FIXTURES, 'batch.sjis.csv')) };
    const chosen = await call('mailing:choose', {});
    const token = (chosen.value!.file as { token: string }).token;
    const r = await call('mailing:check', { token, department: 'kodomo-teate' });
    expect(r.value).toMatchObject({ ok: true, encoding: 'cp932', summary: { rows: 19, stop: 5, review: 3, ok: 11 } });
    // The token is single use: the bytes are gone from main after the check.
    expect((await call('mailing:check', { token, department: 'kodomo-teate' })).error?.code).toBe('E_MAILING_NO_FILE');
    expect((await call('mailing:saveReport', {})).ok).toBe(true);
    expect(saved.at(-1)).toContain('RECIPIENT_AITEKATA');
    await logout();
    await login(STAFF.clerk2);
    expect((await call('mailing:saveReport', {})).error?.code).toBe('E_MAILING_NO_REPORT');
    await logout();
  });

  it('reconcile and resolve through the channels, with two PINs', async () => {
    await login(STAFF.lead1);
    next = { name: 'fuhyo.csv', bytes: readFileSync(join(MAILING_FIXTURES, 'other-system.csv')) };
    const chosen = (await call('reconcile:choose', {})).value!.file as { token: string; mapping: Record<string, string> };
    expect(chosen.mapping).toMatchObject({ atenaNo: '宛名番号', name: '氏名', dob: '生年月日', startDate: '制限開始日', endDate: '制限終了日' });
    const run = await call('reconcile:run', { token: chosen.token, system: 'fuhyo', mapping: chosen.mapping });
    expect(run.value).toMatchObject({ ok: true, counts: { red: 6 } });
    const open = (await call('reconcile:open', {})).value as { findings: { id: string; code: string }[] };
    const red = open.findings.find((f) => f.code === 'PROTECTED_NOT_SUPPRESSED')!;
    const bad = await call('reconcile:resolve', { findingId: red.id, resolution: 'SET_THERE', lead: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin } });
    expect(bad.error?.code).toBe('E_RECONCILE_TWO_PEOPLE');
    const good = await call('reconcile:resolve', { findingId: red.id, resolution: 'SET_THERE', reference: 'FH-1', lead: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.clerk1.staffId, pin: STAFF.clerk1.pin } });
    expect(good.value).toMatchObject({ red: 5 });
    expect((await call('reconcile:status', {})).value).toMatchObject({ available: true, red: 5 });
    await logout();
  });

  it('show a lead findings by number: no 管理番号 in any answer until a lead and a second person have entered their PINs', async () => {
    await login(STAFF.lead1);
    const before = log.length;
    const open = (await call('reconcile:open', {})).value as { findings: { id: string; code: string; aboutPerson: boolean }[] };
    const red = open.findings.find((f) => f.code === 'PROTECTED_NOT_SUPPRESSED' && f.aboutPerson)!;
    const alone = await call('reconcile:reveal', { findingId: red.id, lead: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin } });
    expect(alone.error?.code).toBe('E_RECONCILE_TWO_PEOPLE');
    const wrong = await call('reconcile:reveal', { findingId: red.id, lead: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.clerk1.staffId, pin: '999999' } });
    expect(wrong.ok).toBe(false);
    // Every answer so far in this file — the run, the panel, the refusals — carries no 管理番号.
    const ids = listPersons().map((p) => p.id);
    const sofar = JSON.stringify(log);
    for (const id of ids) expect(sofar.includes(id), id).toBe(false);
    const both = await call('reconcile:reveal', { findingId: red.id, lead: { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin }, second: { staffId: STAFF.clerk1.staffId, pin: STAFF.clerk1.pin } });
    expect(ids).toContain((both.value as { recordId: string }).recordId);
    expect(both.value).toMatchObject({ entry: 'active' });
    log.splice(before);
    await logout();
  });

  it('report rows done of rows in the file while a long batch is checked, ending at the total', async () => {
    await login(STAFF.clerk2);
    const rows = Array.from({ length: 2000 }, (_, i) => `今井　蓮${i},,1980-01-01,架空市本町${i}丁目1番1号,,`);
    next = { name: 'long.csv', bytes: new TextEncoder().encode(['宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日', ...rows].join('\n')) };
    const token = ((await call('mailing:choose', {})).value!.file as { token: string }).token;
    let finished = false;
    const check = call('mailing:check', { token, department: 'kodomo-teate' }).finally(() => (finished = true));
    const seen: { running: boolean; done: number; total: number }[] = [];
    while (!finished) {
      // The screen's polls arrive as separate IPC messages (macrotasks), not as one microtask chain.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const p = await call('mailing:progress', {});
      seen.push(p.value as { running: boolean; done: number; total: number });
    }
    expect((await check).value).toMatchObject({ ok: true, summary: { rows: 2000 } });
    expect(seen.some((p) => p.running && p.total === 2000 && p.done > 0 && p.done < 2000)).toBe(true);
    expect((await call('mailing:progress', {})).value).toEqual({ running: false, phase: 'mailing', done: 2000, total: 2000 });
    await logout();
  });

  it('sent nothing registered back to the renderer in any response', () => {
    const out = JSON.stringify(log);
    for (const p of listPersons()) for (const v of [p.name, p.dob, p.address, p.atenaNo!, p.formerAddress ?? '—']) expect(out.includes(v), v).toBe(false);
  });
});
