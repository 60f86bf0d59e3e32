/**
 * Issue 18: re-keying a vault — a new data key, recovery key and sealing key, everything re-encrypted, switched in
 * with one rename. What someone holding the OLD keys (a stolen PC's data key, a photographed recovery sheet) can
 * still do afterwards is what these tests pin down: nothing with the re-keyed vault or the files made after it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { pinExportKey } from '../../../electron/core/vault/exportKey';
import { rekeyVault } from '../../../electron/core/vault/rekey';
import { Vault } from '../../../electron/core/vault/vault';
import { testClock } from '../../clock';
import { dbFile, rawSql, SAMPLE } from '../reliability/helpers';
import { AccountProtector, tempDir } from './helpers';

async function sampleVault(): Promise<{ dataDir: string; recoveryKey: string; protector: AccountProtector; other: AccountProtector }> {
  const dataDir = join(tempDir('cs-rekey-'), 'data');
  const protector = new AccountProtector();
  const other = new AccountProtector();
  const { vault, recoveryKey } = await Vault.create({ dataDir, clock: testClock }, { protector, protectorSlot: 'me' });
  const r = await vault.commit(readFileSync(SAMPLE));
  if (!r.ok) throw new Error('sample import failed');
  await pinExportKey(vault, recoveryKey);
  await vault.close();
  await (await Vault.enrol({ dataDir }, other, recoveryKey, 'other')).close();
  return { dataDir, recoveryKey, protector, other };
}

describe('re-keying a vault', () => {
  it('the old recovery key no longer opens it, the new one does; every person, sealed field, tag and match is as before', async () => {
    const f = await sampleVault();
    const before = await Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey);
    const persons = await before.exportPersons({ recoveryKey: f.recoveryKey });
    const auditKey = before.serviceKey('audit-mac');
    const packageKey = before.serviceKey('fleet-package');
    const version = await before.currentListVersion();
    await before.close();

    const r = await rekeyVault({ dataDir: f.dataDir, clock: testClock }, { recoveryKey: f.recoveryKey, protector: f.protector, protectorSlot: 'me' });
    expect(r.recoveryKey).not.toBe(f.recoveryKey);
    expect(r).toMatchObject({ generation: 1, persons: 150, protectorSlotsDropped: 1, leadWrapsDropped: 0 });

    await expect(Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const v = await Vault.openWithRecovery({ dataDir: f.dataDir }, r.recoveryKey);
    await v.verifyFull({ recoveryKey: r.recoveryKey });
    await v.verifyTagged();
    expect(await v.exportPersons({ recoveryKey: r.recoveryKey })).toEqual(persons);
    expect(await v.currentListVersion()).toBe(version);
    expect(v.match({ name: '伊藤　蒼', dob: '1970-02-05' }).ids).toEqual(['D0001']);
    // The old sealing key is gone: the old recovery key cannot open a sealed field of the new vault either.
    await expect(v.openSealed('D0001', 'address', { recoveryKey: f.recoveryKey })).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    // Carried: the audit chain's key (its anchors live off the PC). Rotated: the key of the packages that leave it.
    expect(v.serviceKey('audit-mac').equals(auditKey)).toBe(true);
    expect(v.serviceKey('fleet-package').equals(packageKey)).toBe(false);
    await v.close();

    // The account that re-keyed keeps its slot; every other account enrols again.
    await (await Vault.open({ dataDir: f.dataDir }, f.protector, 'me')).close();
    await expect(Vault.open({ dataDir: f.dataDir }, f.other, 'other')).rejects.toMatchObject({ code: 'E_VAULT_ENROLMENT_REQUIRED' });
  });

  it('no byte of the old data key opens anything: every body, index and sealed ciphertext was written again', async () => {
    const f = await sampleVault();
    const file = dbFile(f.dataDir);
    const cols = 'rid, body, s_address, s_katagaki, s_honseki, s_note';
    const old = (await rawSql(file, `SELECT ${cols} FROM persons ORDER BY rid`)) as Record<string, Buffer>[];
    const oldBlobs = (await rawSql(file, 'SELECT name, ct FROM blobs ORDER BY name')) as { name: string; ct: Buffer }[];
    await rekeyVault({ dataDir: f.dataDir }, { recoveryKey: f.recoveryKey });
    const now = (await rawSql(dbFile(f.dataDir), `SELECT ${cols} FROM persons ORDER BY rid`)) as Record<string, Buffer>[];
    expect(now.map((r) => r.rid)).toEqual(old.map((r) => r.rid));
    for (let i = 0; i < now.length; i++) for (const c of ['body', 's_address', 's_katagaki', 's_honseki', 's_note']) expect(now[i]![c]!.equals(old[i]![c]!)).toBe(false);
    const blobs = new Map(((await rawSql(dbFile(f.dataDir), 'SELECT name, ct FROM blobs')) as { name: string; ct: Buffer }[]).map((b) => [b.name, b.ct]));
    for (const b of oldBlobs) expect(blobs.get(b.name)?.equals(b.ct)).toBe(false);
    // The old database file is gone from the folder.
    expect(dbFile(f.dataDir)).not.toBe(file);
  });

  it('a backup made after the re-key (PIN-only path) restores with the new key only; the old key is refused', async () => {
    const f = await sampleVault();
    const r = await rekeyVault({ dataDir: f.dataDir, clock: testClock }, { recoveryKey: f.recoveryKey, protector: f.protector, protectorSlot: 'me' });
    const v = await Vault.open({ dataDir: f.dataDir, clock: testClock }, f.protector, 'me');
    const out = join(f.dataDir, '..', 'after.csbackup');
    await expect(writeBackup(v, f.dataDir, out, null, testClock()).finally(() => v.close())).resolves.toMatchObject({ checked: 'sealed-tags' });
    await expect(restoreBackup({ dataDir: join(tempDir('cs-rekey-r-'), 'd') }, out, f.recoveryKey)).rejects.toMatchObject({ code: 'E_BACKUP_INVALID' });
    const elsewhere = join(tempDir('cs-rekey-r-'), 'd');
    await restoreBackup({ dataDir: elsewhere }, out, r.recoveryKey);
    const w = await Vault.openWithRecovery({ dataDir: elsewhere }, r.recoveryKey);
    expect((await w.status()).persons).toBe(150);
    await w.close();
  });

  it('a second re-key carries the same service master and works with the key the first one printed', async () => {
    const f = await sampleVault();
    const before = await Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey);
    const staffKey = before.serviceKey('staff-records');
    await before.close();
    const first = await rekeyVault({ dataDir: f.dataDir }, { recoveryKey: f.recoveryKey });
    await expect(rekeyVault({ dataDir: f.dataDir }, { recoveryKey: f.recoveryKey })).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const second = await rekeyVault({ dataDir: f.dataDir }, { recoveryKey: first.recoveryKey });
    expect(second.generation).toBe(2);
    const v = await Vault.openWithRecovery({ dataDir: f.dataDir }, second.recoveryKey);
    expect(v.serviceKey('staff-records').equals(staffKey)).toBe(true);
    await v.verifyFull({ recoveryKey: second.recoveryKey });
    await v.close();
  });

  it('a vault with a damaged sealed field is refused and left exactly as it was', async () => {
    const f = await sampleVault();
    const file = dbFile(f.dataDir);
    const [row] = (await rawSql(file, "SELECT s_address AS v FROM persons WHERE rid = 'D0003'")) as { v: Buffer }[];
    row!.v[20]! ^= 1;
    await rawSql(file, "UPDATE persons SET s_address = ? WHERE rid = 'D0003'", [row!.v]);
    await expect(rekeyVault({ dataDir: f.dataDir }, { recoveryKey: f.recoveryKey })).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED' });
    expect(dbFile(f.dataDir)).toBe(file);
    await (await Vault.openWithRecovery({ dataDir: f.dataDir }, f.recoveryKey)).close();
  });
});
