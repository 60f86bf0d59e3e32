/**
 * Sealing the sensitive fields (address, 方書, 本籍, 備考) to the vault's X25519 public key (SPEC F1/F4).
 * Import holds only the public key, so it can seal without any PIN; opening needs the private key, which is
 * stored only wrapped under the recovery key and approvers' PIN-derived keys — never under the data key.
 *
 * One ephemeral key pair per import ("epoch") rather than per field: 400,000 X25519 operations would cost
 * most of the 20-second import budget. Each field still has its own random nonce and its record id + field
 * name as additional data, so the epoch key never encrypts two fields in a way that can be swapped.
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { hkdf } from './keys';

export interface SealingKeyPair {
  publicKey: Buffer;
  privateKey: Buffer;
}

const EPOCH_INFO = 'countershield/v1/seal-epoch';

export function generateSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

function pub(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}
function priv(der: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

/** A new epoch for one import: the ephemeral public key is stored, its private half is forgotten. */
export function newSealEpoch(vaultPublicKey: Uint8Array): { ephPub: Buffer; key: Buffer } {
  const eph = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: pub(vaultPublicKey) });
  const ephPub = eph.publicKey.export({ format: 'der', type: 'spki' });
  return { ephPub, key: hkdf(shared, Buffer.concat([ephPub, vaultPublicKey]), EPOCH_INFO) };
}

export function openSealEpoch(vaultPrivateKey: Uint8Array, vaultPublicKey: Uint8Array, ephPub: Uint8Array): Buffer {
  const shared = diffieHellman({ privateKey: priv(vaultPrivateKey), publicKey: pub(ephPub) });
  return hkdf(shared, Buffer.concat([ephPub, vaultPublicKey]), EPOCH_INFO);
}
