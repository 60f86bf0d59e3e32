/**
 * Issue 15: a backup made with an administrator's PIN only (no recovery key) authenticates every sealed field by
 * its tag (sealTags.ts) and refuses a vault whose sealed ciphertexts were damaged, moved or swapped — naming the
 * 管理番号 only — instead of writing a file that restore refuses months later. Old vaults get their tags once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_EXIT, runAdminCommand } from '../../../electron/core/admin';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { pinExportKey } from '../../../electron/core/vault/exportKey';
import { Vault } from '../../../electron/core/vault/vault';
import { testClock } from '../../clock';
import { A1, adminFixture, consoleWith } from '../admin/fixture';
import { dbFile, rawSql, SAMPLE } from '../reliability/helpers';
import { AccountProtector, tempDir } from './helpers';

interface Fixture { dataDir: string; recoveryKey: string; protector: AccountProtector }

/** A vault with the sample list, one protector slot (the everyday, PIN-side open) and the export key pinned. */
async function sampleVault(): Promise<Fixture> {
  const dataDir = join(tempDir('cs-tags-'), 'data');
  const protector = new AccountProtector();
  const { vault, recoveryKey } = await Vault.create({ dataDir, clock: testClock }, { protector });
  const r = await vault.commit(readFileSync(SAMPLE));
  if (!r.ok) throw new Error('sample import failed');
  await pinExportKey(vault, recoveryKey);
  await vault.close();
  return { dataDir, recoveryKey, protector };
}

const openByProtector = (f: Fixture) => Vault.open({ dataDir: f.dataDir, clock: testClock }, f.protector);

/** The PIN-only backup path: the vault opened without the recovery key, `null` for the key. */
async function pinBackup(f: Fixture): Promise<{ out: string; result: Promise<unknown> }> {
  const out = join(f.dataDir, '..', `b-${Math.random().toString(36).slice(2)}.csbackup`);
  const v = await openByProtector(f);
  const result = writeBackup(v, f.dataDir, out, null, testClock()).finally(() => v.close());
  result.catch(() => undefined);
  return { out, result };
}

async function cell(f: Fixture, rid: string, col: string): Promise<Buffer> {
  const rows = (await rawSql(dbFile(f.dataDir), `SELECT ${col} AS v FROM persons WHERE rid = ?`, [rid])) as { v: Buffer }[];
  return rows[0]!.v;
}
const setCell = (f: Fixture, rid: string, col: string, v: Buffer) => rawSql(dbFile(f.dataDir), `UPDATE persons SET ${col} = ? WHERE rid = ?`, [v, rid]);

/** As a vault made before the tags: their tables and their schema step gone. */
async function forgetTags(f: Fixture): Promise<void> {
  const file = dbFile(f.dataDir);
  await rawSql(file, 'DROP TABLE seal_tags');
  await rawSql(file, 'DROP TABLE seal_tags_state');
  await rawSql(file, "DELETE FROM subsystem_versions WHERE name = 'seal-tags'");
}

describe('sealed-field tags: the PIN-only backup authenticates every sealed ciphertext', () => {
  it('a good vault is backed up with a PIN only and says the sealed fields were authenticated; restore opens it', async () => {
    const f = await sampleVault();
    const { out, result } = await pinBackup(f);
    await expect(result).resolves.toMatchObject({ checked: 'sealed-tags' });
    const elsewhere = join(tempDir('cs-tags-r-'), 'data');
    await restoreBackup({ dataDir: elsewhere }, out, f.recoveryKey);
    const v = await Vault.openWithRecovery({ dataDir: elsewhere }, f.recoveryKey);
    await v.verifyFull({ recoveryKey: f.recoveryKey });
    expect((await v.status()).persons).toBe(150);
    await v.close();
  });

  it('one flipped byte in one sealed ciphertext: the PIN-only backup is refused, naming that 管理番号 and nothing personal; no file is written', async () => {
    const f = await sampleVault();
    const ct = await cell(f, 'D0007', 's_honseki');
    ct[ct.length - 20]! ^= 0x01;
    await setCell(f, 'D0007', 's_honseki', ct);
    const { out, result } = await pinBackup(f);
    const e = (await result.catch((x: unknown) => x)) as { code: string; ja: string; en: string; detail: { records: string; count: number } };
    expect(e.code).toBe('E_VAULT_SEALED_DAMAGED');
    expect(e.detail).toMatchObject({ records: 'D0007', count: 1 });
    expect(e.ja).toContain('管理番号 D0007');
    expect(e.ja).toContain('取り込み直して');
    expect(e.en).toContain('D0007');
    // Nothing of the sample's D0007 row is in the message (its address, 本籍, names).
    const row = readFileSync(SAMPLE, 'utf8').split(/\r?\n/).find((l) => l.startsWith('D0007,'))!.split(',');
    for (const value of row.slice(2, 10).filter((v) => v.length > 2)) expect(`${e.ja}${e.en}`).not.toContain(value);
    expect(existsSync(out)).toBe(false);
  });

  it('a sealed ciphertext swapped between two persons, or moved to another field of the same person, is refused', async () => {
    const f = await sampleVault();
    const a = await cell(f, 'D0003', 's_address');
    const b = await cell(f, 'D0004', 's_address');
    await setCell(f, 'D0003', 's_address', b);
    await setCell(f, 'D0004', 's_address', a);
    await expect((await pinBackup(f)).result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED', detail: { records: 'D0003, D0004', count: 2 } });

    const g = await sampleVault();
    const note = await cell(g, 'D0010', 's_note');
    const katagaki = await cell(g, 'D0010', 's_katagaki');
    await setCell(g, 'D0010', 's_note', katagaki);
    await setCell(g, 'D0010', 's_katagaki', note);
    await expect((await pinBackup(g)).result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED', detail: { records: 'D0010', count: 1 } });
  });

  it('a deleted or altered tag is refused like a damaged ciphertext', async () => {
    const f = await sampleVault();
    await rawSql(dbFile(f.dataDir), "DELETE FROM seal_tags WHERE rid = 'D0020'");
    await rawSql(dbFile(f.dataDir), "UPDATE seal_tags SET tag = zeroblob(32) WHERE rid = 'D0021'");
    await expect((await pinBackup(f)).result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED', detail: { records: 'D0020, D0021' } });
  });

  it('what the message says to do works: importing the list again re-seals the damaged person and the backup passes', async () => {
    const f = await sampleVault();
    const ct = await cell(f, 'D0007', 's_address');
    ct[30]! ^= 0x80;
    await setCell(f, 'D0007', 's_address', ct);
    await expect((await pinBackup(f)).result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_DAMAGED' });
    const v = await openByProtector(f);
    const r = await v.commit(readFileSync(SAMPLE));
    expect(r.ok).toBe(true);
    await v.close();
    await expect((await pinBackup(f)).result).resolves.toMatchObject({ checked: 'sealed-tags' });
  });

  it('a vault from before the tags is back-filled once at open; the PIN-only backup waits for one full check with the recovery key, then passes', async () => {
    const f = await sampleVault();
    await forgetTags(f);
    const v = await openByProtector(f);
    const tags = (await v.database.all<{ rid: string; tag: Buffer }>('SELECT rid, tag FROM seal_tags ORDER BY rid'));
    expect(tags).toHaveLength(150);
    await v.close();
    // A second open writes nothing: the same tags, byte for byte.
    const w = await openByProtector(f);
    expect(await w.database.all<{ rid: string; tag: Buffer }>('SELECT rid, tag FROM seal_tags ORDER BY rid')).toEqual(tags);
    await w.close();
    // Tags written without opening the fields vouch for nothing yet: refused, with what to do, and no file.
    const early = await pinBackup(f);
    await expect(early.result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_UNCHECKED' });
    expect(existsSync(early.out)).toBe(false);
    // One backup with the recovery key opens every field and certifies the tags; from then on a PIN is enough.
    const x = await openByProtector(f);
    await writeBackup(x, f.dataDir, join(f.dataDir, '..', 'full.csbackup'), f.recoveryKey, testClock()).finally(() => x.close());
    await expect((await pinBackup(f)).result).resolves.toMatchObject({ checked: 'sealed-tags' });
  });

  it('damage from before the tags is never certified by the back-fill: the PIN-only backup stays refused, and the recovery-key backup refuses the damage', async () => {
    const f = await sampleVault();
    await forgetTags(f);
    const ct = await cell(f, 'D0005', 's_honseki');
    ct[ct.length - 1]! ^= 0x01;
    await setCell(f, 'D0005', 's_honseki', ct);
    // The back-fill tags the damaged ciphertext as it is; the PIN-only backup therefore does not trust the back-fill.
    const first = await pinBackup(f);
    await expect(first.result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_UNCHECKED' });
    expect(existsSync(first.out)).toBe(false);
    // The full check opens every field and refuses; it certifies nothing, so the PIN-only path stays closed.
    const v = await openByProtector(f);
    const refused = writeBackup(v, f.dataDir, `${first.out}.2`, f.recoveryKey, testClock()).finally(() => v.close());
    await expect(refused).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    expect(existsSync(`${first.out}.2`)).toBe(false);
    await expect((await pinBackup(f)).result).rejects.toMatchObject({ code: 'E_VAULT_SEALED_UNCHECKED' });
  });

  it('a hand entry writes its tag with its ciphertexts; ending one removes it', async () => {
    const f = await sampleVault();
    const v = await openByProtector(f);
    const body = await v.bodyOf('D0001');
    await v.writeManual({ kind: 'put', person: { ...body!, id: 'M0001', address: '東京都千代田区1番地' } as never }, { listVersion: await v.currentListVersion() });
    await v.writeManual({ kind: 'end', id: 'D0002' }, { listVersion: await v.currentListVersion() });
    const ids = (await v.database.all<{ rid: string }>('SELECT rid FROM seal_tags')).map((r) => r.rid);
    expect(ids).toContain('M0001');
    expect(ids).not.toContain('D0002');
    await v.verifyTagged();
    await v.close();
    await expect((await pinBackup(f)).result).resolves.toMatchObject({ checked: 'sealed-tags' });
  });

  it('the admin backup command with a PIN only refuses a vault with a damaged sealed field', async () => {
    const fx = await adminFixture();
    const f = { dataDir: fx.dataDir, recoveryKey: fx.recoveryKey, protector: fx.protector };
    const ct = await cell(f, 'D0009', 's_address');
    ct[25]! ^= 0x04;
    await setCell(f, 'D0009', 's_address', ct);
    const file = join(tempDir('cs-tags-out-'), 'refused.csbackup');
    const r = await runAdminCommand(['backup', '--file', file, '--by', A1.staffId, '--json'], fx.env, consoleWith([A1.pin]));
    expect(r.code).not.toBe(ADMIN_EXIT.ok);
    expect(r.output).toContain('E_VAULT_SEALED_DAMAGED');
    expect(r.output).toContain('D0009');
    expect(existsSync(file)).toBe(false);
  });
});
