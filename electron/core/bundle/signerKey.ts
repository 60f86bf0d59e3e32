/**
 * The bundle signing key of a lineage (issue 17): an Ed25519 pair made once, its private half stored in the vault
 * wrapped under a service key of the data key, so an administrator's PIN is enough to sign a list bundle and the
 * recovery key stays for recovery, enrolment and key rotation. It is made (or back-filled on an older vault) the
 * first time the recovery key is used on the vault — first-run setup, a CLI run with the key — and at that moment
 * the recovery key's own signer (signing.ts, what every terminal pinned before issue 17) signs a one-time statement
 * "this public key signs the lineage's bundles". Every new bundle carries that statement, so a terminal that only
 * ever pinned the old signer accepts the new one; bundles signed by the old signer stay valid.
 * Trade-off (docs/IT.md): any PC of the lineage holds the data key and so, with code running as the app, could sign;
 * what ends a protection still needs two people at the receiving terminal (the import plan), as before.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as aead from '../vault/aead';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { BUNDLE_MIGRATIONS, deriveSigningKey, signBytes, verifyBytes, type SigningKey } from './signing';

const ROW = 'signer-key-v2';
const AAD = 'cs/v1|bundle|signer-key-v2';
const STATEMENT = 'countershield/v1/bundle-signer-endorsement|';

export interface LineageSigner extends SigningKey {
  /** The old (recovery-key) signer's signature over endorsementBytes(publicKey). */
  endorsement: Buffer;
}

export const endorsementBytes = (publicKey: Uint8Array): Buffer => Buffer.concat([Buffer.from(STATEMENT, 'ascii'), Buffer.from(publicKey)]);

/** True when `endorsement` is the statement for `publicKey` signed by `by` (an old signer this vault trusts). */
export function endorses(by: Uint8Array, publicKey: Uint8Array, endorsement: Uint8Array): boolean {
  return verifyBytes(by, endorsementBytes(publicKey), endorsement);
}

interface Stored { priv: string; pub: string; endorsement: string }

export async function loadLineageSigner(vault: Vault): Promise<LineageSigner | undefined> {
  await migrateSubsystem(vault.database, 'bundle', BUNDLE_MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>('SELECT value FROM bundle_meta WHERE key = ?', [ROW]);
  if (!row) return undefined;
  // A row that does not open under this vault's key is an edit of the database: fail closed (E_VAULT_CORRUPT).
  const s = JSON.parse(aead.open(vault.serviceKey('bundle-signer-key'), row.value, AAD, 'bundle-signer-key').toString('utf8')) as Stored;
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.from(s.priv, 'base64'), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: Buffer.from(s.pub, 'base64'), endorsement: Buffer.from(s.endorsement, 'base64') };
}

/** The lineage's public signer only (what a receiving terminal trusts besides the pinned old signer). */
export async function lineageSignerPublic(vault: Vault): Promise<Buffer | undefined> {
  return (await loadLineageSigner(vault))?.publicKey;
}

/**
 * Makes the pair once, with the old signer's statement; a vault that has one keeps it (every terminal restored
 * from the same backup signs with the same key). The caller has checked the recovery key against the vault.
 */
export async function ensureLineageSigner(vault: Vault, recoveryKey: string): Promise<LineageSigner> {
  const have = await loadLineageSigner(vault);
  if (have) return have;
  const { privateKey, publicKey: pubObj } = generateKeyPairSync('ed25519');
  const publicKey = pubObj.export({ format: 'der', type: 'spki' });
  const endorsement = signBytes(deriveSigningKey(recoveryKey), endorsementBytes(publicKey));
  const priv = privateKey.export({ format: 'der', type: 'pkcs8' });
  const stored: Stored = { priv: priv.toString('base64'), pub: publicKey.toString('base64'), endorsement: endorsement.toString('base64') };
  const blob = Buffer.from(JSON.stringify(stored), 'utf8');
  priv.fill(0);
  // INSERT OR IGNORE: two runs racing on one vault keep the first pair (the one both then read back).
  await vault.database.run('INSERT OR IGNORE INTO bundle_meta (key, value) VALUES (?, ?)', [ROW, aead.seal(vault.serviceKey('bundle-signer-key'), blob, AAD)]);
  blob.fill(0);
  return (await loadLineageSigner(vault)) ?? { privateKey, publicKey, endorsement };
}
