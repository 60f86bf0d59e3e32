/**
 * The station desk's rotation and release preview through the IPC router (issue 18): only an administrator's session
 * reaches them; rotation needs two different administrators (a lead's PIN is not one) and the current root key sheet;
 * a refused rotation writes nothing and audits nothing; a done one is audited with both administrators, answers the
 * new sheet once, and from then on the recovery key no longer rotates — the new sheet does.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/ports';
import { fakeStaff, MemoryAudit } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';
import { openStationRuntime, stationRouter } from './stationRouter';
import { makeFleet, pinClockAtT0, SAMPLE, type Fleet } from './helpers';

pinClockAtT0();
let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const staff = {
  'L-0001': { pin: '482913', roles: ['lead' as const] },
  'A-0001': { pin: '682015', roles: ['admin' as const] },
  'A-0002': { pin: '682016', roles: ['admin' as const] },
};
const pinOf = (id: keyof typeof staff) => ({ staffId: id, pin: staff[id].pin });

async function station(f: Fleet) {
  const drop = tempDir('cs-fleet-desk-drop-');
  const audit = new MemoryAudit();
  const rt = await openStationRuntime(f, audit, fakeStaff(staff));
  const who = { current: { staffId: 'A-0001', roles: ['admin'] } as Actor | null };
  const call = stationRouter(rt, who, 3);
  expect((await call('fleet:configure', { mode: 'station', dropDir: drop, first: pinOf('A-0001'), second: pinOf('A-0002') })).ok).toBe(true);
  return { call, who, audit, drop };
}

describe('rotating the keys and previewing a release through the router (issue 18)', () => {
  it('only administrators, two of them and the current sheet; audited; the recovery key stops rotating after the first', async () => {
    const f = (fleet = await makeFleet(0));
    const { call, who, audit, drop } = await station(f);
    const key = f.key;
    expect((await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: pinOf('A-0002') })).error?.code).toBe('E_FLEET_NO_STATION');
    expect((await call('fleet:stationCreate', { recoveryKey: key, admins: [pinOf('A-0001'), pinOf('A-0002')] })).ok).toBe(true);
    await f.stationVault.commit(SAMPLE);
    expect((await call('fleet:release', { recoveryKey: key, exportDate: '2026-05-10', first: pinOf('A-0001'), second: pinOf('A-0002') })).value).toMatchObject({ version: 1 });

    const preview = await call('fleet:releasePreview');
    expect(preview.value).toEqual({ nextVersion: 2, persons: (await f.stationVault.status()).persons, staff: 0, policy: false, retired: [], terminals: 0, signers: ['A-0001', 'A-0002'], threshold: 2, rootVersion: 1, dropDir: drop });

    who.current = { staffId: 'L-0001', roles: ['lead'] };
    for (const ch of ['fleet:releasePreview', 'fleet:rotateKeys']) {
      expect((await call(ch, ch === 'fleet:rotateKeys' ? { rootSecret: key, first: pinOf('A-0001'), second: pinOf('A-0002') } : {})).error?.code).toBe('E_FLEET_ADMIN_REQUIRED');
    }
    who.current = { staffId: 'A-0001', roles: ['admin'] };
    const before = audit.actions().length;
    expect((await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: pinOf('L-0001') })).error?.code).toBe('E_FLEET_TWO_ADMINS');
    expect((await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: pinOf('A-0001') })).error?.code).toBe('E_FLEET_TWO_ADMINS');
    expect((await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: { staffId: 'A-0002', pin: '000000' } })).error?.code).toBe('E_FLEET_ADMIN_UNKNOWN');
    const wrong = await call('fleet:rotateKeys', { rootSecret: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD', first: pinOf('A-0001'), second: pinOf('A-0002') });
    expect(wrong.error?.code).toBe('E_FLEET_ROOT_KEY_WRONG');
    expect(wrong.error?.ja).toContain('鍵は交換していません');
    expect(existsSync(join(drop, 'metadata', '2.root.json'))).toBe(false);
    expect(audit.actions().slice(before)).not.toContain('fleet.keys_rotated');

    const done = await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: pinOf('A-0002') });
    expect(done.value).toMatchObject({ rootVersion: 2, signers: ['A-0001', 'A-0002'] });
    expect(done.value.newRootKey).toHaveLength(9);
    const rotated = audit.events.filter((e) => e.action === 'fleet.keys_rotated');
    expect(rotated).toEqual([expect.objectContaining({ actors: ['A-0001', 'A-0002'], detail: { rootVersion: 2, packageVersion: 1 } })]);
    expect(JSON.stringify(audit.events)).not.toContain(done.value.newRootKey.join('-'));
    const root2 = JSON.parse(readFileSync(join(drop, 'metadata', '2.root.json'), 'utf8')) as { signatures: Array<{ keyid: string }> };
    expect(root2.signatures).toHaveLength(2);
    expect((await call('fleet:releasePreview')).value).toMatchObject({ rootVersion: 2, nextVersion: 2 });

    // The sheet the rotation answered signs the next one; the recovery key does not any more.
    expect((await call('fleet:rotateKeys', { rootSecret: key, first: pinOf('A-0001'), second: pinOf('A-0002') })).error?.code).toBe('E_FLEET_ROOT_KEY_WRONG');
    expect((await call('fleet:rotateKeys', { rootSecret: done.value.newRootKey.join('-'), first: pinOf('A-0001'), second: pinOf('A-0002') })).value).toMatchObject({ rootVersion: 3 });
    // A release after the rotations is signed by the new keys of the same two administrators.
    expect((await call('fleet:release', { recoveryKey: key, exportDate: '2026-05-10', first: pinOf('A-0001'), second: pinOf('A-0002') })).value).toMatchObject({ version: 2 });
  });

  it('a rotation whose re-signing fails after root is written still hands over the new sheet, and the next rotation uses it', async () => {
    const f = (fleet = await makeFleet(0));
    const { call, drop } = await station(f);
    expect((await call('fleet:stationCreate', { recoveryKey: f.key, admins: [pinOf('A-0001'), pinOf('A-0002')] })).ok).toBe(true);
    await f.stationVault.commit(SAMPLE);
    expect((await call('fleet:release', { recoveryKey: f.key, exportDate: '2026-05-10', first: pinOf('A-0001'), second: pinOf('A-0002') })).ok).toBe(true);
    // The drop folder refuses the re-signed targets (a folder where the file goes): root v2 is already written.
    const blocker = join(drop, 'metadata', '2.targets.json');
    mkdirSync(join(blocker, 'x'), { recursive: true });
    const r = await call('fleet:rotateKeys', { rootSecret: f.key, first: pinOf('A-0001'), second: pinOf('A-0002') });
    expect(r.value).toMatchObject({ rootVersion: 2, unfinished: true });
    expect(existsSync(join(drop, 'metadata', '2.root.json'))).toBe(true);
    rmSync(blocker, { recursive: true });
    // Without the sheet handed over, nobody could ever sign root again; with it, the lineage goes on.
    expect((await call('fleet:rotateKeys', { rootSecret: f.key, first: pinOf('A-0001'), second: pinOf('A-0002') })).error?.code).toBe('E_FLEET_ROOT_KEY_WRONG');
    expect((await call('fleet:rotateKeys', { rootSecret: r.value.newRootKey.join('-'), first: pinOf('A-0001'), second: pinOf('A-0002') })).value).toMatchObject({ rootVersion: 3, unfinished: false });
  });
});
