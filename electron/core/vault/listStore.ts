/**
 * The stored list (SPEC F1, F2): the encrypted rows, the blind indexes beside them and the keyed roster, as every
 * writer of the list stores them inside its own transaction — an import (vault.ts), a hand entry, a re-key
 * (rekey.ts), a new vault — and as open reads them back. One place, so that no writer can store a roster or an
 * index another one does not read the same way.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import type { AddressIndex } from '../mailing/addressIndex';
import type { LotIndex, Matcher } from '../matching';
import { indexFromBytes, rebuildIndex, sealAddresses, sealIndexParts, sealLots } from './blindIndex';
import type { Db } from './db';
import { vaultErrors } from './errors';
import { hmac, type SubKeys } from './keys';
import { decodeBody, encodeRow } from './records';
import { newSealEpoch } from './sealedBox';
import { dropOrphanTags, writeSealTags } from './sealTags';

/** Rows per INSERT statement. */
export const INSERT_CHUNK = 100;
/** Chunks sqlite writes while the next ones are encrypted: enough to keep it busy, few enough not to hold the list's ciphertext. */
const IN_FLIGHT_CHUNKS = 4;
/** The rows of the blind index (blindIndex.ts: `matcher`, `matcher.1`, …). */
export const INDEX_ROWS = "(name = 'matcher' OR name GLOB 'matcher.[0-9]*')";
const COLS = 7;

/** One INSERT of `rows` persons (the column order of records.ts `encodeRow`). */
export function insertSql(rows: number): string {
  const one = `(${new Array(COLS).fill('?').join(',')})`;
  return `INSERT INTO persons (rid, body, s_address, s_katagaki, s_honseki, s_note, epoch) VALUES ${new Array(rows).fill(one).join(',')}`;
}

export async function setMeta(db: Db, key: string, value: string | Uint8Array): Promise<void> {
  await db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [key, value]);
}

export async function getMeta(db: Db, key: string): Promise<Buffer | string | undefined> {
  return (await db.get<{ value: Buffer | string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;
}

/** The list version every write binds its plan, index and roster to. */
export async function listVersion(db: Db): Promise<number> {
  const v = Number(await getMeta(db, 'list_version'));
  if (!Number.isInteger(v) || v < 0) throw vaultErrors.corrupt('list-version');
  return v;
}

/** How many times this lineage's keys were made again (rekey.ts; 0 before the first re-key). */
export async function keyGeneration(db: Db): Promise<number> {
  return Number((await getMeta(db, 'key_generation')) ?? 0);
}

/** A keyed digest of who is on the list: a row deleted behind the vault's back is detected, not ignored. */
export function rosterMac(sub: SubKeys, version: number, ids: string[]): Buffer {
  return hmac(sub.roster, String(version), ...[...ids].sort());
}

/** The indexes of a list version and its roster, in place of the previous ones (inside the caller's transaction). */
export async function storeIndexes(
  db: Db,
  sub: SubKeys,
  version: number,
  stored: { index: Uint8Array; lots: LotIndex; addresses: AddressIndex; ids: readonly string[] },
): Promise<void> {
  await db.run(`DELETE FROM blobs WHERE ${INDEX_ROWS}`);
  for (const part of sealIndexParts(sub, stored.index, version)) await db.run('INSERT INTO blobs (name, ct) VALUES (?, ?)', [part.name, part.ct]);
  await db.run("INSERT INTO blobs (name, ct) VALUES ('lots', ?) ON CONFLICT(name) DO UPDATE SET ct = excluded.ct", [sealLots(sub, stored.lots, version)]);
  await db.run("INSERT INTO blobs (name, ct) VALUES ('addresses', ?) ON CONFLICT(name) DO UPDATE SET ct = excluded.ct", [sealAddresses(sub, stored.addresses, version)]);
  await setMeta(db, 'list_version', String(version));
  await setMeta(db, 'roster_mac', rosterMac(sub, version, [...stored.ids]));
}

/**
 * An index from an older matcher, rebuilt from the bodies (each opened and checked under the data key) and
 * stored in place of the old one, bound to the same list version; the list itself is not touched.
 */
export async function rebuildStoredIndex(db: Db, sub: SubKeys, version: number): Promise<Matcher> {
  const rows = await db.all<{ rid: string; body: Buffer }>('SELECT rid, body FROM persons ORDER BY rid');
  const matcher = rebuildIndex(sub, rows.map((r) => decodeBody(sub, r.rid, r.body)));
  await db.transaction(async () => {
    await db.run(`DELETE FROM blobs WHERE ${INDEX_ROWS}`);
    for (const part of sealIndexParts(sub, matcher.serialize(), version)) await db.run('INSERT INTO blobs (name, ct) VALUES (?, ?)', [part.name, part.ct]);
  });
  return matcher;
}

/** What an import's list write needs from the vault that runs it. */
export interface ListWriter {
  db: Db;
  sub: SubKeys;
  sealPublicKey: Buffer;
  now: () => Date;
  /** The import's kill points (vault.ts IMPORT_STEPS) that fall inside the write. */
  fault: (step: 'rows-written' | 'index-written') => void;
}

/**
 * Replaces the list inside the caller's transaction (Vault.commit). `persons` is consumed: each entry is released
 * once its row is encrypted, so a 100,000-person import does not hold the list and its ciphertext at once. The rows
 * are encrypted here while sqlite writes the previous chunks on its own thread; the index (from the worker, or
 * already built) is awaited inside the transaction, so a failed build leaves the previous list.
 */
export async function replaceList(
  w: ListWriter,
  persons: (ProtectedPerson | undefined)[],
  index: Promise<Matcher | Uint8Array>,
  lots: LotIndex,
  addresses: AddressIndex,
  progress?: (d: number, t: number) => void,
  rowsWritten?: () => void,
  keep: readonly string[] = [],
): Promise<Matcher> {
  const { db, sub } = w;
  const version = (await listVersion(db)) + 1;
  const epochRow = await db.get<{ e: number | null }>('SELECT MAX(epoch) AS e FROM seal_epochs');
  const epoch = (epochRow?.e ?? 0) + 1;
  const { ephPub, key: epochKey } = newSealEpoch(w.sealPublicKey);
  const ids = [...persons.map((p) => p!.id), ...keep];
  if (keep.length === 0) await db.run('DELETE FROM persons');
  else await db.run(`DELETE FROM persons WHERE rid NOT IN (${keep.map(() => '?').join(',')})`, [...keep]);
  await db.run('INSERT INTO seal_epochs (epoch, eph_pub) VALUES (?, ?)', [epoch, ephPub]);
  const full = await db.prepare(insertSql(INSERT_CHUNK));
  const pending: Promise<void>[] = [];
  // Chunks in flight finish in any order (rows and tags are two statements each): the bar only ever moves forward,
  // so a chunk that finishes after a later one reports nothing, and the last report is the whole list.
  let reported = 0;
  try {
    for (let i = 0; i < persons.length; i += INSERT_CHUNK) {
      const chunk = persons.slice(i, i + INSERT_CHUNK) as ProtectedPerson[];
      persons.fill(undefined, i, i + chunk.length);
      const params = chunk.flatMap((p) => encodeRow(sub, epochKey, epoch, p));
      const done = i + chunk.length;
      const rows = chunk.length === INSERT_CHUNK ? full.run(params) : db.run(insertSql(chunk.length), params);
      const run = Promise.all([rows, writeSealTags(db, sub, ephPub, params)]).then(() => {
        if (done <= reported) return;
        reported = done;
        progress?.(done, persons.length);
      });
      run.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
      pending.push(run);
      if (pending.length >= IN_FLIGHT_CHUNKS) await pending.shift();
    }
    await Promise.all(pending);
  } finally {
    await Promise.allSettled(pending);
    await full.finalize();
  }
  await dropOrphanTags(db);
  rowsWritten?.();
  w.fault('rows-written');
  const built = await index;
  const indexBytes = built instanceof Uint8Array ? built : built.serialize();
  const matcher = built instanceof Uint8Array ? indexFromBytes(sub, built) : built;
  // A kept hand entry keeps the seal epoch it was entered under.
  await db.run('DELETE FROM seal_epochs WHERE epoch <> ? AND epoch NOT IN (SELECT epoch FROM persons)', [epoch]);
  await storeIndexes(db, sub, version, { index: indexBytes, lots, addresses, ids });
  await setMeta(db, 'last_import_at', w.now().toISOString());
  w.fault('index-written');
  return matcher;
}
