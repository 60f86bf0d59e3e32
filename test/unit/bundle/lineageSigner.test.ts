/**
 * Issue 17: a list bundle is signed by the lineage's stored signer, so it is made without the recovery key (a lead's
 * wrap opens the sealed fields). Terminals that pinned only the old recovery-key signer accept it through the
 * old signer's one-time statement; bundles the old signer made still import; nothing else is trusted.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, lineageSignerPublic, pinnedSigner, pinSigner } from '../../../electron/core/bundle';
import { encodePayload } from '../../../electron/core/bundle/payload';
import { deriveSigningKey, fingerprint, signBytes } from '../../../electron/core/bundle/signing';
import * as aead from '../../../electron/core/vault/aead';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { hkdf, hmac } from '../../../electron/core/vault/keys';
import { Vault } from '../../../electron/core/vault/vault';
import { testNow } from '../../clock';
import { FIXTURES, tempDir } from '../vault/helpers';

const SAMPLE = readFileSync(join(FIXTURES, 'protected-sample.csv'));
const now = testNow();
const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

const LEAD = 'staff:L001';

/**
 * A municipality set up before issue 17: the old signer pinned, no stored signer yet (the row is removed to stand
 * for the earlier version), a second counter PC restored from that state. Then IT uses the recovery key once on
 * the first PC (back-fill), and a lead's wrap of the sealing key exists there.
 */
async function olderLineage(): Promise<{ a: Vault; b: Vault; key: string; kek: Buffer; aDir: string }> {
  const aDir = tempDir('cs-lin-a-');
  const { vault: a, recoveryKey: key } = await Vault.create({ dataDir: aDir });
  await pinSigner(a, key);
  await a.database.run("DELETE FROM bundle_meta WHERE key = 'signer-key-v2'");
  const backup = join(tempDir('cs-lin-bk-'), 'v.csbackup');
  await writeBackup(a, aDir, backup, key, now);
  const bDir = tempDir('cs-lin-b-');
  await restoreBackup({ dataDir: bDir }, backup, key);
  const b = await Vault.openWithRecovery({ dataDir: bDir }, key);
  open.push(a, b);
  expect((await a.commit(SAMPLE)).ok).toBe(true);
  const kek = randomBytes(32);
  await a.addPrivateKeyWrap(LEAD, kek, { recoveryKey: key });
  return { a, b, key, kek, aDir };
}

/** A bundle exactly as the version before issue 17 wrote it: signed by the recovery-key signer, no statement. */
async function oldFormatBundle(v: Vault, key: string): Promise<Buffer> {
  const persons = await v.exportPersons({ recoveryKey: key });
  const csv = encodePayload(persons, v.formerPlaceTokens(persons));
  const salt = randomBytes(16);
  const base = v.serviceKey('list-bundle');
  const signer = deriveSigningKey(key);
  const header = { format: 'countershield-bundle/v1', createdAt: now.toISOString(), keyId: hmac(base, 'key-id').toString('hex').slice(0, 16), salt: salt.toString('base64'), signer: fingerprint(signer.publicKey) };
  const hb = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(hb.length);
  const magic = Buffer.from('CSBUNDLE', 'ascii');
  const body = aead.seal(hkdf(base, salt, 'countershield/v1/list-bundle-encryption'), csv, Buffer.concat([magic, Buffer.of(1), hb]).toString('base64'));
  const signed = Buffer.concat([magic, Buffer.of(1), len, hb, body]);
  return Buffer.concat([signed, signBytes(signer, signed)]);
}

/** Rewrites a bundle's header (and re-signs with `sign`), keeping the body: what an attacker with a key of their own can make. */
function withHeader(file: Buffer, edit: (h: Record<string, unknown>) => void, sign: (b: Buffer) => Buffer): Buffer {
  const hlen = file.readUInt32BE(9);
  const h = JSON.parse(file.subarray(13, 13 + hlen).toString('utf8')) as Record<string, unknown>;
  edit(h);
  const hb = Buffer.from(JSON.stringify(h), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(hb.length);
  const signed = Buffer.concat([file.subarray(0, 9), len, hb, file.subarray(13 + hlen, file.length - 64)]);
  return Buffer.concat([signed, sign(signed)]);
}

describe('bundle signer of the lineage (issue 17)', () => {
  it('a vault made before issue 17 cannot export on PINs alone until the recovery key is used once, and says so', async () => {
    const { a, kek } = await olderLineage();
    await expect(exportBundle(a, { seal: { wrapId: LEAD, kek } }, now)).rejects.toMatchObject({ code: 'E_BUNDLE_SIGNER_NOT_SET' });
    expect(await lineageSignerPublic(a)).toBeUndefined();
  });

  it('after the one recovery-key use, a lead wrap alone exports, and a terminal that pinned only the old signer imports it', async () => {
    const { a, b, key, kek } = await olderLineage();
    await pinSigner(a, key);
    const signer = await lineageSignerPublic(a);
    expect(signer).toBeDefined();
    expect(await lineageSignerPublic(b)).toBeUndefined();
    const { file, persons, header } = await exportBundle(a, { seal: { wrapId: LEAD, kek } }, now);
    expect(header.signer).toBe(fingerprint(signer!));
    expect(header.signer).not.toBe(fingerprint((await pinnedSigner(b))!));
    expect(await importBundle(b, file)).toMatchObject({ ok: true, committed: true });
    expect((await b.status()).persons).toBe(persons);
  });

  it('the stored signer is made once: a second recovery-key use keeps the same key (every copy of the vault signs alike)', async () => {
    const { a, key } = await olderLineage();
    await pinSigner(a, key);
    const first = await lineageSignerPublic(a);
    await pinSigner(a, key);
    expect((await lineageSignerPublic(a))!.equals(first!)).toBe(true);
  });

  it('a wrong lead key opens nothing and writes nothing', async () => {
    const { a, key } = await olderLineage();
    await pinSigner(a, key);
    await expect(exportBundle(a, { seal: { wrapId: LEAD, kek: randomBytes(32) } }, now)).rejects.toMatchObject({ code: expect.stringMatching(/^E_/) });
  });

  it('a PIN-made bundle with any byte changed is refused by the old-signer terminal, and its list is unchanged', async () => {
    const { a, b, key, kek } = await olderLineage();
    await pinSigner(a, key);
    const { file } = await exportBundle(a, { seal: { wrapId: LEAD, kek } }, now);
    const before = await b.status();
    for (const pos of [10, 40, 200, Math.floor(file.length / 2), file.length - 70, file.length - 1]) {
      const bad = Buffer.from(file);
      bad[pos]! ^= 0x01;
      const err = await importBundle(b, bad).then(() => null, (e: { code: string }) => e.code);
      expect(err, `byte ${pos}`).toMatch(/^E_BUNDLE_(TAMPERED|FORMAT|SIGNER_UNKNOWN)$/);
    }
    expect(await b.status()).toEqual(before);
  });

  it('a signer of the attacker\'s own carrying a copied statement is refused (the statement names one key)', async () => {
    const { a, b, key, kek } = await olderLineage();
    await pinSigner(a, key);
    const { file } = await exportBundle(a, { seal: { wrapId: LEAD, kek } }, now);
    const mine = generateKeyPairSync('ed25519');
    const pub = mine.publicKey.export({ format: 'der', type: 'spki' });
    const forged = withHeader(file, (h) => {
      h.signerKey = pub.toString('base64');
      h.signer = fingerprint(pub);
    }, (s) => signBytes({ privateKey: mine.privateKey, publicKey: pub }, s));
    await expect(importBundle(b, forged)).rejects.toMatchObject({ code: 'E_BUNDLE_SIGNER_UNKNOWN' });
    expect((await b.status()).listVersion).toBe(0);
  });

  it('another lineage\'s bundle, with its own valid statement, is refused', async () => {
    const { b } = await olderLineage();
    const { vault: other, recoveryKey: otherKey } = await Vault.create({ dataDir: tempDir('cs-lin-x-') });
    open.push(other);
    await other.commit(SAMPLE);
    await pinSigner(other, otherKey);
    const kek = randomBytes(32);
    await other.addPrivateKeyWrap(LEAD, kek, { recoveryKey: otherKey });
    const { file } = await exportBundle(other, { seal: { wrapId: LEAD, kek } }, now);
    await expect(importBundle(b, file)).rejects.toMatchObject({ code: 'E_BUNDLE_SIGNER_UNKNOWN' });
  });

  it('a bundle the old recovery-key signer made (before issue 17) still imports, on old and new terminals alike', async () => {
    const { a, b, key, aDir } = await olderLineage();
    const old = await oldFormatBundle(a, key);
    expect(await importBundle(b, old)).toMatchObject({ ok: true, committed: true });
    // A terminal set up after issue 17 (its vault has the stored signer) trusts the old signer too.
    await pinSigner(a, key);
    const cDir = tempDir('cs-lin-c-');
    const bk = join(tempDir('cs-lin-bk3-'), 'v.csbackup');
    await writeBackup(a, aDir, bk, key, now);
    await restoreBackup({ dataDir: cDir }, bk, key);
    const c = await Vault.openWithRecovery({ dataDir: cDir }, key);
    open.push(c);
    expect(await lineageSignerPublic(c)).toBeDefined();
    expect((await importBundle(c, old, { dryRun: true })).ok).toBe(true);
  });
});
