/**
 * An audit segment "written to the drop folder or a USB stick" (issue 19): through the router a lead writes this
 * terminal's segment into a folder on a stick; the next one, into the drop folder, continues from it; the station
 * verifies both in order as one unbroken chain of this terminal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/ports';
import { FleetReview } from '../../../electron/core/fleet/review';
import { FleetRuntime } from '../../../electron/core/fleet/runtime';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { fakeStaff, testPolicyContext } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';
import { makeFleet, release, SAMPLE, pinClockAtT0, type Fleet } from './helpers';
import { fakedSystemClock } from '../../clock';

let fleet: Fleet | undefined;
pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});
const auth = fakeStaff({ 'L-0001': { pin: '482913', roles: ['lead'] }, 'A-0001': { pin: '682015', roles: ['admin'] }, 'A-0002': { pin: '682016', roles: ['admin'] } });
const ORIGIN = 'app://countershield';

describe('a segment onto a USB stick', () => {
  it('a lead writes it to the stick, the next one to the drop folder continues from it, and the station accepts both', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    const rt = await FleetRuntime.open({
      vault: t.vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit: t.audit, auth,
      clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers: { every: () => () => undefined },
    });
    await rt.configure({ first: { staffId: 'A-0001', pin: '682015' }, second: { staffId: 'A-0002', pin: '682016' } }, { mode: 'terminal', dropDir: f.drop, recoveryKey: f.key });
    const who = { current: { staffId: 'L-0001', roles: ['lead'] } as Actor | null };
    const ctx = {
      version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
      locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
      vaultState: () => 'open', staffCount: () => 3, policy: testPolicyContext(),
      fleet: { runtime: rt, actor: async () => who.current },
    } as AppContext;
    const r = createAppRouter(ctx, ORIGIN);
    const call = async (payload: unknown) => (await r.dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, { channel: 'fleet:writeSegment', payload })) as { ok: boolean; value?: { written: boolean; fromSeq: number; toSeq: number }; error?: { code: string; ja: string } };

    const stick = join(tempDir('cs-fleet-stick-'), '監査記録');
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R1' }] });
    // The day's automatic segment went to the drop folder when the PC became a terminal.
    const daily = readdirSync(join(f.drop, 'segments')).filter((n) => n.startsWith(`seg-${t.id}-1-`));
    expect(daily).toHaveLength(1);
    const first = await call({ toFolder: stick });
    expect(first.value!.written).toBe(true);
    expect(first.value!.fromSeq).toBe(Number(daily[0]!.split('-')[4]!.replace('.csa', '')) + 1);
    expect(readdirSync(stick)).toEqual([`seg-${t.id}-${first.value!.fromSeq}-${first.value!.toSeq}.csa`]);
    await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: 'R2' }] });
    const second = await call({});
    expect(second.value!.fromSeq).toBe(first.value!.toSeq + 1);
    const inDrop = readdirSync(join(f.drop, 'segments')).filter((n) => n.startsWith(`seg-${t.id}-${second.value!.fromSeq}-`));
    expect(inDrop).toHaveLength(1);

    // IT carries the stick to the station: verified in order, one chain with no gap.
    const review = await FleetReview.open({ vault: f.stationVault, stateDir: tempDir('cs-fleet-review-'), clock: fakedSystemClock });
    expect((await review.importSegment(readFileSync(join(f.drop, 'segments', daily[0]!), 'utf8'))).ok).toBe(true);
    expect((await review.importSegment(readFileSync(join(stick, readdirSync(stick)[0]!), 'utf8'))).ok).toBe(true);
    expect((await review.importSegment(readFileSync(join(f.drop, 'segments', inDrop[0]!), 'utf8'))).ok).toBe(true);

    // A relative path is refused in Japanese; a clerk cannot write segments at all.
    const rel = await call({ toFolder: '監査記録' });
    expect(rel.error).toMatchObject({ code: 'E_FLEET_FOLDER_PATH' });
    expect(rel.error!.ja).toMatch(/ドライブから始まる場所/);
    who.current = { staffId: 'C-0001', roles: ['clerk'] };
    expect((await call({ toFolder: stick })).error?.code).toBe('E_FLEET_ROLE_REQUIRED');
    rt.stop();
  });
});
