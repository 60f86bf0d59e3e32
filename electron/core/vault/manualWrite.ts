/**
 * The rows and indexes of one hand change (issue 22), inside the caller's transaction (Vault.writeManual).
 * A person entered with their address gets a seal epoch of their own — sealed to the vault's public key like
 * an import, so the app still cannot open it without an approver's PIN — and their lot and address tokens are
 * computed now, from the typed address, the only moment it is in main. An edit that leaves the sealed fields
 * as they are re-encrypts the body only. The name index is rebuilt from the bodies (no sealed field needed).
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import type { LotIndex, Matcher } from '../matching';
import type { AddressIndex } from '../mailing/addressIndex';
import { buildAddresses, buildLots, carryAddresses, carryLots, rebuildIndex } from './blindIndex';
import type { Db } from './db';
import { vaultErrors } from './errors';
import type { SubKeys } from './keys';
import { setMarker } from './manualEntries';
import { decodeBody, encodeBody, encodeRow, type PersonBody } from './records';
import { newSealEpoch } from './sealedBox';
import { dropOrphanTags, writeSealTags } from './sealTags';

export type ManualWrite =
  /** A new person, or a person re-entered with their sealed fields (住所・方書・本籍・備考) typed again. */
  | { kind: 'put'; person: ProtectedPerson }
  /** Body fields only (names, dates, 措置状態, 相手方): the sealed fields and their tokens stay. */
  | { kind: 'putBody'; body: Omit<PersonBody, 'sealedDigest'> }
  | { kind: 'end'; id: string };

export interface ManualWriteContext {
  db: Db;
  sub: SubKeys;
  sealPublicKey: Buffer;
  lots: LotIndex;
  addresses: AddressIndex;
  now: Date;
}

export async function writeManualChange(c: ManualWriteContext, change: ManualWrite): Promise<{ matcher: Matcher; lots: LotIndex; addresses: AddressIndex; ids: string[] }> {
  const { db, sub } = c;
  let lots = c.lots;
  let addresses = c.addresses;
  if (change.kind === 'put') {
    const p = change.person;
    const epochRow = await db.get<{ e: number | null }>('SELECT MAX(epoch) AS e FROM seal_epochs');
    const epoch = (epochRow?.e ?? 0) + 1;
    const { ephPub, key } = newSealEpoch(c.sealPublicKey);
    await db.run('INSERT INTO seal_epochs (epoch, eph_pub) VALUES (?, ?)', [epoch, ephPub]);
    const row = encodeRow(sub, key, epoch, p);
    await db.run('INSERT OR REPLACE INTO persons (rid, body, s_address, s_katagaki, s_honseki, s_note, epoch) VALUES (?, ?, ?, ?, ?, ?, ?)', row);
    await writeSealTags(db, sub, ephPub, row);
    key.fill(0);
    lots = carryLots(sub, buildLots(sub, [p]), lots, (id) => id !== p.id);
    addresses = carryAddresses(sub, buildAddresses(sub, [p]), addresses, (id) => id !== p.id);
    await setMarker(db, p.id, 'active', c.now.toISOString());
  } else if (change.kind === 'putBody') {
    const row = await db.get<{ body: Buffer }>('SELECT body FROM persons WHERE rid = ?', [change.body.id]);
    if (!row) throw vaultErrors.noSuchRecord(change.body.id);
    const old = decodeBody(sub, change.body.id, row.body);
    await db.run('UPDATE persons SET body = ? WHERE rid = ?', [encodeBody(sub, { ...change.body, sealedDigest: old.sealedDigest }), change.body.id]);
    await setMarker(db, change.body.id, 'active', c.now.toISOString());
  } else {
    await db.run('DELETE FROM persons WHERE rid = ?', [change.id]);
    lots = carryLots(sub, buildLots(sub, []), lots, (id) => id !== change.id);
    addresses = carryAddresses(sub, buildAddresses(sub, []), addresses, (id) => id !== change.id);
    await setMarker(db, change.id, 'ended', c.now.toISOString());
  }
  // A seal epoch no row uses any more is of no use to anyone: it goes, like an import's old epochs.
  await db.run('DELETE FROM seal_epochs WHERE epoch NOT IN (SELECT epoch FROM persons)');
  await dropOrphanTags(db);
  const rows = await db.all<{ rid: string; body: Buffer }>('SELECT rid, body FROM persons ORDER BY rid');
  const matcher = rebuildIndex(sub, rows.map((r) => decodeBody(sub, r.rid, r.body)));
  return { matcher, lots, addresses, ids: rows.map((r) => r.rid) };
}
