/**
 * Issue 14: the per-staff lookup budget is per terminal — offline PCs cannot share a live counter — so a clerk who
 * walks to the next PC gets a second hour of birth-date tries there. Each terminal's CaseService writes every counted
 * try into its chain (`case.lookup_counted`); the station merges the segments and its review names the staff member
 * whose tries across terminals passed the hourly budget, though each terminal alone stayed under it.
 */
import { describe, expect, it, vi } from 'vitest';
import { positionOf } from '../../../electron/core/audit/binding';
import { CaseService } from '../../../electron/core/cases/caseService';
import { LookupStore } from '../../../electron/core/cases/lookupStore';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import type { Actor } from '../../../electron/core/ports';
import { DEFAULT_CAMERA_POLICY, LOOKUP_LIMITS } from '../../../shared/policy/cameraPolicy';
import { fakeStaff } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';
import { noTimers, openStationChain, openStationRuntime, stationRouter, stationTestState } from './stationRouter';
import { makeFleet, SAMPLE, type Node } from './helpers';
import { fakedSystemClock, fakedSystemNowMs } from '../../clock';

const START = new Date('2026-05-27T01:00:00Z');
const state = stationTestState(START);

const staff = {
  'L-0001': { pin: '482913', roles: ['lead' as const] },
  'C-0009': { pin: '582019', roles: ['clerk' as const] },
  'C-0001': { pin: '582014', roles: ['clerk' as const] },
  'A-0001': { pin: '682015', roles: ['admin' as const] },
  'A-0002': { pin: '682016', roles: ['admin' as const] },
};
const auth = fakeStaff(staff);
const pinOf = (id: keyof typeof staff) => ({ staffId: id, pin: staff[id].pin });

/** `tries` birth dates on a name with candidates, four per case (the per-case limit), at this terminal's counter. */
async function dateTries(t: Node, clerk: string, tries: number): Promise<string[]> {
  const store = await LookupStore.open(t.vault.database, t.vault.serviceKey('lookup-counts'), positionOf(t.audit));
  const cases = new CaseService({ lookup: () => t.vault, audit: t.audit, auth, clock: fakedSystemClock, maskedFields: () => DEFAULT_CAMERA_POLICY.maskedFields, store });
  await cases.restore();
  const codes: string[] = [];
  for (let i = 0; i < tries; i += 4) {
    const c = await cases.open('juminhyo', clerk);
    for (let j = i; j < Math.min(i + 4, tries); j++) {
      vi.setSystemTime(new Date(fakedSystemNowMs() + 60_000));
      codes.push(await cases.updatePerson(c.caseId, c.persons[0]!.slot, { name: '伊藤　蒼', dob: `1971-0${1 + (j % 4)}-1${Math.floor(j / 4)}` }).then(() => 'ok', (e: { code: string }) => e.code));
    }
    await cases.close(c.caseId);
  }
  return codes;
}

describe('the per-staff budget across terminals (issue 14)', () => {
  it('a clerk under the hourly budget on each of two PCs, over it on both together, is named in the station\'s review', async () => {
    const f = (state.fleet = await makeFleet(2));
    const drop = tempDir('cs-fleet-drop-budget-');
    const stationChain = (state.chain = await openStationChain(f));
    const station = await openStationRuntime(f, stationChain, auth);
    const who = { current: { staffId: 'A-0001', roles: ['admin'] } as Actor | null };
    const call = stationRouter(station, who);
    expect((await call('fleet:configure', { mode: 'station', dropDir: drop, first: pinOf('A-0001'), second: pinOf('A-0002') })).ok).toBe(true);
    expect((await call('fleet:stationCreate', { recoveryKey: f.key, admins: [pinOf('A-0001'), pinOf('A-0002')] })).ok).toBe(true);
    await f.stationVault.commit(SAMPLE);
    expect((await call('fleet:release', { recoveryKey: f.key, exportDate: '2026-05-26', contentHash: 'b'.repeat(64), first: pinOf('A-0001'), second: pinOf('A-0002') })).ok).toBe(true);
    const rts: FleetRuntime[] = [];
    for (const t of f.terminals) {
      const rt = await FleetRuntime.open({ vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit, auth, clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers: noTimers });
      await rt.configure({ first: pinOf('A-0001'), second: pinOf('A-0002') }, { mode: 'terminal', dropDir: drop, recoveryKey: f.key });
      await rt.start();
      rts.push(rt);
    }
    const [t1, t2] = f.terminals as [Node, Node];
    const limit = LOOKUP_LIMITS.dobTriesPerStaffHour;
    // Within one hour: 8 tries at each PC — each terminal allows them (its own budget is 12), together they are 16.
    expect(await dateTries(t1, 'C-0009', 8)).toEqual(Array(8).fill('ok'));
    expect(await dateTries(t2, 'C-0009', 8)).toEqual(Array(8).fill('ok'));
    // Another clerk, the same 8 at one PC only: under the budget, not named.
    expect(await dateTries(t1, 'C-0001', 8)).toEqual(Array(8).fill('ok'));
    // At one PC the budget holds: the 13th try of the hour is refused there.
    expect((await dateTries(t1, 'C-0009', 5)).at(-1)).toBe('E_CASE_LOOKUP_LIMIT');
    for (const rt of rts) expect(await rt.writeSegmentNow()).toMatchObject({ written: true });
    who.current = { staffId: 'L-0001', roles: ['lead'] };
    expect(((await call('fleet:importSegments')).value.results as Array<{ ok: boolean }>).every((r) => r.ok)).toBe(true);

    vi.setSystemTime(new Date('2026-06-01T01:00:00Z'));
    const rep = (await call('fleet:review', { month: '2026-05' })).value;
    // 8 + 8, and 4 more at T1 until its own budget (12) refused the next: 20 in the hour, all counted, none refused by T2.
    expect(rep.budget).toEqual([{ staffId: 'C-0009', day: '2026-05-27', kind: 'dobTries', count: 20, limit, terminals: [t1.id, t2.id] }]);
    // A clerk sees none of it: the review is a lead's channel.
    who.current = { staffId: 'C-0001', roles: ['clerk'] };
    expect((await call('fleet:review', { month: '2026-05' })).ok).toBe(false);
  }, 180_000);
});
