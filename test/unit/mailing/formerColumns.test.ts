import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { parseProtectedList } from '../../../electron/core/import/parseList';
import { Vault } from '../../../electron/core/vault/vault';
import { UNMASK_REASON_CODES } from '../../../shared/domain/unmask';
import { unmaskChannels } from '../../../shared/ipc/unmask';
import { testNow } from '../../clock';
import { FIXTURES, tempDir } from '../vault/helpers';
import { fixture, listPersons } from './helpers';

const HEAD = '管理番号,氏名,生年月日,住所,開始日';
const utf8 = (s: string) => new TextEncoder().encode(s);

async function vaultWith(bytes: Uint8Array) {
  const dataDir = join(tempDir('cs-mailing-'), 'data');
  const { vault } = await Vault.create({ dataDir, clock: testNow });
  const r = await vault.commit(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { vault, dataDir };
}

describe('前住所 and 前本籍 in the list (optional columns)', () => {
  it('are read when present and a list without them stays valid', () => {
    const withCols = parseProtectedList(utf8(`${HEAD},前住所,前本籍\nX1,今井　蓮,1980-01-01,架空市本町1丁目1番1号,2026-04-01,架空市栄町2丁目3番4号,架空市港南100番地`));
    const without = parseProtectedList(utf8(`${HEAD}\nX1,今井　蓮,1980-01-01,架空市本町1丁目1番1号,2026-04-01`));
    expect(withCols.ok && withCols.persons[0]).toMatchObject({ formerAddress: '架空市栄町2丁目3番4号', formerHonseki: '架空市港南100番地' });
    expect(without.ok && without.persons[0]!.formerAddress).toBeUndefined();
    expect(parseProtectedList(readFileSync(join(FIXTURES, 'protected-sample.csv'))).ok).toBe(true);
  });

  it('are refused with a Japanese row message when over-long', () => {
    const r = parseProtectedList(utf8(`${HEAD},前住所\nX1,今井　蓮,1980-01-01,架空市本町1丁目1番1号,2026-04-01,${'あ'.repeat(201)}`));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 2, column: '前住所', code: 'E_IMPORT_TOO_LONG' });
  });

  it('never reach the disk as text: the vault keeps them as keyed tokens only', async () => {
    const { vault, dataDir } = await vaultWith(fixture('list.csv'));
    await vault.close();
    const words = listPersons().flatMap((p) => [p.formerAddress, p.formerHonseki]).filter((w): w is string => !!w);
    expect(words.length).toBeGreaterThan(4);
    for (const f of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
      if (statSync(join(dataDir, f)).isDirectory()) continue;
      const bytes = readFileSync(join(dataDir, f));
      for (const w of words) expect(bytes.includes(Buffer.from(w, 'utf8')), `${f}`).toBe(false);
    }
  });

  it('are not in the decrypted body either (nothing can show them, not even with a grant)', async () => {
    const { vault } = await vaultWith(fixture('list.csv'));
    const view = await vault.person('M0002');
    expect(JSON.stringify(view)).not.toContain('架空市');
    expect('formerAddress' in view).toBe(false);
    await vault.close();
  });

  it('have no way onto a screen — issue 21 reads "sealed like 住所" as "no weaker than 住所": no unmask of them, not even the recovery key brings them back', async () => {
    const dataDir = join(tempDir('cs-mailing-'), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir, clock: testNow });
    expect((await vault.commit(fixture('list.csv'))).ok).toBe(true);
    // The two-PIN unmask names its field from a closed set; the old places are not in it, so no request can ask for them.
    const ask = (field: string) => unmaskChannels['unmask:request'].request.safeParse({ caseId: 'c1', recordId: 'M0002', field, reasonCode: UNMASK_REASON_CODES[0], pin: '271828' }).success;
    expect(ask('address')).toBe(true);
    for (const f of ['formerAddress', 'formerHonseki', '前住所', '前本籍']) expect(ask(f), f).toBe(false);
    // Even the recovery key's full export (bundles, packages, backup checks) carries no old place as text.
    const exported = await vault.exportPersons({ recoveryKey });
    const words = listPersons().flatMap((p) => [p.formerAddress, p.formerHonseki]).filter((w): w is string => !!w);
    const text = JSON.stringify(exported);
    for (const w of words) expect(text.includes(w), w).toBe(false);
    expect(exported.some((p) => p.formerAddress !== undefined || p.formerHonseki !== undefined)).toBe(false);
    await vault.close();
  });

  it('flag a new 本籍 on the lot of a 前住所 or a 前本籍, as on the current address', async () => {
    const { vault } = await vaultWith(fixture('list.csv'));
    const m2 = listPersons().find((p) => p.id === 'M0002')!;
    const m3 = listPersons().find((p) => p.id === 'M0003')!;
    expect(vault.matchLot(m2.formerAddress!)).toContain('M0002');
    expect(vault.matchLot(m3.formerHonseki!)).toContain('M0003');
    expect(vault.matchLot(m2.address)).toContain('M0002');
    await vault.close();
  });
});

describe('the vault address index', () => {
  it('answers current / former / other for a matched person, after a restart too', async () => {
    const dataDir = join(tempDir('cs-mailing-'), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir, clock: testNow });
    expect((await vault.commit(fixture('list.csv'))).ok).toBe(true);
    const m4 = listPersons().find((p) => p.id === 'M0004')!;
    const answers = (v: Vault) => [v.matchAddress('M0004', m4.address), v.matchAddress('M0004', m4.formerAddress!), v.matchAddress('M0004', '架空市本町9丁目9番9号')];
    expect(answers(vault)).toEqual(['current', 'former', 'other']);
    await vault.close();
    const reopened = await Vault.openFile({ dataDir, clock: testNow }, join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8').trim()), recoveryKey);
    expect(answers(reopened)).toEqual(['current', 'former', 'other']);
    await reopened.close();
  });

  it('answers `unknown` (the check then stops) when the index blob is missing — a vault from before issue 21, or a deleted row', async () => {
    const dataDir = join(tempDir('cs-mailing-'), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir, clock: testNow });
    expect((await vault.commit(fixture('list.csv'))).ok).toBe(true);
    await vault.close();
    const dbPath = join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8').trim());
    await new Promise<void>((res, rej) => {
      const db = new sqlite3.Database(dbPath);
      db.run("DELETE FROM blobs WHERE name = 'addresses'", (e) => db.close(() => (e ? rej(e) : res())));
    });
    const reopened = await Vault.openFile({ dataDir, clock: testNow }, dbPath, recoveryKey);
    const m2 = listPersons().find((p) => p.id === 'M0002')!;
    expect(reopened.matchAddress('M0002', m2.address)).toBe('unknown');
    await reopened.close();
  });
});

