import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { coreContext } from '../../../electron/ipc/coreContext';
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
  core = await createTestCore();
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

  it('sent nothing registered back to the renderer in any response', () => {
    const out = JSON.stringify(log);
    for (const p of listPersons()) for (const v of [p.name, p.dob, p.address, p.atenaNo!, p.formerAddress ?? '—']) expect(out.includes(v), v).toBe(false);
  });
});
