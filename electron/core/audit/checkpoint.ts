/**
 * Daily signed checkpoints (SPEC F10): Ed25519 over (sequence, head hash, time, terminal). The signing key
 * pair lives in the vault — the private half sealed with a key from serviceKey('audit-checkpoint') — and the
 * public half travels inside every exported checkpoint, with a short fingerprint the lead can compare on
 * paper. An exported file kept off the PC is the one anchor that survives an attacker who holds every key on
 * this PC: history up to it cannot be rewritten without the mismatch showing (docs/audit.md).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify as edVerify } from 'node:crypto';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { hkdf } from '../vault/keys';
import { auditErrors } from './errors';

import { jstDateTime } from './export';

export const CHECKPOINT_FORMAT = 'countershield-audit-checkpoint/v1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  headHash: string;
  at: string;
  terminal: string;
  publicKey: string;
  keyFingerprint: string;
  signature: string;
}

const AAD = 'cs/v1|audit|sign_priv';

export function signedMessage(c: Pick<Checkpoint, 'seq' | 'headHash' | 'at' | 'terminal'>): Buffer {
  return Buffer.from(`${CHECKPOINT_FORMAT}|${c.seq}|${c.headHash}|${c.at}|${c.terminal}`, 'utf8');
}

export function fingerprint(spki: Uint8Array): string {
  const hex = createHash('sha256').update(spki).digest('hex').slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

export interface SigningKeys { publicKey: Buffer; privateKey: Buffer | null }

/** Loads the pair, creating it on first use (only a writer with the checkpoint key can create it). */
export async function signingKeys(db: Db, checkpointServiceKey: Uint8Array | null, create: boolean): Promise<SigningKeys | null> {
  const pub = await db.get<{ value: Buffer }>("SELECT value FROM audit_meta WHERE key = 'sign_pub'");
  const priv = await db.get<{ value: Buffer }>("SELECT value FROM audit_meta WHERE key = 'sign_priv'");
  const k = checkpointServiceKey && hkdf(checkpointServiceKey, Buffer.alloc(0), 'countershield/v1/audit/sign-key-seal');
  if (pub && priv) {
    if (!k) return { publicKey: pub.value, privateKey: null };
    try {
      return { publicKey: pub.value, privateKey: aead.open(k, priv.value, AAD) };
    } catch {
      throw auditErrors.keyUnavailable();
    }
  }
  if (!create || !k) return null;
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' });
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  await db.run("INSERT INTO audit_meta (key, value) VALUES ('sign_pub', ?)", [publicKey]);
  await db.run("INSERT INTO audit_meta (key, value) VALUES ('sign_priv', ?)", [aead.seal(k, privateKey, AAD)]);
  return { publicKey, privateKey };
}

export function makeCheckpoint(keys: SigningKeys, c: { seq: number; headHash: string; at: string; terminal: string }): Checkpoint {
  if (!keys.privateKey) throw auditErrors.keyUnavailable();
  const key = createPrivateKey({ key: keys.privateKey, format: 'der', type: 'pkcs8' });
  return {
    format: CHECKPOINT_FORMAT, ...c,
    publicKey: keys.publicKey.toString('base64'),
    keyFingerprint: fingerprint(keys.publicKey),
    signature: sign(null, signedMessage(c), key).toString('base64'),
  };
}

/** Checks shape and signature against the key inside the file; the caller compares that key with the vault's. */
export function parseCheckpoint(text: string): Checkpoint {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw auditErrors.checkpointInvalid('json');
  }
  if (j.format !== CHECKPOINT_FORMAT || !Number.isSafeInteger(j.seq) || (j.seq as number) < 0) throw auditErrors.checkpointInvalid('format');
  for (const f of ['headHash', 'at', 'terminal', 'publicKey', 'signature'] as const) if (typeof j[f] !== 'string') throw auditErrors.checkpointInvalid(f);
  const c = j as unknown as Checkpoint;
  if (!checkSignature(c)) throw auditErrors.checkpointInvalid('signature');
  return { ...c, keyFingerprint: fingerprint(Buffer.from(c.publicKey, 'base64')) };
}

export function checkSignature(c: Checkpoint): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(c.publicKey, 'base64'), format: 'der', type: 'spki' });
    return edVerify(null, signedMessage(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The paper form: what a lead reads, countersigns and files. */
export function printableCheckpoint(c: Checkpoint): string {
  const groups = c.headHash.toUpperCase().match(/.{1,8}/g)!.join(' ');
  return [
    '窓口シールド 監査記録 確認点 / CounterShield audit checkpoint',
    '',
    `通し番号 / sequence      : ${c.seq}`,
    `作成日時 / time (JST)    : ${jstDateTime(c.at)}（日本時間）`,
    `　　　　 / time (UTC)    : ${c.at}`,
    `端末 / terminal          : ${c.terminal}`,
    `先頭ハッシュ / head hash : ${groups}`,
    `署名鍵の指紋 / key fingerprint: ${c.keyFingerprint}`,
    `署名 / signature (Ed25519): ${c.signature}`,
    '',
    'この紙は端末の外で保管してください。監査記録の検証時に、上記の値と一致することを確認します。',
    'Keep this sheet away from the PC. A later verification must show the same values.',
    '',
    '確認者1 / checked by (1): ____________________   日付 / date: __________',
    '確認者2 / checked by (2): ____________________   日付 / date: __________',
    '',
  ].join('\n');
}
