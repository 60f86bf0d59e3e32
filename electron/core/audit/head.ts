/**
 * The latest head kept outside the database (a small file beside it in the data folder), MACed with a key
 * from the vault. Restoring an older database file, or cutting rows off the end of the log, leaves this file
 * ahead of the database — which verify reports as truncation. The database is committed first and the file
 * written second, so after a crash the file can only lag (a prefix of the log), never lead.
 */
import { readFile } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { writeFileAtomic } from '../vault/dataDir';
import { hkdf, sameBytes } from '../vault/keys';

export const HEAD_FILE = 'audit-head.json';
const FORMAT = 'countershield-audit-head/v1';

export interface Head { seq: number; hash: string; at: string }
export type HeadRead = { state: 'absent' } | { state: 'invalid' } | { state: 'ok'; head: Head };

export function headKey(macServiceKey: Uint8Array): Buffer {
  return hkdf(macServiceKey, Buffer.alloc(0), 'countershield/v1/audit/head');
}

function macOf(key: Uint8Array, h: Head): string {
  return createHmac('sha256', key).update(`${FORMAT}|${h.seq}|${h.hash}|${h.at}`).digest('hex');
}

export async function writeHead(file: string, key: Uint8Array, head: Head): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, ...head, mac: macOf(key, head) })}\n`);
}

export async function readHead(file: string, key: Uint8Array): Promise<HeadRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { state: 'absent' };
  }
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    if (j.format !== FORMAT || !Number.isSafeInteger(j.seq) || typeof j.hash !== 'string' || typeof j.at !== 'string' || typeof j.mac !== 'string') return { state: 'invalid' };
    const head: Head = { seq: j.seq as number, hash: j.hash, at: j.at };
    const want = Buffer.from(macOf(key, head), 'hex');
    const got = Buffer.from(j.mac, 'hex');
    return sameBytes(want, got) ? { state: 'ok', head } : { state: 'invalid' };
  } catch {
    return { state: 'invalid' };
  }
}
