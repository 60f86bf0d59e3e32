import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import * as aead from '../../../electron/core/vault/aead';
import { deriveSubKeys } from '../../../electron/core/vault/keys';
import { generateRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { Vault } from '../../../electron/core/vault/vault';
import { AccountProtector, FIXTURES, tempDir } from './helpers';

const sample = () => readFileSync(join(FIXTURES, 'protected-sample.csv'));
const sjis = () => readFileSync(join(FIXTURES, 'protected-sample.sjis.csv'));

async function newVault(protector?: AccountProtector) {
  const dataDir = join(tempDir(), 'data');
  const { vault, recoveryKey } = await Vault.create({ dataDir, clock: () => new Date('2026-06-01T09:00:00+09:00') }, protector ? { protector } : {});
  return { vault, recoveryKey, dataDir };
}

function rawSql(file: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (e) => {
      if (e) return reject(e);
      db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows))));
    });
  });
}
const dbFile = (dir: string) => join(dir, readFileSync(join(dir, 'CURRENT'), 'utf8').trim());

function needles(): string[] {
  const r = parseProtectedList(sample());
  if (!r.ok) throw new Error('sample must parse');
  const raw = readFileSync(join(FIXTURES, 'protected-sample.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(','));
  const out = new Set<string>();
  for (const p of r.persons) {
    for (const v of [p.name, p.kana, p.dob, p.address, p.katagaki, p.honseki, p.note, ...p.formerSurnames.filter((s) => s.length > 2)]) if (v) out.add(v);
    for (const a of p.aitekata) for (const v of [a.name, a.kana, a.dob]) if (v) out.add(v);
  }
  for (const cols of raw) out.add(cols[5]!); // date of birth exactly as written in the CSV (和暦, 8 digits …)
  return [...out].filter((s) => s.length >= 3);
}

function scanFolder(dir: string, words: string[]): string[] {
  const hits: string[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (statSync(join(dir, f)).isDirectory()) continue;
    const bytes = readFileSync(join(dir, f));
    for (const w of words) {
      if (bytes.includes(Buffer.from(w, 'utf8')) || bytes.includes(Buffer.from(w, 'utf16le'))) hits.push(`${f}: needle #${words.indexOf(w)}`);
    }
  }
  return hits;
}

describe('nothing personal reaches the disk (F1)', () => {
  it('a byte search of every file in the data folder finds no name, reading, birth date or address, in UTF-8 or UTF-16', async () => {
    const { vault, dataDir, recoveryKey } = await newVault(new AccountProtector());
    expect((await vault.commit(sample())).ok).toBe(true);
    expect((await vault.dryRun(sjis())).ok).toBe(true);
    await vault.status();
    await vault.openSealed('D0001', 'address', { recoveryKey });
    const words = needles();
    expect(words.length).toBeGreaterThan(400);
    // The search itself must be able to fail: the sample's own bytes are found by it.
    expect(scanFolder(FIXTURES, words.slice(0, 3)).length).toBeGreaterThan(0);
    const files = readdirSync(dataDir);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(scanFolder(dataDir, words)).toEqual([]);
    await vault.close();
    expect(scanFolder(dataDir, words)).toEqual([]);
  });
});

describe('tampering fails closed (F1, invariant 4)', () => {
  it('a flipped ciphertext byte in a record is an error, never garbage', async () => {
    const { vault, dataDir, recoveryKey } = await newVault();
    await vault.commit(sample());
    await vault.close();
    const [row] = (await rawSql(dbFile(dataDir), "SELECT body, s_address FROM persons WHERE rid = 'D0002'")) as { body: Buffer; s_address: Buffer }[];
    row!.body[40] = row!.body[40]! ^ 0x01;
    row!.s_address[20] = row!.s_address[20]! ^ 0x80;
    await rawSql(dbFile(dataDir), "UPDATE persons SET body = ?, s_address = ? WHERE rid = 'D0002'", [row!.body, row!.s_address]);
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    await expect(v.person('D0002')).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    await expect(v.status()).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    await expect(v.openSealed('D0002', 'address', { recoveryKey })).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    expect((await v.person('D0003')).id).toBe('D0003');
    await v.close();
  });

  it('a ciphertext moved to another row or field does not open', async () => {
    const { vault, dataDir, recoveryKey } = await newVault();
    await vault.commit(sample());
    await vault.close();
    const f = dbFile(dataDir);
    await rawSql(f, "UPDATE persons SET body = (SELECT body FROM persons WHERE rid = 'D0001'), s_address = (SELECT s_honseki FROM persons WHERE rid = 'D0004') WHERE rid = 'D0004'");
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    await expect(v.person('D0004')).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    await expect(v.openSealed('D0004', 'address', { recoveryKey })).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    await v.close();
  });

  it('a deleted row is noticed, and a damaged index refuses to open', async () => {
    const { vault, dataDir, recoveryKey } = await newVault();
    await vault.commit(sample());
    await vault.close();
    const f = dbFile(dataDir);
    await rawSql(f, "DELETE FROM persons WHERE rid = 'D0005'");
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    await expect(v.status()).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
    await v.close();
    const [b] = (await rawSql(f, "SELECT ct FROM blobs WHERE name = 'matcher'")) as { ct: Buffer }[];
    b!.ct[b!.ct.length - 3] = b!.ct[b!.ct.length - 3]! ^ 1;
    await rawSql(f, "UPDATE blobs SET ct = ? WHERE name = 'matcher'", [b!.ct]);
    await expect(Vault.openWithRecovery({ dataDir }, recoveryKey)).rejects.toMatchObject({ code: 'E_VAULT_CORRUPT' });
  });
});

describe('keys (F1, F13)', () => {
  it('a wrong recovery key is refused; a mistyped one is caught by its checksum', async () => {
    const { vault, dataDir, recoveryKey } = await newVault();
    await vault.close();
    await expect(Vault.openWithRecovery({ dataDir }, generateRecoveryKey())).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(Vault.openWithRecovery({ dataDir }, typo)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_FORMAT' });
    const handwritten = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    await (await Vault.openWithRecovery({ dataDir }, handwritten)).close();
  });

  it('refuses to start without OS key protection, and writes nothing', async () => {
    const dataDir = join(tempDir(), 'data');
    await expect(Vault.create({ dataDir }, { protector: new AccountProtector(undefined, false) })).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
    expect(() => readdirSync(dataDir)).toThrow();
    const me = new AccountProtector();
    const { vault, dataDir: d2 } = await newVault(me);
    await vault.close();
    me.available = false;
    await expect(Vault.open({ dataDir: d2 }, me)).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE' });
  });

  it('another OS account or PC opens the copied folder only after enrolment with the recovery key', async () => {
    const me = new AccountProtector();
    const { vault, dataDir, recoveryKey } = await newVault(me);
    await vault.commit(sample());
    await vault.close();
    await (await Vault.open({ dataDir }, me)).close();
    const other = new AccountProtector();
    await expect(Vault.open({ dataDir }, other)).rejects.toMatchObject({ code: 'E_VAULT_ENROLMENT_REQUIRED' });
    await expect(Vault.enrol({ dataDir }, other, generateRecoveryKey(), 'pc2')).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    await (await Vault.enrol({ dataDir }, other, recoveryKey, 'pc2')).close();
    const v = await Vault.open({ dataDir }, other);
    expect((await v.status()).persons).toBe(150);
    await v.close();
  });
});

describe('sealed fields need an approver or the recovery key (F1, F4)', () => {
  it('opens with the recovery key or an approver PIN key, never with a wrong key', async () => {
    const { vault, recoveryKey } = await newVault();
    await vault.commit(sample());
    expect(await vault.openSealed('D0001', 'address', { recoveryKey })).toBe('神奈川県中郡二宮町富士見が丘5丁目5番2号');
    expect(await vault.openSealed('D0001', 'katagaki', { recoveryKey })).toBeUndefined();
    const pinKek = Buffer.alloc(32, 7);
    await expect(vault.addPrivateKeyWrap('lead:L001', pinKek, { wrapId: 'lead:L002', kek: pinKek })).rejects.toMatchObject({ code: 'E_SEAL_UNLOCK_REFUSED' });
    await vault.addPrivateKeyWrap('lead:L001', pinKek, { recoveryKey });
    expect(await vault.openSealed('D0001', 'honseki', { wrapId: 'lead:L001', kek: pinKek })).toBe('神奈川県中郡二宮町富士見が丘2939番地');
    await expect(vault.openSealed('D0001', 'address', { wrapId: 'lead:L001', kek: Buffer.alloc(32, 8) })).rejects.toMatchObject({ code: 'E_SEAL_UNLOCK_REFUSED' });
    await expect(vault.openSealed('D0001', 'address', { wrapId: 'recovery', kek: pinKek })).rejects.toMatchObject({ code: 'E_SEAL_UNLOCK_REFUSED' });
    expect((await vault.status()).approverWraps).toBe(1);
    await vault.close();
  });

  it('the data key alone opens no sealed field and no sealing-key wrap', async () => {
    const me = new AccountProtector();
    const { vault, dataDir } = await newVault(me);
    await vault.commit(sample());
    await vault.close();
    const dataKey = me.lastPlain!;
    const keys = [dataKey, ...Object.values(deriveSubKeys(dataKey))];
    const rows = (await rawSql(dbFile(dataDir), "SELECT rid, epoch, s_address FROM persons WHERE rid = 'D0001'")) as { rid: string; epoch: number; s_address: Buffer }[];
    const wraps = (await rawSql(dbFile(dataDir), 'SELECT wrap_id, blob FROM seal_key_wraps')) as { wrap_id: string; blob: Buffer }[];
    for (const k of keys) {
      expect(aead.tryOpen(k, rows[0]!.s_address, `cs/v1|sealed|D0001|address|${rows[0]!.epoch}`)).toBeUndefined();
      for (const w of wraps) expect(aead.tryOpen(k, w.blob, `cs/v1|sealwrap|${w.wrap_id}`)).toBeUndefined();
    }
  });
});

describe('matching through the vault (F2)', () => {
  it('finds a person by the blind index after reopening', async () => {
    const { vault, dataDir, recoveryKey } = await newVault();
    await vault.commit(sample());
    await vault.close();
    const v = await Vault.openWithRecovery({ dataDir }, recoveryKey);
    expect(v.match({ name: '伊藤 蒼', dob: '昭和45年2月5日' })).toMatchObject({ decision: 'match', ids: ['D0001'] });
    expect(v.match({ name: '存在しない 人', dob: '2001-01-01' }).decision).toBe('none');
    await v.close();
  });
});

describe('services that live in the vault', () => {
  it('derive distinct, stable service keys and keep their own migrated tables', async () => {
    const { migrateSubsystem } = await import('../../../electron/core/vault/schema');
    const dir = await (await import('node:fs/promises')).mkdtemp((await import('node:path')).join((await import('node:os')).tmpdir(), 'cs-svc-'));
    const { Vault } = await import('../../../electron/core/vault/vault');
    const { vault, recoveryKey } = await Vault.create({ dataDir: dir });
    const a = vault.serviceKey('audit-mac');
    expect(a).toHaveLength(32);
    expect(vault.serviceKey('audit-mac')).toEqual(a);
    expect(vault.serviceKey('staff-records')).not.toEqual(a);
    await migrateSubsystem(vault.database, 'demo', ['CREATE TABLE demo_a (x INTEGER)', 'CREATE TABLE demo_b (y INTEGER)']);
    await migrateSubsystem(vault.database, 'demo', ['CREATE TABLE demo_a (x INTEGER)', 'CREATE TABLE demo_b (y INTEGER)']);
    await vault.close();
    const again = await Vault.openWithRecovery({ dataDir: dir }, recoveryKey);
    expect(again.serviceKey('audit-mac')).toEqual(a);
    expect(await again.database.get<{ version: number }>("SELECT version FROM subsystem_versions WHERE name = 'demo'")).toEqual({ version: 2 });
    await expect(migrateSubsystem(again.database, 'demo', ['CREATE TABLE demo_a (x INTEGER)'])).rejects.toMatchObject({ code: expect.stringMatching(/^E_VAULT/) });
    await again.close();
    expect(() => again.serviceKey('audit-mac')).toThrow();
    expect(() => again.database).toThrow();
  });
});

describe('new 本籍 on a protected lot (SPEC F6)', () => {
  it('finds the protected person whose sealed address shares place and lot with a typed 本籍, without opening it', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'cs-lot-'));
    const { vault, recoveryKey } = await Vault.create({ dataDir: dir });
    const bytes = readFileSync(join(FIXTURES, 'protected-sample.csv'));
    const parsed = parseProtectedList(bytes);
    if (!parsed.ok) throw new Error('fixture did not parse');
    expect((await vault.commit(bytes)).ok).toBe(true);
    // Take a real protected address from the list, write it as a clerk would write a 本籍 on the same 街区.
    const target = parsed.persons.find((p) => /丁目\d+番/.test(p.address))!;
    const [, place, chome, ban] = target.address.match(/^(.*?)(\d+)丁目(\d+)番/)!;
    const honseki = `${place}${'〇一二三四五六七八九'[Number(chome)] ?? chome}丁目${ban}番地`;
    expect(vault.matchLot(honseki)).toContain(target.id);
    expect(vault.matchLot(`${place}${chome}丁目${Number(ban) + 1000}番地`)).not.toContain(target.id);
    await vault.close();
    const again = await Vault.openWithRecovery({ dataDir: dir }, recoveryKey);
    expect(again.matchLot(honseki)).toContain(target.id);
    await again.close();
  });
});
