/**
 * The station's audit viewer (issue 19 "Where each entry happened"): through the router, the merged audit of the
 * station and its three terminals (one edited segment, one silent), filtered by 端末番号, with the terminal named in
 * the export's title, conditions and file name. Entries of a refused segment never appear.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import type { Actor } from '../../../electron/core/ports';
import { testPolicyContext } from '../../fakes/policy';
import { fleetFixture, TERMINALS, type FleetFixture } from '../../e2e/harness/fleetContext';

let fx: FleetFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});
const ORIGIN = 'app://countershield';

function routerOver(f: FleetFixture, who: { current: Actor | null }, saved: { name: string; content: string }[]) {
  const ctx = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'open', staffCount: () => 5, policy: testPolicyContext(),
    ...f.context,
    leads: { ...f.context.leads!, actor: async () => who.current, saveExport: async (content: string, name: string) => (saved.push({ name, content }), { location: `/exports/${name}` }) },
  } as AppContext;
  const r = createAppRouter(ctx, ORIGIN);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the router answers any channel; each assertion names the fields it reads
  type Answer = { ok: boolean; value?: any; error?: { code: string } };
  return async (channel: string, payload: unknown = {}) => (await r.dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, { channel, payload })) as Answer;
}

type Row = { terminal: string; seq: number; action: string; targets: { recordId?: string }[] };

describe('the merged audit at the station, by terminal', () => {
  it('shows every terminal\'s accepted entries, filters them by 端末番号, and names the terminal in the export', async () => {
    fx = await fleetFixture();
    const who = { current: { staffId: 'L0001', roles: ['lead'] } as Actor | null };
    const saved: { name: string; content: string }[] = [];
    const call = routerOver(fx, who, saved);

    const all = await call('audit:query', { limit: 5000 });
    expect(all.value.merged).toBe(true);
    expect(all.value.terminals).toEqual(expect.arrayContaining([...TERMINALS, 'T-5a7e0001']));
    const rows = all.value.rows as Row[];
    for (const t of TERMINALS) expect(rows.some((r) => r.terminal === t)).toBe(true);
    // The station's own chain is in the merged view too.
    expect(rows.some((r) => r.terminal === 'T-5a7e0001' && r.action === 'fleet.configured')).toBe(true);
    // The edited segment was refused: neither its original nor its edited 管理番号 reached the viewer.
    expect(rows.some((r) => r.targets.some((x) => x.recordId === 'D0098' || x.recordId === 'D0099'))).toBe(false);

    const t2 = await call('audit:query', { terminal: TERMINALS[1], limit: 5000 });
    const t2rows = t2.value.rows as Row[];
    expect(t2rows.length).toBe(rows.filter((r) => r.terminal === TERMINALS[1]).length);
    expect(t2rows.length).toBeGreaterThan(0);
    expect(new Set(t2rows.map((r) => r.terminal))).toEqual(new Set([TERMINALS[1]]));
    // Combined with the other filters: T2's refusals only (T1 and T3 had none; the fixture put them on T2).
    const refusals = (await call('audit:query', { terminal: TERMINALS[1], action: 'unmask.refused' })).value.rows as Row[];
    expect(refusals.length).toBe(4);
    expect((await call('audit:query', { terminal: TERMINALS[0], action: 'unmask.refused' })).value.rows).toEqual([]);
    // An id-shaped value only; anything else is refused before it reaches SQL.
    expect((await call('audit:query', { terminal: "T' OR 1=1 --" })).ok).toBe(false);

    const html = await call('audit:export', { format: 'html', filter: { terminal: TERMINALS[1] } });
    expect(html.value).toMatchObject({ rows: t2rows.length });
    expect(html.value.fileName).toMatch(new RegExp(`^監査記録_${TERMINALS[1]}_\\d{4}-\\d{2}-\\d{2}\\.html$`));
    const page = saved[0]!.content;
    expect(page).toContain(`<h1>窓口シールド 監査記録（端末番号 ${TERMINALS[1]}）</h1>`);
    expect(page).toContain(`条件：端末番号 ${TERMINALS[1]}`);
    for (const other of [TERMINALS[0], TERMINALS[2]]) expect(page).not.toContain(`<td>${other}</td>`);
    const csv = await call('audit:export', { format: 'csv', filter: { terminal: TERMINALS[1] } });
    expect(csv.value.fileName).toContain(`_${TERMINALS[1]}_`);
    const lines = saved[1]!.content.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(t2rows.length);
    expect(new Set(lines.map((l) => l.split(',')[2]))).toEqual(new Set([TERMINALS[1]]));
    // The whole fleet's export says so too.
    const whole = await call('audit:export', { format: 'html', filter: {} });
    expect(whole.value.fileName).toMatch(/^監査記録_全端末_/);
    expect(saved[2]!.content).toContain('<h1>窓口シールド 監査記録（全端末）</h1>');
    // Each export is audited, naming the terminal it covered.
    const exported = (await call('audit:query', { action: 'audit.exported', terminal: 'T-5a7e0001' })).value.rows as Row[];
    expect(exported.map((r) => r.targets[0]?.recordId ?? null).sort()).toEqual([TERMINALS[1], TERMINALS[1], null].sort());

    // A clerk sees none of it.
    who.current = { staffId: 'S0001', roles: ['clerk'] };
    expect((await call('audit:query', { terminal: TERMINALS[1] })).error?.code).toBe('E_LEADS_ROLE_REQUIRED');
  });
});
