/**
 * The repository's keys (docs/fleet.md「役割と鍵」):
 *   root     1 of 1  — the lineage signing key, derived from the recovery key (bundle/signing.ts). It lives only on
 *                      the paper sheet, so root is signed offline, at setup and at key rotation, exactly as TUF intends.
 *   targets  2 of N  — one Ed25519 key per administrator; the private half is wrapped under a key derived from that
 *                      administrator's PIN (Argon2id with the pepper, staff/pinHash.ts) and kept in the station state.
 *                      Two administrators sign every terminal package: the rule is the threshold, not a screen.
 *   snapshot, timestamp, acks — one online key on the station, sealed under the station vault's service key, so the
 *                      station can re-sign freshness and acknowledged audit heads without waking two administrators.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { Key, Signature } from '@tufjs/models';
import * as aead from '../vault/aead';
import { hkdf } from '../vault/keys';

const SPKI_ED25519_PREFIX = 12;

export interface RoleKey {
  keyid: string;
  key: Key;
  /** Raw public key, hex (TUF's ed25519 keyval). */
  publicHex: string;
}

/** TUF's key id: SHA-256 of the canonical JSON of the public key object. */
export function roleKey(publicKey: KeyObject | Uint8Array): RoleKey {
  const spki = publicKey instanceof Uint8Array ? Buffer.from(publicKey) : publicKey.export({ format: 'der', type: 'spki' });
  const publicHex = spki.subarray(SPKI_ED25519_PREFIX).toString('hex');
  const canonical = `{"keytype":"ed25519","keyval":{"public":"${publicHex}"},"scheme":"ed25519"}`;
  const keyid = createHash('sha256').update(canonical).digest('hex');
  return { keyid, publicHex, key: new Key({ keyID: keyid, keyType: 'ed25519', scheme: 'ed25519', keyVal: { public: publicHex } }) };
}

export type TufSigner = (data: Buffer) => Signature;

export function signerFor(privateKey: KeyObject): { keyid: string; sign: TufSigner } {
  const { keyid } = roleKey(createPublicKey(privateKey));
  return { keyid, sign: (data) => new Signature({ keyID: keyid, sig: sign(null, data, privateKey).toString('hex') }) };
}

export function newKeyPair(): { privateDer: Buffer; keyid: string; publicHex: string } {
  const pair = generateKeyPairSync('ed25519');
  const { keyid, publicHex } = roleKey(pair.publicKey);
  return { privateDer: pair.privateKey.export({ format: 'der', type: 'pkcs8' }), keyid, publicHex };
}

export const privateKeyOf = (der: Uint8Array): KeyObject => createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });

/** An administrator's targets key as the station stores it: public, and private wrapped under the PIN-derived key. */
export interface WrappedAdminKey {
  adminId: string;
  keyid: string;
  publicHex: string;
  salt: string;
  wrapped: string;
}

const adminAad = (adminId: string, keyid: string) => `cs/v1|fleet|admin-key|${adminId}|${keyid}`;
const adminKek = (pinKek: Uint8Array, salt: Uint8Array) => hkdf(pinKek, salt, 'countershield/v1/fleet/targets-key-kek');

/**
 * `pinKek` is the 32-byte key the caller derived from the administrator's PIN (derivePinKeys → sealKek, or any
 * PIN-derived key); a second HKDF with its own salt separates this wrap from the lead wrap of the same PIN.
 */
export function wrapAdminKey(adminId: string, pinKek: Uint8Array): WrappedAdminKey {
  const pair = newKeyPair();
  const salt = randomBytes(16);
  const wrapped = aead.seal(adminKek(pinKek, salt), pair.privateDer, adminAad(adminId, pair.keyid));
  pair.privateDer.fill(0);
  return { adminId, keyid: pair.keyid, publicHex: pair.publicHex, salt: salt.toString('base64'), wrapped: wrapped.toString('base64') };
}

export function unwrapAdminKey(w: WrappedAdminKey, pinKek: Uint8Array): KeyObject | undefined {
  const der = aead.tryOpen(adminKek(pinKek, Buffer.from(w.salt, 'base64')), Buffer.from(w.wrapped, 'base64'), adminAad(w.adminId, w.keyid));
  if (!der) return undefined;
  const key = privateKeyOf(der);
  der.fill(0);
  return roleKey(createPublicKey(key)).keyid === w.keyid ? key : undefined;
}
