/**
 * One ProtectedPerson ↔ one encrypted row. The body (names, readings, dates, 相手方) is encrypted under the
 * data key; each sealed field is encrypted under the import's seal-epoch key. The record id and field name
 * are the additional data of every ciphertext.
 */
import { SEALED_FIELDS, type ProtectedPerson, type SealedField } from '../../../shared/domain/person';
import * as aead from './aead';
import { hmac, type SubKeys } from './keys';
import { secretKeyOf } from './keyObjects';

/** What the data key can read: everything but the sealed fields, plus a keyed digest of those for diffs. */
export type PersonBody = Omit<ProtectedPerson, SealedField | 'formerAddress' | 'formerHonseki'> & { sealedDigest: string };

export const SEALED_COLUMNS: Record<SealedField, string> = {
  address: 's_address', katagaki: 's_katagaki', honseki: 's_honseki', note: 's_note',
};

const aadBody = (rid: string) => `cs/v1|person|${rid}|body`;
const aadSealed = (rid: string, field: SealedField, epoch: number) => `cs/v1|sealed|${rid}|${field}|${epoch}`;

/**
 * Lets a re-import tell "changed" from "unchanged" without opening sealed fields. Keyed, and kept inside the
 * encrypted body, so it is not an oracle for anyone without the data key (docs/vault.md, threat notes).
 */
export function sealedDigest(sub: SubKeys, p: ProtectedPerson): string {
  // 前住所 / 前本籍 join the digest only when given, so a list without them keeps the digests it had (no
  // re-import shows every person as changed after the upgrade).
  const former = (['formerAddress', 'formerHonseki'] as const).flatMap((f) => (p[f] === undefined ? [] : [`${f}=${p[f]}`]));
  return hmac(secretKeyOf(sub.fingerprint), p.id, ...SEALED_FIELDS.map((f) => (p[f] === undefined ? '\u0000' : `=${p[f]}`)), ...former).toString('base64');
}

export function bodyOf(sub: SubKeys, p: ProtectedPerson): PersonBody {
  // 前住所 / 前本籍 never enter the body: the vault keeps them as index tokens only (issue 21).
  const { address: _a, katagaki: _k, honseki: _h, note: _n, formerAddress: _fa, formerHonseki: _fh, ...rest } = p;
  return { ...rest, sealedDigest: sealedDigest(sub, p) };
}

export function encodeRow(sub: SubKeys, epochKey: Uint8Array, epoch: number, p: ProtectedPerson): unknown[] {
  const body = aead.seal(secretKeyOf(sub.record), Buffer.from(JSON.stringify(bodyOf(sub, p)), 'utf8'), aadBody(p.id));
  // Absent fields are sealed too (as a marker), so the database does not reveal who has a 方書 or 本籍.
  const sealKey = secretKeyOf(epochKey);
  const sealed = SEALED_FIELDS.map((f) => {
    const v = p[f];
    const plain = v === undefined ? Buffer.of(0) : Buffer.concat([Buffer.of(1), Buffer.from(v, 'utf8')]);
    return aead.seal(sealKey, plain, aadSealed(p.id, f, epoch));
  });
  return [p.id, body, ...sealed, epoch];
}

/** A body alone, for a hand entry whose sealed fields stay as they are (their digest is kept from the old body). */
export function encodeBody(sub: SubKeys, body: PersonBody): Buffer {
  return aead.seal(secretKeyOf(sub.record), Buffer.from(JSON.stringify(body), 'utf8'), aadBody(body.id));
}

export function decodeBody(sub: SubKeys, rid: string, blob: Uint8Array): PersonBody {
  const body = JSON.parse(aead.open(secretKeyOf(sub.record), blob, aadBody(rid), 'person').toString('utf8')) as PersonBody;
  if (body.id !== rid) throw new Error('record id mismatch');
  return body;
}

export function openSealedValue(epochKey: Uint8Array, rid: string, field: SealedField, epoch: number, blob: Uint8Array): string | undefined {
  const plain = aead.open(epochKey, blob, aadSealed(rid, field, epoch), 'sealed');
  return plain[0] === 0 ? undefined : plain.subarray(1).toString('utf8');
}
