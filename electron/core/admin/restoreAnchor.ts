/**
 * The audit head file after a restore (issue 17). The head beside the database exists to catch an older database
 * file put back (docs/audit.md): after a restore it is ahead of the restored log, and the next open would record a
 * truncation that stops unmasking. A restore by administrators, checked and recorded, is not that attack: the head
 * is re-anchored at the restored log's last entry (MACed with the restored vault's key, which only a holder of the
 * recovery key or a slot has), and the replaced head's number goes into the `vault.restored` entry.
 */
import { join } from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../vault/dataDir';
import { HEAD_FILE } from '../audit';
import { headKey, readHead, writeHead, type Head } from '../audit/head';
import type { Vault } from '../vault/vault';

export interface HeadAnchor { key: Buffer; head: Head | null }

/** Read from the checked candidate before the switch. */
export async function anchorOf(candidate: Vault): Promise<HeadAnchor> {
  const key = headKey(candidate.serviceKey('audit-mac'));
  const row = await candidate.database.get<Head>('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').catch(() => undefined);
  return { key, head: row ? { seq: row.seq, hash: row.hash, at: row.at } : null };
}

/** The head the live vault had (its number, for the record), read with the live vault's key before it closes. */
export async function replacedHeadSeq(live: Vault, dataDir: string): Promise<number | null> {
  const r = await readHead(join(dataDir, HEAD_FILE), headKey(live.serviceKey('audit-mac')));
  return r.state === 'ok' ? r.head.seq : null;
}

/** Re-anchors the head; the returned function puts the old head file back byte for byte (the restore was undone). */
export async function reanchor(dataDir: string, a: HeadAnchor): Promise<() => Promise<void>> {
  const file = join(dataDir, HEAD_FILE);
  const old = await readFile(file).catch(() => null);
  if (a.head) await writeHead(file, a.key, a.head);
  else await rm(file, { force: true });
  return async () => {
    if (old) await writeFileAtomic(file, old);
    else await rm(file, { force: true });
  };
}
