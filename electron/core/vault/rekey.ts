/**
 * Re-keying a vault (issue 18, FLEET flow 5): a new data key, a new recovery key and a new sealing key pair, with
 * everything the old keys protected encrypted again. For a PC that may be in hostile hands: whoever extracted the
 * old data key (a stolen disk and its Windows logon) or saw the old recovery key must not open what comes after.
 *
 * Crash-safe the way restore is: the re-keyed vault is built as a new database file beside the live one, checked
 * whole under the new recovery key, and put in force by one atomic rename of CURRENT. A kill at any moment leaves
 * either the old vault in force and untouched (the half-built file is a leftover the next open removes) or the new
 * one in force and complete — never a mix. `REKEY_STEPS` are the boundaries the kill test stops at.
 *
 * What changes and what is decided (docs/vault.md「鍵の作り直し」):
 * - data key → every body, the blind index, the lot and address indexes, the roster MAC and the key check are
 *   written again under the new sub-keys. The blind-index key (the "pepper" of the name/date tokens) changes too:
 *   with the old one, a holder of the old data key could still test guessed names and birth dates against the new
 *   index offline. The index is rebuilt from the bodies, so matching is unchanged.
 * - sealing key pair → every sealed field is opened with the old private key (the current recovery key) and sealed
 *   to the new public key in one new epoch, with new tags (sealTags.ts). The old private key may be exposed (the
 *   approvers' PIN wraps are on every disk and a 6-digit PIN can be searched offline), so it is not carried.
 * - approvers' PIN wraps of the sealing key are dropped: they wrap the old private key and only each lead's PIN
 *   could wrap the new one. Each lead's wrap is made again by the staff flow (the count goes into the audit entry).
 * - protector slots (one per OS account): dropped, except the slot of the account doing the re-key, written again
 *   for the new data key; every other account enrols again. Other accounts' DPAPI cannot be reached from here.
 * - administrators' enrolment slots (PIN-wrapped data key, machine/enrolmentSlot.ts): dropped; each is written
 *   again at that administrator's next sign-in.
 * - the recovery key's public half for PIN-only backups (exportKey.ts) is pinned again from the new recovery key:
 *   backups made from now on need the new key; backups made before need the old one and bring back the old keys.
 * - service keys: see serviceKeys.ts (the file keys rotate; the audit chain's and the staff directory's are carried).
 * - 前住所 / 前本籍 tokens that came with a list bundle are keyed by the old blind-index key and have no plaintext to
 *   rebuild them from: they are not carried; the next bundle or import that carries those columns adds them again.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ProtectedPerson } from '../../../shared/domain/person';
import * as aead from './aead';
import { buildAddresses, buildIndex, buildLots } from './blindIndex';
import { currentDbPath, newDbName, pointAt, removeDbFiles } from './dataDir';
import { Db } from './db';
import { vaultErrors } from './errors';
import { asVaultError } from './failure';
import { pinExportKey } from './exportKey';
import type { KeyProtector } from './keyProtector';
import { RECOVERY_WRAP_ID, unlockWithRecovery, writeProtectorSlot, writeRecoverySlot, writeSealWrap } from './keyring';
import { deriveSubKeys, type SubKeys } from './keys';
import { lockDataDir } from './lock';
import { encodeRow } from './records';
import { generateRecoveryKey, parseRecoveryKey } from './recoveryKey';
import { generateSealingKeyPair, newSealEpoch } from './sealedBox';
import { markSealTagsComplete, writeSealTags } from './sealTags';
import { readCarriedMaster, writeCarriedMaster } from './serviceKeys';
import { INSERT_CHUNK, insertSql, keyGeneration, setMeta, storeIndexes } from './listStore';
import { Vault, type VaultDeps } from './vault';

/** The step boundaries of a re-key, in order (the kill-point test stops at each). */
export const REKEY_STEPS = ['checked-old', 'snapshot', 'rekeyed', 'checked-new', 'before-switch', 'switched'] as const;
export type RekeyStep = (typeof REKEY_STEPS)[number];

export interface RekeyOptions {
  /** The current recovery key: it opens the sealed fields to re-seal them, and proves who holds the lineage. */
  recoveryKey: string;
  /** This OS account's protector and slot id: its slot is written again for the new data key (others re-enrol). */
  protector?: KeyProtector;
  protectorSlot?: string;
  /** The caller's last word on the checked candidate, before the switch (the audit entry, re-pinning the bundle signer). */
  beforeSwitch?: (candidate: Vault, newRecoveryKey: string, summary: RekeySummary) => Promise<void>;
  /** Told the new recovery key as soon as it exists (a test's child writes it out before it is killed). */
  onNewKey?: (recoveryKey: string) => void;
  faultPoint?: (step: RekeyStep) => void;
}

export interface RekeySummary {
  /** How many times this lineage's keys were made again (1 after the first re-key). */
  generation: number;
  persons: number;
  leadWrapsDropped: number;
  protectorSlotsDropped: number;
  enrolmentSlotsDropped: number;
}

export interface RekeyResult extends RekeySummary {
  /** Shown and printed once, like first-run setup's; never stored. */
  recoveryKey: string;
}

/**
 * Re-keys the vault in `deps.dataDir`, or changes nothing. No Vault may be open on the folder (the folder's lock is
 * taken for the whole run). Who may do it (two administrators) is the caller's check; this needs the recovery key.
 */
export async function rekeyVault(deps: VaultDeps, o: RekeyOptions): Promise<RekeyResult> {
  parseRecoveryKey(o.recoveryKey);
  const fault = o.faultPoint ?? (() => undefined);
  const lock = lockDataDir(deps.dataDir, deps.clock);
  let candidate: string | undefined;
  let switched = false;
  try {
    const live = await currentDbPath(deps.dataDir);
    if (!live) throw vaultErrors.notFound();
    candidate = join(deps.dataDir, newDbName());
    const old = await readOld(deps, live, o.recoveryKey, candidate, () => fault('checked-old'));
    fault('snapshot');
    const random = deps.random ?? ((n: number) => randomBytes(n));
    const newKey = generateRecoveryKey(random);
    o.onNewKey?.(newKey);
    const summary = await rewrite(candidate, old, newKey, random, o);
    fault('rekeyed');
    const cand = await Vault.openFile(deps, candidate, newKey);
    try {
      // The whole check under the new key: every body, the roster, every sealed field opened and its tag verified.
      await cand.verifyFull({ recoveryKey: newKey });
      if ((await cand.status()).persons !== old.persons.length) throw vaultErrors.corrupt('rekey-count');
      await pinExportKey(cand, newKey);
      fault('checked-new');
      await o.beforeSwitch?.(cand, newKey, summary);
    } finally {
      await cand.close();
    }
    fault('before-switch');
    await pointAt(deps.dataDir, candidate);
    switched = true;
    fault('switched');
    await removeDbFiles(live);
    return { ...summary, recoveryKey: newKey };
  } catch (e) {
    if (candidate && !switched) await removeDbFiles(candidate);
    throw asVaultError(e);
  } finally {
    lock.release();
  }
}

interface OldVault {
  persons: ProtectedPerson[];
  /** The services master to carry (serviceKeys.ts): the one the live vault uses. */
  services: Buffer;
  generation: number;
  listVersion: number;
}

/** Opens the live database (the lock is ours), checks it whole, reads every person with their sealed fields, and copies it. */
async function readOld(deps: VaultDeps, livePath: string, recoveryKey: string, candidate: string, checked: () => void): Promise<OldVault> {
  const live = await Vault.openFile(deps, livePath, recoveryKey);
  try {
    // A damaged vault is refused: re-keying it would certify the damage under the new keys.
    await live.verifyFull({ recoveryKey });
    const persons = await live.exportPersons({ recoveryKey });
    const db = live.database;
    const { dataKey, sealKek } = await unlockWithRecovery(db, parseRecoveryKey(recoveryKey));
    sealKek.fill(0);
    const sub = deriveSubKeys(dataKey);
    dataKey.fill(0);
    const services = (await readCarriedMaster(db, sub)) ?? Buffer.from(sub.services);
    const generation = await keyGeneration(db);
    const listVersion = await live.currentListVersion();
    checked();
    // Everything else (staff, audit, policy, fleet state, hand-entry markers) travels as it is, in this copy.
    await live.snapshot(candidate);
    return { persons, services, generation, listVersion };
  } finally {
    await live.close();
  }
}

/** Every key-dependent row of the copy written again under the new keys, in one transaction. */
async function rewrite(candidate: string, old: OldVault, newRecoveryKey: string, random: (n: number) => Uint8Array, o: RekeyOptions): Promise<RekeySummary> {
  const db = await Db.open(candidate);
  try {
    await db.applyPragmas();
    return await db.transaction(async () => {
      const dataKey = Buffer.from(random(32));
      const sub = deriveSubKeys(dataKey);
      const pair = generateSealingKeyPair();
      const count = async (sql: string) => (await db.get<{ n: number }>(sql))?.n ?? 0;
      const protectorSlots = await count("SELECT COUNT(*) AS n FROM key_slots WHERE kind = 'protector'");
      const leadWraps = await count(`SELECT COUNT(*) AS n FROM seal_key_wraps WHERE wrap_id <> '${RECOVERY_WRAP_ID}'`);
      const hasTable = async (name: string) => (await count(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '${name}'`)) > 0;
      const hasEnrolment = await hasTable('enrolment_slots');
      const enrolmentSlots = hasEnrolment ? await count('SELECT COUNT(*) AS n FROM enrolment_slots') : 0;

      await db.run('DELETE FROM key_slots');
      const sealKek = await writeRecoverySlot(db, dataKey, parseRecoveryKey(newRecoveryKey));
      let kept = 0;
      if (o.protector) {
        await writeProtectorSlot(db, o.protector, o.protectorSlot ?? 'default', dataKey);
        kept = 1;
      }
      await db.run('DELETE FROM seal_key_wraps');
      await writeSealWrap(db, RECOVERY_WRAP_ID, sealKek, pair.privateKey);
      sealKek.fill(0);
      pair.privateKey.fill(0);
      if (hasEnrolment) await db.run('DELETE FROM enrolment_slots');
      // The backup recipient is pinned again from the new key once the candidate opens (pinExportKey).
      if (await hasTable('export_key')) await db.run('DELETE FROM export_key');

      const generation = old.generation + 1;
      await setMeta(db, 'seal_pub', aead.seal(sub.record, pair.publicKey, 'cs/v1|meta|seal_pub'));
      await writeCarriedMaster(db, sub, old.services);
      await setMeta(db, 'key_generation', String(generation));
      await writePersons(db, sub, pair.publicKey, old.persons);
      await writeIndexes(db, sub, old.persons, old.listVersion);
      dataKey.fill(0);
      return { generation, persons: old.persons.length, leadWrapsDropped: leadWraps, protectorSlotsDropped: protectorSlots - kept, enrolmentSlotsDropped: enrolmentSlots };
    });
  } finally {
    await db.close();
  }
}

async function writePersons(db: Db, sub: SubKeys, sealPublicKey: Buffer, persons: readonly ProtectedPerson[]): Promise<void> {
  const epoch = ((await db.get<{ e: number | null }>('SELECT MAX(epoch) AS e FROM seal_epochs'))?.e ?? 0) + 1;
  const { ephPub, key } = newSealEpoch(sealPublicKey);
  await db.run('DELETE FROM persons');
  await db.run('DELETE FROM seal_epochs');
  await db.run('DELETE FROM seal_tags');
  await db.run('INSERT INTO seal_epochs (epoch, eph_pub) VALUES (?, ?)', [epoch, ephPub]);
  for (let i = 0; i < persons.length; i += INSERT_CHUNK) {
    const chunk = persons.slice(i, i + INSERT_CHUNK);
    const params = chunk.flatMap((p) => encodeRow(sub, key, epoch, p));
    await db.run(insertSql(chunk.length), params);
    await writeSealTags(db, sub, ephPub, params);
  }
  key.fill(0);
  await markSealTagsComplete(db, sub);
}

async function writeIndexes(db: Db, sub: SubKeys, persons: readonly ProtectedPerson[], version: number): Promise<void> {
  const index = buildIndex(sub, persons).serialize();
  await storeIndexes(db, sub, version, { index, lots: buildLots(sub, persons), addresses: buildAddresses(sub, persons), ids: persons.map((p) => p.id) });
}
