/**
 * Rotating the lineage's signing keys through root (issue 18, FLEET flow 5, TUF 5.3): root v+1 signed by the current
 * root key and the new one; terminals that trust v walk to v+1 by themselves and keep picking up the current release,
 * now signed by the new administrators' keys. A package signed by a retired key, or a rotation signed by the new key
 * alone, is refused by every terminal with a reason a person can act on, and the list stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveSigningKey } from '../../../electron/core/bundle/signing';
import { roleKey, signerFor } from '../../../electron/core/fleet/keys';
import { newRoot, signed, writeMetadata } from '../../../electron/core/fleet/repository';
import type { AdminPinKey } from '../../../electron/core/fleet/station';
import { generateRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { csvWithout, makeFleet, pinClockAtT0, release, SAMPLE, type Fleet } from './helpers';

pinClockAtT0();
let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const trustedRoot = (dir: string) => JSON.parse(readFileSync(join(dir, 'fleet', 'tuf', 'metadata', 'root.json'), 'utf8')) as { signed: { version: number; roles: { root: { keyids: string[] }; targets: { keyids: string[] } } } };
const newAdmins = (): AdminPinKey[] => [{ adminId: 'A-0004', pinKek: randomBytes(32) }, { adminId: 'A-0005', pinKek: randomBytes(32) }];

describe('lineage key rotation (issue 18)', () => {
  it('a terminal at root 1 follows the rotation to a new root key and accepts a package signed by the new administrators', async () => {
    const f = (fleet = await makeFleet(2));
    const [t1, t2] = f.terminals as [typeof f.terminals[0], typeof f.terminals[0]];
    await f.stationVault.commit(csvWithout(5, true));
    await release(f);
    expect((await t1.fleet.check()).state).toBe('updated');
    const sheet = generateRecoveryKey();
    const admins = newAdmins();
    expect(await f.station.rotateKeys({ rootSecret: f.key, newRootSecret: sheet, admins })).toEqual({ rootVersion: 2, targetsVersion: 2 });

    // t1 walked from the root it trusted to v2; t2 had never checked and walks 1 → 2 on its first pick-up.
    expect(await t1.fleet.check()).toMatchObject({ state: 'current', unmaskAllowed: true });
    expect(await t2.fleet.check()).toMatchObject({ state: 'updated', plan: { version: 1 } });
    for (const t of [t1, t2]) {
      const root = trustedRoot(t.dir);
      expect(root.signed.version).toBe(2);
      expect(root.signed.roles.root.keyids).toEqual([roleKey(deriveSigningKey(sheet).publicKey).keyid]);
      expect(root.signed.roles.targets.keyids).not.toContain(roleKey(deriveSigningKey(f.key).publicKey).keyid);
    }

    await f.stationVault.commit(SAMPLE);
    const r = await f.station.prepareRelease({ recoveryKey: f.key, exportDate: '2026-05-10' });
    expect(() => f.station.signRelease(r, f.admins[0]!)).toThrow(expect.objectContaining({ code: 'E_FLEET_ADMIN_UNKNOWN' }));
    f.station.signRelease(r, admins[0]!);
    f.station.signRelease(r, admins[1]!);
    await f.station.publish(r);
    expect(await t1.fleet.check()).toMatchObject({ state: 'updated', plan: { version: 2, added: 5 } });
    expect((await t1.vault.status()).persons).toBe((await f.stationVault.status()).persons);

    // The recovery key no longer signs root: the next rotation needs the sheet this one made.
    await expect(f.station.rotateKeys({ rootSecret: f.key, newRootSecret: generateRecoveryKey(), admins })).rejects.toMatchObject({ code: 'E_FLEET_ROOT_KEY_WRONG' });
    expect((await f.station.rotateKeys({ rootSecret: sheet, newRootSecret: generateRecoveryKey(), admins })).rootVersion).toBe(3);
    expect(await t1.fleet.check()).toMatchObject({ state: 'current' });
    expect(trustedRoot(t1.dir).signed.version).toBe(3);
  });

  it('a package signed by the retired administrators\' keys after the rotation is refused with the reason, and the list stays', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    expect((await t.fleet.check()).state).toBe('updated');
    const persons = (await t.vault.status()).persons;
    // Made and signed before the rotation by the two administrators whose keys it retires.
    await f.stationVault.commit(csvWithout(10));
    const stale = await f.station.prepareRelease({ recoveryKey: f.key, exportDate: '2026-05-10' });
    f.station.signRelease(stale, f.admins[0]!);
    f.station.signRelease(stale, f.admins[1]!);
    await f.station.rotateKeys({ rootSecret: f.key, newRootSecret: generateRecoveryKey(), admins: newAdmins() });
    // The station itself no longer counts those signatures …
    await expect(f.station.publish(stale)).rejects.toMatchObject({ code: 'E_FLEET_THRESHOLD' });
    // … and a terminal refuses them when someone puts them into the drop folder anyway (same version as the
    // re-signed targets, so snapshot and timestamp stay valid: only the signatures differ).
    writeFileSync(join(f.drop, 'metadata', '2.targets.json'), JSON.stringify(stale.targets.toJSON()));
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_KEY_RETIRED' } });
    expect(s.error!.ja).toContain('鍵の交換で使えなくなった古い署名鍵');
    expect(s.error!.ja).toContain('本部で新しい鍵による配布を行ってください');
    expect((await t.vault.status()).persons).toBe(persons);
    expect(trustedRoot(t.dir).signed.version).toBe(2);
  });

  it('a rotation signed by the new root key alone is refused: the terminal keeps the root it trusts and its list', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await f.stationVault.commit(SAMPLE);
    await release(f);
    expect((await t.fleet.check()).state).toBe('updated');
    const persons = (await t.vault.status()).persons;
    const attacker = deriveSigningKey(generateRecoveryKey());
    const ak = roleKey(attacker.publicKey);
    const root = newRoot({ version: 2, expires: '2027-05-01T00:00:00Z', rootKeys: { [ak.keyid]: ak.key }, rootIds: [ak.keyid], targetsIds: [ak.keyid], targetsThreshold: 1, onlineIds: [ak.keyid] });
    await writeMetadata(f.drop, 'root', signed(root, [signerFor(attacker.privateKey).sign]));
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'refused', unmaskAllowed: true, error: { code: 'E_FLEET_ROTATION_REFUSED' } });
    expect(s.error!.ja).toContain('第2版');
    expect(s.error!.ja).toContain('今の鍵のままにしています');
    expect(trustedRoot(t.dir).signed.version).toBe(1);
    expect((await t.vault.status()).persons).toBe(persons);
  });

  it('the station rotates only with the current root key and two different administrators, and writes nothing otherwise', async () => {
    const f = (fleet = await makeFleet(1));
    await expect(f.station.rotateKeys({ rootSecret: generateRecoveryKey(), newRootSecret: generateRecoveryKey(), admins: newAdmins() })).rejects.toMatchObject({ code: 'E_FLEET_ROOT_KEY_WRONG' });
    await expect(f.station.rotateKeys({ rootSecret: 'not-a-key', admins: newAdmins() })).rejects.toMatchObject({ code: 'E_FLEET_ROOT_KEY_WRONG' });
    await expect(f.station.rotateKeys({ rootSecret: f.key, newRootSecret: generateRecoveryKey(), admins: newAdmins().slice(0, 1) })).rejects.toMatchObject({ code: 'E_FLEET_TWO_PEOPLE' });
    await expect(f.station.rotateKeys({ rootSecret: f.key, newRootSecret: f.key, admins: newAdmins() })).rejects.toMatchObject({ code: 'E_FLEET_ROOT_KEY_SAME' });
    expect(() => readFileSync(join(f.drop, 'metadata', '2.root.json'))).toThrow();
    expect(f.station.rootVersion).toBe(1);
  });
});
