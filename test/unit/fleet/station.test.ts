/**
 * The station through the IPC router (issues 18, 19): administrators create the repository and release a package
 * with their own PINs; three terminals pick it up and send segments; one is tampered, one goes silent. The station
 * names each terminal's problem, raises the chain-break notice, shows the overdue terminal, merges the month's review
 * (staff outliers across terminals, incidents and re-confirmations wherever they happened) and refuses the sign-off
 * while a terminal is overdue unless the lead records why. Roles are checked in main on every call.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ChainBreaks } from '../../../electron/core/audit';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import type { Actor } from '../../../electron/core/ports';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { fakeStaff } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';
import { noTimers, openStationChain, openStationRuntime, stationRouter, stationTestState } from './stationRouter';
import { makeFleet, SAMPLE, type Node } from './helpers';
import { fakedSystemClock } from '../../clock';

const START = new Date('2026-05-27T01:00:00Z');
const state = stationTestState(START);

const staff = {
  'L-0001': { pin: '482913', roles: ['lead' as const] },
  'L-0002': { pin: '482914', roles: ['lead' as const] },
  'C-0001': { pin: '582014', roles: ['clerk' as const] },
  'A-0001': { pin: '682015', roles: ['admin' as const] },
  'A-0002': { pin: '682016', roles: ['admin' as const] },
};
const auth = fakeStaff(staff);
const pinOf = (id: keyof typeof staff) => ({ staffId: id, pin: staff[id].pin });

async function lookups(t: Node, who: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await t.audit.append({ action: 'lookup.hit', actors: [who], targets: [{ recordId: `R${i}` }] });
}

describe('the station desk and the fleet review (issues 18, 19)', () => {
  it('three terminals, one tampered, one silent: named per terminal, overdue on the panel, the review merged, the sign-off guarded', async () => {
    const f = (state.fleet = await makeFleet(3));
    const drop = tempDir('cs-fleet-drop2-');
    const stationChain = (state.chain = await openStationChain(f));
    const station = await openStationRuntime(f, stationChain, auth);
    const who = { current: null as Actor | null };
    const call = stationRouter(station, who);

    // Roles, in main: nobody, a clerk, a lead (for an administrator's action).
    expect((await call('fleet:overview')).error?.code).toBe('E_FLEET_SESSION_REQUIRED');
    who.current = { staffId: 'A-0001', roles: ['admin'] };
    expect((await call('fleet:configure', { mode: 'station', dropDir: drop, first: pinOf('A-0001'), second: pinOf('A-0002') })).ok).toBe(true);
    who.current = { staffId: 'C-0001', roles: ['clerk'] };
    expect((await call('fleet:overview')).error?.code).toBe('E_FLEET_ROLE_REQUIRED');
    expect((await call('fleet:status')).value).toMatchObject({ mode: 'station', dropDir: null, withIds: false });
    who.current = { staffId: 'L-0001', roles: ['lead'] };
    expect((await call('fleet:stationCreate', { recoveryKey: f.key, admins: [pinOf('A-0001'), pinOf('A-0002')] })).error?.code).toBe('E_FLEET_ADMIN_REQUIRED');
    who.current = { staffId: 'A-0001', roles: ['admin'] };
    // A lead's PIN is not an administrator's signature.
    expect((await call('fleet:stationCreate', { recoveryKey: f.key, admins: [pinOf('A-0001'), pinOf('L-0001')] })).error?.code).toBe('E_FLEET_TWO_ADMINS');
    expect((await call('fleet:stationCreate', { recoveryKey: f.key, admins: [pinOf('A-0001'), pinOf('A-0002')] })).value).toMatchObject({ created: true, packageVersion: 0 });
    await f.stationVault.commit(SAMPLE);
    const rel = { recoveryKey: f.key, exportDate: '2026-05-26', contentHash: 'b'.repeat(64) };
    expect((await call('fleet:release', { ...rel, first: pinOf('A-0001'), second: pinOf('A-0001') })).error?.code).toBe('E_FLEET_TWO_ADMINS');
    expect((await call('fleet:release', { ...rel, first: pinOf('A-0001'), second: { staffId: 'A-0002', pin: '000000' } })).error?.code).toBe('E_FLEET_ADMIN_UNKNOWN');
    const persons = (await f.stationVault.status()).persons;
    expect((await call('fleet:release', { ...rel, first: pinOf('A-0001'), second: pinOf('A-0002') })).value).toEqual({ version: 1, persons });

    // Three terminals pick the release up from the new drop folder.
    const rts: FleetRuntime[] = [];
    for (const t of f.terminals) {
      const rt = await FleetRuntime.open({ vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit, auth, clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers: noTimers });
      await rt.configure({ first: pinOf('A-0001'), second: pinOf('A-0002') }, { mode: 'terminal', dropDir: drop, recoveryKey: f.key });
      await rt.start();
      expect(rt.view()).toMatchObject({ identity: { version: 1, exportDate: '2026-05-26', persons } });
      expect((await t.vault.status()).persons).toBe(persons);
      rts.push(rt);
    }
    const [t1, t2, t3] = f.terminals as [Node, Node, Node];
    // C-0009 looks up a lot on two PCs — an outlier on neither alone.
    await lookups(t1, 'C-0001', 2);
    await lookups(t1, 'C-0009', 15);
    await lookups(t2, 'C-0002', 2);
    await lookups(t2, 'C-0009', 15);
    await lookups(t3, 'C-0003', 2);
    await t2.audit.append({ action: 'incident.recorded', actors: ['L-0001'], targets: [{ recordId: 'INC-260527-AB12' }], detail: { improperPurpose: false } });
    await t3.audit.append({ action: 'review.reconfirmed', actors: ['C-0003'], detail: { month: '2026-05', rules: 5 } });
    for (const rt of rts) expect(await rt.writeSegmentNow()).toMatchObject({ written: true });
    who.current = { staffId: 'L-0001', roles: ['lead'] };
    const first = (await call('fleet:importSegments')).value.results as Array<{ terminal: string; ok: boolean }>;
    expect(first).toHaveLength(6);
    expect(first.every((r) => r.ok)).toBe(true);

    // Four days on: T1 sends, T2's segment is edited on the way, T3 stays silent.
    vi.setSystemTime(new Date(START.getTime() + 4 * 86_400_000));
    await lookups(t1, 'C-0001', 1);
    await lookups(t2, 'C-0002', 1);
    await rts[0]!.writeSegmentNow();
    await rts[1]!.writeSegmentNow();
    const segDir = join(drop, 'segments');
    const t2File = readdirSync(segDir).filter((n) => n.startsWith(`seg-${t2.id}-`)).sort((a, b) => Number(b.split('-')[3]) - Number(a.split('-')[3]))[0]!;
    const text = readFileSync(join(segDir, t2File), 'utf8');
    const edited = text.replace('"actors":"[\\"C-0002\\"]"', '"actors":"[\\"C-0005\\"]"');
    expect(edited).not.toBe(text);
    writeFileSync(join(segDir, t2File), edited);
    const second = (await call('fleet:importSegments')).value.results as Array<{ terminal: string; ok: boolean; problems: Array<{ kind: string; ja: string }> }>;
    expect(second.map((r) => [r.terminal, r.ok])).toEqual([[t1.id, true], [t2.id, false]]);
    expect(second[1]!.problems[0]).toMatchObject({ kind: 'edited' });
    expect(second[1]!.problems[0]!.ja).toContain(t2.id);
    // The chain-break notice at the station names the segment problem.
    const notice = await new ChainBreaks(stationChain, auth).brokenChainNotice();
    expect(notice?.breaks.map((b) => b.kind)).toContain('segment-edited');

    const ov = (await call('fleet:overview')).value as { overdue: Array<{ terminal: string }>; overdueDays: number; imports: Array<{ terminal: string; ok: boolean }> };
    expect(ov.overdueDays).toBe(3);
    expect(ov.overdue.map((o) => o.terminal)).toEqual([t2.id, t3.id]);
    expect(ov.imports.filter((i) => !i.ok).map((i) => i.terminal)).toEqual([t2.id]);

    // June: the May review of the whole fleet.
    vi.setSystemTime(new Date('2026-06-01T01:00:00Z'));
    const rep = (await call('fleet:review', { month: '2026-05' })).value;
    expect(rep.terminals.map((t: { terminal: string }) => t.terminal)).toEqual([t1.id, t2.id, t3.id]);
    expect(rep.total.counts.lookups).toBe(2 + 15 + 2 + 15 + 2 + 1);
    expect(rep.terminals.find((t: { terminal: string }) => t.terminal === t1.id).anomalies).toEqual([]);
    const c9 = rep.staff.find((s: { staffId: string }) => s.staffId === 'C-0009');
    expect(c9).toEqual({ staffId: 'C-0009', lookups: 30, outlier: true, terminals: [{ terminal: t1.id, lookups: 15 }, { terminal: t2.id, lookups: 15 }] });
    expect(rep.incidents).toEqual([expect.objectContaining({ terminal: t2.id, incidentId: 'INC-260527-AB12', by: 'L-0001' })]);
    expect(rep.reconfirmations).toEqual([expect.objectContaining({ staffId: 'C-0003', terminal: t3.id })]);
    expect(rep.coverage.map((c: { terminal: string; toSeq: number }) => c.terminal)).toEqual([t1.id, t2.id, t3.id]);
    expect(rep.overdue.map((o: { terminal: string }) => o.terminal)).toEqual(expect.arrayContaining([t2.id, t3.id]));

    const sign = { month: '2026-05', reportHash: rep.reportHash, lead: pinOf('L-0001'), second: pinOf('L-0002') };
    const refused = await call('fleet:signOff', sign);
    expect(refused.error?.code).toBe('E_FLEET_REVIEW_OVERDUE');
    expect(refused.error?.ja).toContain(t3.id);
    expect((await call('fleet:signOff', { ...sign, lead: pinOf('C-0001'), overdueReason: '支所の PC は修理中' })).error?.code).toBe('E_FLEET_LEAD_REQUIRED');
    expect((await call('fleet:signOff', { ...sign, overdueReason: '支所の PC は修理中（6月3日に回収）' })).value).toMatchObject({ lead: 'L-0001', second: 'L-0002' });
    const after = (await call('fleet:review', { month: '2026-05' })).value;
    expect(after.signOff).toMatchObject({ lead: 'L-0001', reason: '支所の PC は修理中（6月3日に回収）', coverage: rep.coverage });
    expect(after.signOff.overdue).toEqual(expect.arrayContaining([t3.id]));
    await stationChain.drain();
    const signed = await f.stationVault.database.all<{ detail: string; terminal: string }>("SELECT detail, terminal FROM audit_log WHERE action = 'fleet.review_signed'");
    expect(signed).toHaveLength(1);
    expect(signed[0]!.terminal).toBe('T-0000000a');
    expect(JSON.parse(signed[0]!.detail)).toMatchObject({ month: '2026-05', terminals: 3, reasonGiven: true });
    // The reason is the lead's own words: never in the audit log.
    expect(JSON.stringify(await f.stationVault.database.all('SELECT * FROM audit_log'))).not.toContain('修理中');
  }, 180_000);
});
