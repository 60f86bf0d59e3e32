/**
 * Reading the sealed columns (SPEC F1, F4): 現住所, 方書, 本籍 and the note are sealed to the vault's sealing
 * key, which the data key the open vault holds cannot unwrap. Each read here needs the recovery key or an
 * approver's PIN-derived key, unwraps the sealing key once and wipes it when done. Who may ask is decided above
 * (the grant service, the bundle export, the full check); this file only opens.
 */
import type { ProtectedPerson, SealedField } from '../../../shared/domain/person';
import { SEALED_FIELDS } from '../../../shared/domain/person';
import type { Db } from './db';
import { vaultErrors } from './errors';
import { asVaultError } from './failure';
import { RECOVERY_WRAP_ID, openSealWrap, unlockWithRecovery } from './keyring';
import type { SubKeys } from './keys';
import { SEALED_COLUMNS, decodeBody, openSealedValue } from './records';
import { parseRecoveryKey } from './recoveryKey';
import { openSealEpoch } from './sealedBox';

/** What opens the sealing private key: the recovery key, or an approver's PIN-derived key and its wrap id. */
export type SealUnlock = { recoveryKey: string } | { wrapId: string; kek: Uint8Array };

/** The open vault's handles a sealed read needs. */
export interface SealedStore {
  db: Db;
  sub: SubKeys;
  sealPublicKey: Buffer;
}

/** Rows per page of the full check: the list is never held in full. */
const READ_PAGE = 2000;

/** The sealing private key, unwrapped by `unlock`; the caller wipes it. */
export async function sealingPrivateKey(db: Db, unlock: SealUnlock): Promise<Buffer> {
  if ('recoveryKey' in unlock) {
    const { sealKek } = await unlockWithRecovery(db, parseRecoveryKey(unlock.recoveryKey));
    return openSealWrap(db, RECOVERY_WRAP_ID, sealKek);
  }
  if (unlock.wrapId === RECOVERY_WRAP_ID) throw vaultErrors.sealUnlockRefused();
  return openSealWrap(db, unlock.wrapId, unlock.kek);
}

/** One sealed field of one person. */
export async function openOneSealed(s: SealedStore, recordId: string, field: SealedField, unlock: SealUnlock): Promise<string | undefined> {
  if (!SEALED_FIELDS.includes(field)) throw vaultErrors.noSuchRecord(recordId);
  const privateKey = await sealingPrivateKey(s.db, unlock);
  try {
    const row = await s.db.get<Record<string, unknown>>(
      `SELECT p.epoch AS epoch, p.${SEALED_COLUMNS[field]} AS ct, e.eph_pub AS eph FROM persons p JOIN seal_epochs e ON e.epoch = p.epoch WHERE p.rid = ?`,
      [recordId],
    );
    if (!row) throw vaultErrors.noSuchRecord(recordId);
    const epochKey = openSealEpoch(privateKey, s.sealPublicKey, row.eph as Buffer);
    return openSealedValue(epochKey, recordId, field, row.epoch as number, row.ct as Buffer);
  } finally {
    privateKey.fill(0);
  }
}

/** Every person with their sealed fields opened (the list bundle, a re-key); the sealing key is unwrapped once. */
export function openEveryPerson(s: SealedStore, unlock: SealUnlock): Promise<ProtectedPerson[]> {
  return withEpochKeys(s, unlock, async (keyOf) => {
    const rows = await s.db.all<Record<string, unknown>>('SELECT rid, body, s_address, s_katagaki, s_honseki, s_note, epoch FROM persons ORDER BY rid');
    return rows.map((r) => {
      const rid = r.rid as string;
      const epoch = r.epoch as number;
      const key = keyOf(epoch);
      const { sealedDigest: _d, ...body } = decodeBody(s.sub, rid, r.body as Buffer);
      const sealed: Partial<Record<SealedField, string>> = {};
      for (const f of SEALED_FIELDS) {
        const v = openSealedValue(key, rid, f, epoch, r[SEALED_COLUMNS[f]] as Buffer);
        if (v !== undefined) sealed[f] = v;
      }
      return { ...body, ...sealed, address: sealed.address ?? '' } as ProtectedPerson;
    });
  });
}

/** Every sealed ciphertext authenticated under its epoch key, a page at a time; the values are dropped at once. */
export function checkEverySealed(s: SealedStore, unlock: SealUnlock): Promise<void> {
  return withEpochKeys(s, unlock, async (keyOf) => {
    let after = '';
    for (;;) {
      const rows = await s.db.all<Record<string, unknown>>('SELECT rid, s_address, s_katagaki, s_honseki, s_note, epoch FROM persons WHERE rid > ? ORDER BY rid LIMIT ?', [after, READ_PAGE]);
      for (const r of rows) {
        const key = keyOf(r.epoch as number);
        for (const f of SEALED_FIELDS) openSealedValue(key, r.rid as string, f, r.epoch as number, r[SEALED_COLUMNS[f]] as Buffer);
      }
      if (rows.length < READ_PAGE) return;
      after = rows[rows.length - 1]!.rid as string;
    }
  });
}

/** Runs `body` with each seal epoch's key; a failure is a vault error, and the sealing key is wiped either way. */
async function withEpochKeys<T>(s: SealedStore, unlock: SealUnlock, body: (keyOf: (epoch: number) => Buffer) => Promise<T>): Promise<T> {
  const privateKey = await sealingPrivateKey(s.db, unlock);
  try {
    const epochs = new Map<number, Buffer>();
    for (const e of await s.db.all<{ epoch: number; eph_pub: Buffer }>('SELECT epoch, eph_pub FROM seal_epochs')) {
      epochs.set(e.epoch, openSealEpoch(privateKey, s.sealPublicKey, e.eph_pub));
    }
    return await body((epoch) => {
      const key = epochs.get(epoch);
      if (!key) throw vaultErrors.corrupt('seal-epoch');
      return key;
    });
  } catch (e) {
    throw asVaultError(e);
  } finally {
    privateKey.fill(0);
  }
}
