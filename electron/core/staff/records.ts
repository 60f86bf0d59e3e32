/**
 * Staff rows as ciphertext. The key is the vault's service key 'staff-records'; the additional data names
 * the staff id and the column, so a body or PIN record copied onto another staff member's row fails
 * authentication (E_VAULT_CORRUPT) instead of granting that member's roles or PIN.
 */
import type { Role } from '../ports';
import * as aead from '../vault/aead';
import type { Argon2Params } from './pinHash';

export const ROLES: readonly Role[] = ['clerk', 'lead', 'admin', 'contractor'];

export interface StaffBody {
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly retired: boolean;
}

export interface PinRecord {
  readonly params: Argon2Params;
  readonly salt: Buffer;
  readonly verifier: Buffer;
}

export function sealBody(key: Uint8Array, staffId: string, body: StaffBody): Buffer {
  return aead.seal(key, Buffer.from(JSON.stringify(body), 'utf8'), `cs/v1|staff|${staffId}|body`);
}

export function openBody(key: Uint8Array, staffId: string, blob: Uint8Array): StaffBody {
  const raw = JSON.parse(aead.open(key, blob, `cs/v1|staff|${staffId}|body`, 'staff').toString('utf8')) as StaffBody;
  return { displayName: String(raw.displayName), roles: raw.roles.filter((r) => ROLES.includes(r)), retired: raw.retired === true };
}

export function sealPin(key: Uint8Array, staffId: string, rec: PinRecord): Buffer {
  const json = JSON.stringify({ v: 1, ...rec.params, salt: rec.salt.toString('base64'), verifier: rec.verifier.toString('base64') });
  return aead.seal(key, Buffer.from(json, 'utf8'), `cs/v1|staff|${staffId}|pin`);
}

export function openPin(key: Uint8Array, staffId: string, blob: Uint8Array): PinRecord {
  const raw = JSON.parse(aead.open(key, blob, `cs/v1|staff|${staffId}|pin`, 'staff').toString('utf8')) as {
    m: number; t: number; p: number; salt: string; verifier: string;
  };
  return { params: { m: raw.m, t: raw.t, p: raw.p }, salt: Buffer.from(raw.salt, 'base64'), verifier: Buffer.from(raw.verifier, 'base64') };
}
