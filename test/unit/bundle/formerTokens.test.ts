/**
 * Issue 21: the list bundle carries the 前住所 / 前本籍 tokens. The vault keeps those places as keyed tokens only,
 * so a bundle made of the exported persons alone left every other terminal without them: a letter to a
 * protected person's old address passed there, and a new 本籍 on a 前本籍's lot was not flagged.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, pinSigner } from '../../../electron/core/bundle';
import { decodePayload } from '../../../electron/core/bundle/payload';
import { personsToCsv } from '../../../electron/core/bundle/listCsv';
import { MailingService } from '../../../electron/core/mailing';
import { MemoryProbeCounters } from '../../../electron/core/mailing/probeStore';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import { testNow } from '../../clock';
import { fixture, KODOMO_MAPPING, listPersons, MemoryAudit, utf8 } from '../mailing/helpers';
import { tempDir } from '../vault/helpers';

const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

/** The station's vault with the list (前住所 and 前本籍 given), and a second PC of the same vault. */
async function twoTerminals(): Promise<{ a: Vault; b: Vault; key: string }> {
  const aDir = tempDir('cs-former-a-');
  const { vault: a, recoveryKey: key } = await Vault.create({ dataDir: aDir, clock: testNow });
  await pinSigner(a, key);
  const backup = join(tempDir('cs-former-bk-'), 'vault.csbackup');
  await writeBackup(a, aDir, backup, key, testNow());
  const bDir = tempDir('cs-former-b-');
  await restoreBackup({ dataDir: bDir }, backup, key);
  const b = await Vault.openWithRecovery({ dataDir: bDir, clock: testNow }, key);
  open.push(a, b);
  expect((await a.commit(fixture('list.csv'))).ok).toBe(true);
  return { a, b, key };
}

const persons = listPersons();
const m2 = persons.find((p) => p.id === 'M0002')!; // 前住所 given
const m3 = persons.find((p) => p.id === 'M0003')!; // 前本籍 given

describe('the list bundle and the 前住所 / 前本籍 (issue 21)', () => {
  it('gives the importing terminal the old places: a letter to the 前住所 stops there, and a new 本籍 on the 前本籍 is flagged', async () => {
    const { a, b, key } = await twoTerminals();
    const { file } = await exportBundle(a, key, testNow());
    expect(await importBundle(b, file)).toMatchObject({ ok: true, committed: true });
    expect(b.matchAddress(m2.id, m2.formerAddress!)).toBe('former');
    expect(b.matchAddress(m2.id, m2.address)).toBe('current');
    expect(b.matchLot(m3.formerHonseki!)).toContain(m3.id);
    const service = new MailingService({ directory: () => b, clock: testNow, counters: new MemoryProbeCounters(new MemoryAudit(), testNow) });
    const head = '宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日';
    const r = await service.check({ staffId: 'S1', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: utf8(`${head}\n${m2.name},${m2.kana},${m2.dob},${m2.formerAddress},,\n`) });
    expect(r.ok && r.results[0]).toMatchObject({ decision: 'stop', code: 'ADDRESS_NOT_PROTECTED' });
    expect(r.ok && r.summary.oldAddress).toBe(1);
  });

  it('carries tokens only: no 前住所 or 前本籍 text in the payload', async () => {
    const { a, key } = await twoTerminals();
    const exported = await a.exportPersons({ recoveryKey: key });
    const tokens = a.formerPlaceTokens(exported);
    expect(tokens.get(m2.id)?.address.length).toBeGreaterThan(0);
    expect(tokens.get(m3.id)?.lots.length).toBeGreaterThan(0);
    const text = JSON.stringify([...tokens]);
    for (const p of persons) for (const v of [p.formerAddress, p.formerHonseki]) if (v) expect(text.includes(v)).toBe(false);
  });

  it('still reads a bundle payload from before issue 21 (the CSV alone), without old places', () => {
    const v1 = personsToCsv(persons.slice(0, 2));
    const d = decodePayload(v1);
    expect(d.former).toBeUndefined();
    expect(d.csv.equals(v1)).toBe(true);
  });

  it('refuses a payload whose token part is not what the exporting terminal writes', () => {
    const bad = Buffer.from('{"format":"countershield-bundle-payload/v2","former":[["M0002",["西町1丁目"],[]]]}\n管理番号\n', 'utf8');
    expect(() => decodePayload(bad)).toThrow(expect.objectContaining({ code: 'E_BUNDLE_TAMPERED' }));
  });
});
