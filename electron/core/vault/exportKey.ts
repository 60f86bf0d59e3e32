/**
 * The recovery key's public half (issue 17): an X25519 key pair derived from the recovery key, whose public key
 * alone is kept in the vault. A backup is encrypted to that public key, so IT takes a routine backup with an
 * administrator's PIN — and the file still yields nothing without the recovery key (SPEC F1), because only the
 * recovery key derives the private half. Composition only: X25519, HKDF-SHA256 and AES-256-GCM from node:crypto.
 *
 * The public key is sealed under a vault service key: someone who can edit the database file but lacks the data
 * key cannot swap in a key of their own and have the next backup encrypted to them.
 */
import { createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as aead from './aead';
import { hkdf } from './keys';
import { deriveRecoveryKeks, parseRecoveryKey } from './recoveryKey';
import { migrateSubsystem } from './schema';
import type { Vault } from './vault';

/** A fixed salt: the key has 160 bits of entropy; the salt only separates this use from every other scrypt run. */
const SALT = createHash('sha256').update('countershield/v1/export-key-salt').digest().subarray(0, 16);
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const PIN_AAD = 'cs/v1|export-key|public';
const ENVELOPE_INFO = 'countershield/v2/export-envelope';

export const EXPORT_KEY_MIGRATIONS: readonly string[] = ['CREATE TABLE export_key (id INTEGER PRIMARY KEY CHECK (id = 1), value BLOB NOT NULL);'];

export interface ExportKeyPair { privateKey: KeyObject; publicKey: Buffer }

export function deriveExportKey(recoveryKey: string): ExportKeyPair {
  const { dataKek, sealKek } = deriveRecoveryKeks(parseRecoveryKey(recoveryKey), SALT);
  const seed = hkdf(dataKek, Buffer.alloc(0), 'countershield/v1/export-key-seed');
  dataKek.fill(0);
  sealKek.fill(0);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  seed.fill(0);
  return { privateKey, publicKey: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) };
}

export const exportKeyFingerprint = (publicKey: Uint8Array): string => createHash('sha256').update(publicKey).digest('hex').slice(0, 32);

/** Stores the public key (checked against the vault's own recovery slot first). Returns whether it was new. */
export async function pinExportKey(vault: Vault, recoveryKey: string): Promise<boolean> {
  await vault.verifyRecoveryKey(recoveryKey);
  const { publicKey } = deriveExportKey(recoveryKey);
  const before = await pinnedExportKey(vault);
  if (before?.equals(publicKey)) return false;
  await vault.database.run('INSERT OR REPLACE INTO export_key (id, value) VALUES (1, ?)', [aead.seal(vault.serviceKey('export-key-pin'), publicKey, PIN_AAD)]);
  return true;
}

/** The pinned public key, or undefined for a vault made before issue 17 that never saw its recovery key since. */
export async function pinnedExportKey(vault: Vault): Promise<Buffer | undefined> {
  await migrateSubsystem(vault.database, 'export-key', EXPORT_KEY_MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>('SELECT value FROM export_key WHERE id = 1');
  return row ? aead.open(vault.serviceKey('export-key-pin'), row.value, PIN_AAD, 'export-key') : undefined;
}

export interface Envelope { eph: string; to: string }

const pub = (der: Uint8Array) => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });

function envelopeKey(shared: Buffer, ephPub: Buffer, recipient: Buffer): Buffer {
  const k = hkdf(shared, Buffer.concat([ephPub, recipient]), ENVELOPE_INFO);
  shared.fill(0);
  return k;
}

/** A fresh ephemeral key per file; `aad` binds the file's header (which carries the envelope) to its body. */
export function sealTo(recipient: Buffer, plain: Uint8Array, aad: (env: Envelope) => string): { envelope: Envelope; body: Buffer } {
  const eph = generateKeyPairSync('x25519');
  const ephPub = eph.publicKey.export({ format: 'der', type: 'spki' });
  const key = envelopeKey(diffieHellman({ privateKey: eph.privateKey, publicKey: pub(recipient) }), ephPub, recipient);
  const envelope = { eph: ephPub.toString('base64'), to: exportKeyFingerprint(recipient) };
  const body = aead.seal(key, plain, aad(envelope));
  key.fill(0);
  return { envelope, body };
}

/** Undefined when the recovery key is not the one the file was made for, or any byte was changed. */
export function openFrom(recoveryKey: string, envelope: Envelope, body: Uint8Array, aad: string): Buffer | undefined {
  const me = deriveExportKey(recoveryKey);
  if (envelope.to !== exportKeyFingerprint(me.publicKey)) return undefined;
  let ephPub: Buffer;
  try {
    ephPub = Buffer.from(envelope.eph, 'base64');
    const key = envelopeKey(diffieHellman({ privateKey: me.privateKey, publicKey: pub(ephPub) }), ephPub, me.publicKey);
    const plain = aead.tryOpen(key, body, aad);
    key.fill(0);
    return plain ?? undefined;
  } catch {
    return undefined;
  }
}
