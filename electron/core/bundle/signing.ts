/**
 * The old bundle signer (before issue 17), still what the fleet's root and every terminal's pin are made from: an
 * Ed25519 key derived from the recovery key, never stored. Its public half is pinned in the vault (first-run setup,
 * terminal enrolment, the CLI given the recovery key). Since issue 17 bundles are signed by the lineage's stored key
 * (signerKey.ts), which this key endorses once; bundles this key signed still import.
 */
import { createPrivateKey, createPublicKey, createHash, sign, verify, type KeyObject } from 'node:crypto';
import * as aead from '../vault/aead';
import { hkdf } from '../vault/keys';
import { deriveRecoveryKeks, parseRecoveryKey } from '../vault/recoveryKey';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { ensureLineageSigner } from './signerKey';

/** A fixed salt: the key has 160 bits of entropy, the salt only separates this use from the vault's own KDF runs. */
const SIGNING_SALT = createHash('sha256').update('countershield/v1/bundle-signing-salt').digest().subarray(0, 16);
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const PIN_AAD = 'cs/v1|bundle|signer';

export const BUNDLE_MIGRATIONS: readonly string[] = [
  'CREATE TABLE bundle_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);',
];

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: Buffer;
}

export function deriveSigningKey(recoveryKey: string): SigningKey {
  const { dataKek, sealKek } = deriveRecoveryKeks(parseRecoveryKey(recoveryKey), SIGNING_SALT);
  const seed = hkdf(dataKek, Buffer.alloc(0), 'countershield/v1/bundle-signing-seed');
  dataKek.fill(0);
  sealKek.fill(0);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  seed.fill(0);
  return { privateKey, publicKey: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) };
}

export function fingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 32);
}

export function signBytes(key: SigningKey, data: Uint8Array): Buffer {
  return sign(null, data, key.privateKey);
}

export function verifyBytes(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }), signature);
  } catch {
    return false;
  }
}

/**
 * Stores the old signer's public key, sealed under a vault service key so an edit of the database is noticed, and
 * — the recovery key being at hand — makes the lineage's stored signing key if the vault has none yet (signerKey.ts).
 */
export async function pinSigner(vault: Vault, recoveryKey: string): Promise<Buffer> {
  await vault.verifyRecoveryKey(recoveryKey);
  const { publicKey } = deriveSigningKey(recoveryKey);
  await migrateSubsystem(vault.database, 'bundle', BUNDLE_MIGRATIONS);
  await vault.database.run('INSERT OR REPLACE INTO bundle_meta (key, value) VALUES (?, ?)', ['signer', aead.seal(vault.serviceKey('bundle-pin'), publicKey, PIN_AAD)]);
  await ensureLineageSigner(vault, recoveryKey);
  return publicKey;
}

/** The pinned public key, or undefined when none was pinned yet. A damaged pin is E_VAULT_CORRUPT (fail closed). */
export async function pinnedSigner(vault: Vault): Promise<Buffer | undefined> {
  await migrateSubsystem(vault.database, 'bundle', BUNDLE_MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>("SELECT value FROM bundle_meta WHERE key = 'signer'");
  return row ? aead.open(vault.serviceKey('bundle-pin'), row.value, PIN_AAD, 'bundle-signer') : undefined;
}
