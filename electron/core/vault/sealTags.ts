/**
 * Tags of the sealed fields (issue 15): an HMAC-SHA-256 per person over that row's four sealed ciphertexts, under
 * a key derived from the data key. Why: a sealed field is encrypted under its import's epoch key, which only the
 * recovery key or an approver's PIN opens; a backup made with an administrator's PIN alone could therefore not
 * tell a damaged sealed field from a good one, and restore — which has the recovery key — refused the file later.
 * With the tags, anyone holding the data key (the vault opened with a PIN or the OS protector) authenticates every
 * sealed ciphertext without opening it and without the recovery key.
 *
 * What one tag binds: the 管理番号, the seal epoch and its ephemeral public key, and each ciphertext under its
 * field name — so a flipped byte, a ciphertext moved to another person or another field, or a row pointed at
 * another epoch all fail. One tag per row, not one per field: four HMAC calls per row would add about a second to
 * a 100,000-row import for no more protection (the field names are inside the one MAC); the error names the
 * 管理番号, which is all it may name anyway.
 *
 * The tags are written in the same transaction as the ciphertexts (import, hand entry). A vault from before the
 * tags is back-filled once at open, in one transaction: a kill part-way leaves no tags and no completion mark, and
 * the next open starts again (idempotent). The back-fill cannot open the fields, so its tags vouch only for the
 * ciphertexts as they were, damage included: it sets the back-fill mark, which the PIN-only check refuses
 * (E_VAULT_SEALED_UNCHECKED) until a full check that opens every field (Vault.verifyFull) has certified the tags.
 */
import { SEALED_FIELDS } from '../../../shared/domain/person';
import type { Db } from './db';
import type { AppError } from '../../../shared/errors';
import { hkdf, hmac, sameBytes, type SubKeys } from './keys';
import { secretKeyOf } from './keyObjects';
import { SEALED_COLUMNS } from './records';
import { migrateSubsystem } from './schema';
import { vaultErrors } from './errors';

export const SEAL_TAG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE seal_tags (rid TEXT PRIMARY KEY, tag BLOB NOT NULL);
   CREATE TABLE seal_tags_state (id INTEGER PRIMARY KEY CHECK (id = 1), mark BLOB NOT NULL);`,
];

const PAGE = 2000;
const TAG_LABEL = 'cs/v1|seal-tag';
const MARK_LABEL = 'cs/v1|seal-tags-complete';
/**
 * The mark of a back-fill that tagged rows it could not open (a vault from before the tags). Those tags certify the
 * ciphertexts as they were at the back-fill, damage included, so the PIN-only backup does not trust them until one
 * full check that opens every field (verifyFull: recovery key or a lead's wrap) has replaced this mark with MARK_LABEL.
 */
const BACKFILL_LABEL = 'cs/v1|seal-tags-backfilled';
/** The same derivation as `vault.serviceKey('seal-tags')`: one key, useful for nothing else. */
const TAG_KEY_INFO = 'countershield/v1/service/seal-tags';

const tagKeys = new WeakMap<SubKeys, Buffer>();
function tagKey(sub: SubKeys): Buffer {
  let k = tagKeys.get(sub);
  if (!k) {
    k = hkdf(sub.services, Buffer.alloc(0), TAG_KEY_INFO);
    tagKeys.set(sub, k);
  }
  return k;
}

/** The tag of one row: `sealed` are the four ciphertexts in SEALED_FIELDS order. */
export function sealTagOf(sub: SubKeys, rid: string, epoch: number, ephPub: Uint8Array, sealed: readonly Uint8Array[]): Buffer {
  if (sealed.length !== SEALED_FIELDS.length) throw new Error('one ciphertext per sealed field');
  const parts: (string | Uint8Array)[] = [TAG_LABEL, rid, String(epoch), ephPub];
  SEALED_FIELDS.forEach((f, i) => parts.push(f, sealed[i]!));
  return hmac(secretKeyOf(tagKey(sub)), ...parts);
}

const ROW_WIDTH = 2 + SEALED_FIELDS.length + 1;

/**
 * Writes the tags of rows as `encodeRow` lays them out (rid, body, four ciphertexts, epoch — flat, several rows
 * one after the other), inside the caller's transaction.
 */
export async function writeSealTags(db: Db, sub: SubKeys, ephPub: Uint8Array, rowParams: readonly unknown[]): Promise<void> {
  if (rowParams.length === 0) return;
  if (rowParams.length % ROW_WIDTH !== 0) throw new Error('rows as encodeRow lays them out');
  const params: unknown[] = [];
  for (let at = 0; at < rowParams.length; at += ROW_WIDTH) {
    const rid = rowParams[at] as string;
    const sealed = rowParams.slice(at + 2, at + 2 + SEALED_FIELDS.length) as Uint8Array[];
    params.push(rid, sealTagOf(sub, rid, rowParams[at + ROW_WIDTH - 1] as number, ephPub, sealed));
  }
  const rows = params.length / 2;
  await db.run(`INSERT OR REPLACE INTO seal_tags (rid, tag) VALUES ${new Array(rows).fill('(?, ?)').join(',')}`, params);
}

/** Tags of persons no longer on the list go (a removal, an import that replaced the list). */
export async function dropOrphanTags(db: Db): Promise<void> {
  await db.run('DELETE FROM seal_tags WHERE rid NOT IN (SELECT rid FROM persons)');
}

const markOf = (sub: SubKeys) => hmac(secretKeyOf(tagKey(sub)), MARK_LABEL);
const backfillMarkOf = (sub: SubKeys) => hmac(secretKeyOf(tagKey(sub)), BACKFILL_LABEL);

export interface BackfillHooks {
  /** Called after each page of tags is written inside the back-fill's transaction (the kill-point test). */
  afterPage?: (written: number) => void;
}

/**
 * Creates the tables and, for a vault whose tags are not complete (made before them, or a back-fill that was
 * killed), tags every row in one transaction and sets the completion mark with it. Returns how many rows were
 * tagged (0 when there was nothing to do).
 */
export async function ensureSealTags(db: Db, sub: SubKeys, hooks: BackfillHooks = {}): Promise<number> {
  await migrateSubsystem(db, 'seal-tags', SEAL_TAG_MIGRATIONS);
  if ((await markState(db, sub)) !== null) return 0;
  return db.transaction(async () => {
    if ((await markState(db, sub)) !== null) return 0;
    await db.run('DELETE FROM seal_tags');
    let after = '';
    let written = 0;
    for (;;) {
      const rows = await pageOfRows(db, after);
      for (let i = 0; i < rows.length; i += 100) {
        const chunk = rows.slice(i, i + 100);
        const params = chunk.flatMap((r) => [r.rid, sealTagOf(sub, r.rid, r.epoch, r.eph ?? Buffer.alloc(0), sealedOf(r))]);
        await db.run(`INSERT INTO seal_tags (rid, tag) VALUES ${new Array(chunk.length).fill('(?, ?)').join(',')}`, params);
      }
      written += rows.length;
      hooks.afterPage?.(written);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.rid;
    }
    // Rows tagged unseen are only back-filled; an empty vault has nothing unseen and is certified at once.
    await db.run('INSERT OR REPLACE INTO seal_tags_state (id, mark) VALUES (1, ?)', [written === 0 ? markOf(sub) : backfillMarkOf(sub)]);
    return written;
  });
}

/** The completion mark, for a writer that tagged every row itself (the re-key, rekey.ts), in its transaction. */
export async function markSealTagsComplete(db: Db, sub: SubKeys): Promise<void> {
  await db.run('INSERT OR REPLACE INTO seal_tags_state (id, mark) VALUES (1, ?)', [markOf(sub)]);
}

/**
 * After a full check that opened every sealed field (verifyFull): the back-filled tags are now known to certify
 * sound ciphertexts, so the PIN-only backup may trust them.
 */
export async function certifySealTags(db: Db, sub: SubKeys): Promise<void> {
  await db.run('UPDATE seal_tags_state SET mark = ? WHERE id = 1', [markOf(sub)]);
}

type MarkState = 'certified' | 'backfilled' | null;

async function markState(db: Db, sub: SubKeys): Promise<MarkState> {
  const row = await db.get<{ mark: Buffer }>('SELECT mark FROM seal_tags_state WHERE id = 1');
  if (!row) return null;
  if (sameBytes(row.mark, markOf(sub))) return 'certified';
  return sameBytes(row.mark, backfillMarkOf(sub)) ? 'backfilled' : null;
}

interface TagRow { rid: string; epoch: number; eph: Buffer | null; tag: Buffer | null; [col: string]: unknown }

const sealedOf = (r: TagRow): Buffer[] => SEALED_FIELDS.map((f) => r[SEALED_COLUMNS[f]] as Buffer);

function pageOfRows(db: Db, after: string): Promise<TagRow[]> {
  const cols = SEALED_FIELDS.map((f) => `p.${SEALED_COLUMNS[f]} AS ${SEALED_COLUMNS[f]}`).join(', ');
  return db.all<TagRow>(
    `SELECT p.rid AS rid, p.epoch AS epoch, e.eph_pub AS eph, t.tag AS tag, ${cols}
       FROM persons p LEFT JOIN seal_epochs e ON e.epoch = p.epoch LEFT JOIN seal_tags t ON t.rid = p.rid
      WHERE p.rid > ? ORDER BY p.rid LIMIT ?`,
    [after, PAGE],
  );
}

/** How many 管理番号 an error names; the rest are counted. */
const NAMED = 5;

/**
 * Every person's tag checked with the data key alone (the PIN-only backup runs this). Throws
 * E_VAULT_SEALED_DAMAGED naming the 管理番号 of the rows whose sealed fields do not authenticate.
 */
export async function verifySealTags(db: Db, sub: SubKeys, opts: { allowBackfilled?: boolean } = {}): Promise<{ rows: number; certified: boolean }> {
  const state = await markState(db, sub);
  if (state === null) throw damagedError([], 0, 'incomplete');
  // Back-filled tags vouch only for what the back-fill saw: the PIN-only backup needs one full check first.
  if (state === 'backfilled' && !opts.allowBackfilled) throw vaultErrors.sealedUnchecked();
  const damaged: string[] = [];
  let count = 0;
  let rows = 0;
  let after = '';
  for (;;) {
    const page = await pageOfRows(db, after);
    for (const r of page) {
      rows++;
      const ok = r.tag !== null && r.eph !== null && sameBytes(r.tag, sealTagOf(sub, r.rid, r.epoch, r.eph, sealedOf(r)));
      if (ok) continue;
      count++;
      if (damaged.length < NAMED) damaged.push(r.rid);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.rid;
  }
  if (count > 0) throw damagedError(damaged, count, 'tag');
  return { rows, certified: state === 'certified' };
}

function damagedError(ids: readonly string[], count: number, what: 'tag' | 'incomplete'): AppError {
  if (what === 'incomplete') return vaultErrors.corrupt('seal-tags');
  return vaultErrors.sealedDamaged(ids.join(', '), count, count - ids.length);
}
