/** The list bundle (SPEC F13): signed and encrypted, refused on any change, and never a silent removal. */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, pinnedSigner, pinSigner } from '../../../electron/core/bundle';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { FIXTURES, tempDir } from '../vault/helpers';

const SAMPLE = readFileSync(join(FIXTURES, 'protected-sample.csv'));
const now = new Date('2026-05-11T00:00:00Z');
const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

/** The municipality's vault, and a second counter PC restored from its backup (same lineage, own folder). */
async function twoTerminals(): Promise<{ a: Vault; b: Vault; key: string; bDir: string }> {
  const aDir = tempDir('cs-bundle-a-');
  const { vault: a, recoveryKey: key } = await Vault.create({ dataDir: aDir });
  // First-run setup pins the signer before the vault is copied to other PCs.
  await pinSigner(a, key);
  const backup = join(tempDir('cs-bundle-bk-'), 'vault.csbackup');
  await writeBackup(a, aDir, backup, key, now);
  const bDir = tempDir('cs-bundle-b-');
  await restoreBackup({ dataDir: bDir }, backup, key);
  const b = await Vault.openWithRecovery({ dataDir: bDir }, key);
  open.push(a, b);
  expect((await a.commit(SAMPLE)).ok).toBe(true);
  return { a, b, key, bDir };
}

/** Persons compared by 管理番号 and a keyed digest of everything else: no plaintext in assertion output. */
function digests(persons: ProtectedPerson[], k: Buffer): Map<string, string> {
  return new Map(persons.map((p) => [p.id, createHmac('sha256', k).update(JSON.stringify(p, Object.keys(p).sort())).digest('hex')]));
}

function csvWithout(rows: number): Buffer {
  const lines = SAMPLE.toString('utf8').split(/\r?\n/);
  return Buffer.from([lines[0], ...lines.slice(1 + rows)].join('\n'), 'utf8');
}

describe('list bundle', () => {
  it('a round trip gives the other terminal the same persons, sealed fields included', async () => {
    const { a, b, key } = await twoTerminals();
    const { file, persons } = await exportBundle(a, key, now);
    expect(persons).toBe((await a.status()).persons);
    const r = await importBundle(b, file);
    expect(r).toMatchObject({ ok: true, committed: true });
    const k = randomBytes(32);
    const da = digests(await a.exportPersons({ recoveryKey: key }), k);
    const db = digests(await b.exportPersons({ recoveryKey: key }), k);
    expect(db.size).toBe(da.size);
    expect([...db.entries()]).toEqual([...da.entries()]);
  });

  it('the file holds no name, address or 管理番号 in the clear', async () => {
    const { a, key } = await twoTerminals();
    const { file } = await exportBundle(a, key, now);
    const people = await a.exportPersons({ recoveryKey: key });
    for (const p of people.slice(0, 20)) {
      for (const v of [p.id, p.name, p.address]) expect(file.includes(Buffer.from(v, 'utf8'))).toBe(false);
    }
  });

  it('flipping any byte is refused before anything changes', async () => {
    const { a, b, key } = await twoTerminals();
    const { file } = await exportBundle(a, key, now);
    const before = await b.status();
    const positions = [0, 8, 10, 20, 60, Math.floor(file.length / 2), file.length - 70, file.length - 30, file.length - 1];
    for (const pos of positions) {
      const bad = Buffer.from(file);
      bad[pos]! ^= 0x01;
      const err = await importBundle(b, bad).then(() => null, (e: { code: string }) => e.code);
      expect(err, `byte ${pos}`).toMatch(/^E_BUNDLE_(TAMPERED|FORMAT|SIGNER_UNKNOWN)$/);
    }
    await expect(importBundle(b, file.subarray(0, file.length - 1))).rejects.toMatchObject({ code: expect.stringMatching(/^E_BUNDLE_/) });
    expect(await b.status()).toEqual(before);
  });

  it('a bundle made with another recovery key is refused, and so is a wrong recovery key', async () => {
    const { b, key } = await twoTerminals();
    const otherDir = tempDir('cs-bundle-x-');
    const { vault: other, recoveryKey: otherKey } = await Vault.create({ dataDir: otherDir });
    open.push(other);
    await other.commit(SAMPLE);
    const { file } = await exportBundle(other, otherKey, now);
    await expect(importBundle(b, file, { recoveryKey: key })).rejects.toMatchObject({ code: 'E_BUNDLE_SIGNER_UNKNOWN' });
    await expect(importBundle(b, file, { recoveryKey: otherKey })).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    expect((await b.status()).listVersion).toBe(0);
  });

  it('without a pinned signer the app-side import refuses; the recovery key pins it', async () => {
    // A vault copied before anyone pinned the signer (made with the CLI's init, restored on a second PC).
    const aDir = tempDir('cs-bundle-old-');
    const { vault: a, recoveryKey: key } = await Vault.create({ dataDir: aDir });
    open.push(a);
    const backup = join(tempDir('cs-bundle-bk2-'), 'v.csbackup');
    await writeBackup(a, aDir, backup, key, now);
    const bDir = tempDir('cs-bundle-c-');
    await restoreBackup({ dataDir: bDir }, backup, key);
    const b = await Vault.openWithRecovery({ dataDir: bDir }, key);
    open.push(b);
    await a.commit(SAMPLE);
    const { file } = await exportBundle(a, key, now);
    expect(await pinnedSigner(b)).toBeUndefined();
    await expect(importBundle(b, file)).rejects.toMatchObject({ code: 'E_BUNDLE_SIGNER_NOT_PINNED' });
    expect((await importBundle(b, file, { recoveryKey: key, dryRun: true })).ok).toBe(true);
    expect(await pinnedSigner(b)).toBeDefined();
    expect(await importBundle(b, file)).toMatchObject({ ok: true, committed: true });
  });

  it('a bundle that removes persons needs confirmation, and the plan names them', async () => {
    const { a, b, key } = await twoTerminals();
    expect((await importBundle(b, (await exportBundle(a, key, now)).file)).ok).toBe(true);
    expect((await a.commit(csvWithout(3), { confirmRemovals: true })).ok).toBe(true);
    const { file } = await exportBundle(a, key, now);
    const before = await b.status();
    const dry = await importBundle(b, file, { dryRun: true });
    expect(dry.ok && dry.summary.removed).toHaveLength(3);
    const refused = await importBundle(b, file);
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_IMPORT_CONFIRM_REQUIRED' } });
    expect(await b.status()).toEqual(before);
    const planHash = dry.ok ? dry.summary.planHash : '';
    const done = await importBundle(b, file, { confirmRemovals: true, planHash });
    expect(done).toMatchObject({ ok: true, committed: true });
    expect((await b.status()).persons).toBe(before.persons - 3);
  });
});
