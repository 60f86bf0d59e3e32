/**
 * Incidents fleet-wide (issue 19): an incident a lead records on a terminal reaches the station through that
 * terminal's verified audit entries, and the station's start screen counts its 個人情報保護法 report clock down, named
 * with the terminal. The record's text never travels — only its id, the 不正の目的 flag and when the town became aware.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fleetIncidentClocks } from '../../../electron/core/fleet/fleetIncidents';
import { STATION_MIGRATIONS } from '../../../electron/core/fleet/stationDesk';
import { createLeadServices } from '../../../electron/core/leads';
import type { Actor } from '../../../electron/core/ports';
import { migrateSubsystem } from '../../../electron/core/vault/schema';
import { Vault } from '../../../electron/core/vault/vault';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { fakeStaff, testPolicyContext } from '../../fakes/policy';
import { fleetFixture, TERMINALS, type FleetFixture } from '../../e2e/harness/fleetContext';
import { tempDir } from '../vault/helpers';
import { jstMonth } from '../../../electron/core/audit/time';
import { testNow } from '../../clock';

const DAY = 86_400_000;
let fx: FleetFixture | null = null;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c().catch(() => undefined);
  await fx?.close();
  fx = null;
});

describe('incidents recorded on a terminal, at the station', () => {
  it('the clock runs from when the town became aware, and a filed 速報 stops it — from the entries alone', async () => {
    const aware = new Date('2026-05-11T01:00:00Z');
    let now = new Date(aware.getTime() + 2 * DAY);
    const clock = () => now;
    const dir = tempDir('cs-fleet-inc-');
    const { vault } = await Vault.create({ dataDir: dir, clock });
    const auth = fakeStaff({ L0001: { pin: '482915', roles: ['lead'] } });
    const t = await createLeadServices({ vault, dataDir: dir, terminal: 'T-1a2b3c09', clock, auth, listStaff: async () => ['L0001'] });
    closers.push(() => t.close(), () => vault.close());
    const lead = { staffId: 'L0001', pin: '482915' };
    const inc = await t.incidents.create({ discoveredAt: aware.toISOString(), disclosedAt: aware.toISOString(), what: '住所を口頭で伝えた', toWhom: '来庁者', how: '口頭', improperPurpose: true, recordIds: ['D0003'] }, lead);
    await t.chain.drain();
    // What the station's desk keeps of this terminal's accepted segment (stationDesk.ts), copied as it would be.
    const db = vault.database;
    await migrateSubsystem(db, 'fleet-station', STATION_MIGRATIONS);
    const copy = () => db.run("INSERT OR IGNORE INTO fleet_entries (terminal, seq, at, actors, action, targets, detail) SELECT 'T-1a2b3c09', seq, at, actors, action, targets, detail FROM audit_log");
    await copy();
    const recorded = await db.get<{ detail: string }>("SELECT detail FROM fleet_entries WHERE action = 'incident.recorded'");
    expect(JSON.parse(recorded!.detail)).toEqual({ improperPurpose: true, discoveredAt: aware.toISOString() });
    expect(recorded!.detail).not.toContain('住所');

    const clocks = await fleetIncidentClocks(db, now);
    expect(clocks.map((c) => [c.incidentId, c.terminal, c.kind, c.state, c.dayNumber, c.approximate])).toEqual([
      [inc.id, 'T-1a2b3c09', 'sokuho', 'warning', 3, false],
      [inc.id, 'T-1a2b3c09', 'kakuho', 'ok', 3, false],
    ]);
    // 不正の目的: the 確報 is due 60 days after awareness, as on the terminal itself.
    expect(clocks[1]!.dueAt).toBe(new Date(aware.getTime() + 60 * DAY).toISOString());
    now = new Date(aware.getTime() + 4 * DAY);
    await t.incidents.markReported(inc.id, 'sokuho', lead);
    await t.chain.drain();
    await copy();
    expect((await fleetIncidentClocks(db, now)).map((c) => c.kind)).toEqual(['kakuho']);
    // The station's own incidents are counted by its own records, not twice.
    expect(await fleetIncidentClocks(db, now, new Set([inc.id]))).toEqual([]);
  });

  it('the station\'s start screen shows a terminal\'s incident clock with its 端末番号 (ids for a lead only), and counts a re-confirmation done on a terminal', async () => {
    fx = await fleetFixture();
    const who = { current: { staffId: 'L0001', roles: ['lead'] } as Actor | null };
    const ctx = {
      version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
      locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
      vaultState: () => 'open', staffCount: () => 5, policy: testPolicyContext(),
      ...fx.context, leads: { ...fx.context.leads!, actor: async () => who.current },
    } as AppContext;
    const r = createAppRouter(ctx, 'app://countershield');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each assertion names the fields it reads
    const overview = async () => ((await r.dispatch({ url: 'app://countershield/index.html', isMainFrame: true }, { channel: 'leads:overview', payload: {} })) as { value: any }).value;
    const lead = await overview();
    // T2's incident (the fixture's entry predates discoveredAt, so its clock starts at the entry's own time).
    expect(lead.incidentClocks).toEqual(expect.arrayContaining([expect.objectContaining({ incidentId: 'INC-260514-K7QX', terminal: TERMINALS[1], kind: 'sokuho', state: 'overdue', approximate: true })]));
    // A re-confirmation of this month done on T3 (as the desk keeps an accepted segment's entry) counts here too.
    const month = jstMonth(testNow());
    expect(lead.reconfirmationsDue).toContain('S0002');
    await fx.station.chain.db.run("INSERT INTO fleet_entries (terminal, seq, at, actors, action, targets, detail) VALUES (?, 9999, ?, '[\"S0002\"]', 'review.reconfirmed', '[]', ?)", [TERMINALS[2], testNow().toISOString(), JSON.stringify({ month, rules: 5 })]);
    const after = await overview();
    expect(after.reconfirmationsDue).not.toContain('S0002');
    expect(after.reconfirmationsDueCount).toBe((lead.reconfirmationsDue as string[]).length - 1);
    who.current = { staffId: 'S0001', roles: ['clerk'] };
    const clerk = await overview();
    expect(clerk.incidentClocks.length).toBe(lead.incidentClocks.length);
    for (const c of clerk.incidentClocks as object[]) expect(Object.keys(c)).not.toEqual(expect.arrayContaining(['incidentId']));
    expect(JSON.stringify(clerk)).not.toContain(TERMINALS[1]);
  });
});
