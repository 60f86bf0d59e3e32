/**
 * The encrypted vault of the protected list (SPEC F1, F8). Plain Node: the app injects Electron's safeStorage
 * as the KeyProtector, tests and the CLI inject their own. Everything the vault refuses is an AppError with a
 * code; nothing it throws carries a value from the list.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProtectedPerson, SealedField } from '../../../shared/domain/person';
import { isAppError, type AppErrorInfo } from '../../../shared/errors';
import { parseProtectedList, type ImportIssue } from '../import/parseList';
import type { LotIndex, Matcher, MatchOutcome, MatchQuery } from '../matching';
import type { AuditEvent, TransactionalAuditSink } from '../ports';
import * as aead from './aead';
import { IndexOutdated, buildAddresses, buildIndex, buildLots, carryAddresses, carryLots, formerTokensOf, type FormerPlaceTokens, openAddresses, openIndex, openLots } from './blindIndex';
import type { AddressAgreement, AddressIndex } from '../mailing/addressIndex';
import { cleanLeftovers, ensureDir, hasVault, newDbName, pointAt, removeDbFiles, resolveCurrent } from './dataDir';
import { Db } from './db';
import { vaultErrors } from './errors';
import { asVaultError } from './failure';
import { lockDataDir, type FolderLock } from './lock';
import { startIndexWorker, type IndexWorkerOptions } from './indexWorkerJob';
import { expiryState, localIsoDate, type ExpiryState } from './expiry';
import { createImportPlanner, needsConfirmation, type ImportSummary } from './importPlan';
import type { KeyProtector } from './keyProtector';
import {
  RECOVERY_WRAP_ID, removeSealWrap, unlockWithProtector, unlockWithRecovery, writeProtectorSlot,
  writeRecoverySlot, writeSealWrap,
} from './keyring';
import { deriveSubKeys, sameBytes, type SubKeys } from './keys';
import { decodeBody, type PersonBody } from './records';
import { manualMarkers, meetManual, migrateManual, type ManualMeeting } from './manualEntries';
import { writeManualChange, type ManualWrite } from './manualWrite';
import { generateRecoveryKey, parseRecoveryKey } from './recoveryKey';
import { migrate, SCHEMA_VERSION } from './schema';
import { unlockAccountSlot } from './slots';
import { certifySealTags, ensureSealTags, verifySealTags } from './sealTags';
import { readCarriedMaster, serviceKeyOf } from './serviceKeys';
import { generateSealingKeyPair } from './sealedBox';
import { checkEverySealed, openEveryPerson, openOneSealed, sealingPrivateKey, type SealedStore, type SealUnlock } from './sealedRead';
import { INDEX_ROWS, getMeta, keyGeneration, listVersion, rebuildStoredIndex, replaceList, rosterMac, setMeta, storeIndexes, type ListWriter } from './listStore';

export interface VaultDeps {
  /** The one data folder (database and its WAL; nothing else is written). */
  dataDir: string;
  clock?: () => Date;
  random?: (n: number) => Uint8Array;
  /**
   * Build the blind index of an import on a worker thread, side by side with encrypting and writing the rows
   * (the app and the CLI do; without it the index is built on the calling thread first, as unit tests do).
   */
  indexWorker?: IndexWorkerOptions;
  /**
   * Called at each step boundary of an import commit (tests kill the process there to prove that no moment
   * leaves a change without its audit entry). Never set in the app or the CLI.
   */
  faultPoint?: (step: ImportStep) => void;
}
type Deps = Required<Omit<VaultDeps, 'indexWorker' | 'faultPoint'>> & Pick<VaultDeps, 'indexWorker' | 'faultPoint'>;

/** The step boundaries of an import commit, in order. */
export const IMPORT_STEPS = ['begin', 'planned', 'rows-written', 'index-written', 'audit-written', 'before-commit', 'committed'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

export type { SealUnlock };

export type ImportPhase = 'parse' | 'compare' | 'index' | 'write';
export interface ImportOptions {
  allowUnknownColumns?: boolean;
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
}
export interface CommitOptions extends ImportOptions {
  /** Removals and shortened periods are refused unless confirmed (two people in the app; flag + recovery key in the CLI). */
  confirmRemovals?: boolean;
  /** When given, the commit must match the plan that was reviewed (ImportSummary.planHash). */
  planHash?: string;
  /**
   * The audit entries of this change (import.committed, removal_confirmed …), written inside the import's own
   * transaction: the list never changes without them (SPEC invariant 7, issue 15). `bundleCreatedAt` is set
   * for a list bundle.
   */
  audit?: { sink: TransactionalAuditSink; events: (summary: ImportSummary, bundleCreatedAt?: string) => readonly AuditEvent[] };
  /** 前住所 / 前本籍 tokens a list bundle carries (issue 21), by 管理番号: added to the lot and address indexes. */
  formerTokens?: ReadonlyMap<string, FormerPlaceTokens>;
  /** The caller's own writes that must commit with the list (a fleet package's staff directory and marks), before the audit entries. */
  withList?: (summary: ImportSummary) => Promise<void>;
}
export type ImportResult =
  | { ok: true; committed: boolean; summary: ImportSummary; encoding: 'utf-8' | 'cp932'; warnings: ImportIssue[] }
  | { ok: false; error: AppErrorInfo; issues: ImportIssue[]; summary?: ImportSummary };

export interface VaultStatus {
  persons: number;
  listVersion: number;
  lastImportAt: string | null;
  expiresWithinMonth: number;
  expired: number;
  provisional: number;
  schemaVersion: number;
  enrolledProtectors: number;
  approverWraps: number;
}

/** A person as the main process may hold them for display: sealed fields are never part of it. */
export type PersonView = Omit<PersonBody, 'sealedDigest'> & { expiry: ExpiryState };

/** Rows per page when the import plan reads the current list. */
const READ_PAGE = 2000;

export class Vault {
  private closed = false;
  private writing = false;
  /** The services master a re-key carried over (serviceKeys.ts); undefined for a vault never re-keyed. */
  private carriedServices: Buffer | undefined;

  private constructor(
    private readonly lock: FolderLock | undefined,
    private readonly db: Db,
    private readonly deps: Deps,
    private readonly sub: SubKeys,
    private readonly sealPublicKey: Buffer,
    private matcher: Matcher,
    private lots: LotIndex,
    private addresses: AddressIndex,
  ) {}

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────────────

  /** Creates a vault; the recovery key is returned once and never stored anywhere. */
  static async create(depsIn: VaultDeps, opts: { protector?: KeyProtector; protectorSlot?: string } = {}): Promise<{ vault: Vault; recoveryKey: string }> {
    const deps = withDefaults(depsIn);
    if (opts.protector && !(await opts.protector.isAvailable().catch(() => false))) throw vaultErrors.keyProtectionUnavailable();
    await ensureDir(deps.dataDir);
    const lock = lockDataDir(deps.dataDir, deps.clock);
    if (await hasVault(deps.dataDir)) {
      lock.release();
      throw vaultErrors.exists();
    }
    const dbPath = join(deps.dataDir, newDbName());
    let db: Db;
    try {
      // Created 0600 before sqlite opens it: sqlite gives the -wal and -shm files the database file's mode.
      await writeFile(dbPath, '', { mode: 0o600, flag: 'wx' });
      db = await Db.open(dbPath);
    } catch (e) {
      await removeDbFiles(dbPath);
      lock.release();
      throw asVaultError(e);
    }
    try {
      await db.applyPragmas();
      await migrate(db);
      await migrateManual(db);
      const dataKey = Buffer.from(deps.random(32));
      const sub = deriveSubKeys(dataKey);
      const recoveryKey = generateRecoveryKey(deps.random);
      const pair = generateSealingKeyPair();
      const empty = buildIndex(sub, []);
      const emptyLots = buildLots(sub, []);
      const emptyAddresses = buildAddresses(sub, []);
      await db.transaction(async () => {
        const sealKek = await writeRecoverySlot(db, dataKey, parseRecoveryKey(recoveryKey));
        await writeSealWrap(db, RECOVERY_WRAP_ID, sealKek, pair.privateKey);
        if (opts.protector) await writeProtectorSlot(db, opts.protector, opts.protectorSlot ?? 'default', dataKey);
        await setMeta(db, 'seal_pub', aead.seal(sub.record, pair.publicKey, 'cs/v1|meta|seal_pub'));
        await setMeta(db, 'vault_id', randomBytes(8).toString('hex'));
        await setMeta(db, 'created_at', deps.clock().toISOString());
        await storeIndexes(db, sub, 0, { index: empty.serialize(), lots: emptyLots, addresses: emptyAddresses, ids: [] });
      });
      await ensureSealTags(db, sub);
      await pointAt(deps.dataDir, dbPath);
      return { vault: new Vault(lock, db, deps, sub, pair.publicKey, empty, emptyLots, emptyAddresses), recoveryKey };
    } catch (e) {
      await db.close().catch(() => undefined);
      await removeDbFiles(dbPath);
      lock.release();
      throw asVaultError(e);
    }
  }

  /** The app's everyday open: the OS key protector unwraps the data key (with `slotId`: this OS account's own slot, slots.ts). */
  static async open(depsIn: VaultDeps, protector: KeyProtector, slotId?: string): Promise<Vault> {
    return Vault.openWith(depsIn, (db) => (slotId === undefined ? unlockWithProtector(db, protector) : unlockAccountSlot(db, protector, slotId)));
  }

  /** IT's open (CLI, enrolment, restore checks): the recovery key unwraps the data key. */
  static async openWithRecovery(depsIn: VaultDeps, recoveryKey: string): Promise<Vault> {
    const key = parseRecoveryKey(recoveryKey);
    return Vault.openWith(depsIn, async (db) => (await unlockWithRecovery(db, key)).dataKey);
  }

  /**
   * A new OS account enrolled with an administrator's PIN (machine/pinEnrolment.ts): `unlock` reads that
   * administrator's enrolment slot from the not-yet-open database and returns the data key, or throws.
   */
  static async openWithUnlock(depsIn: VaultDeps, unlock: (db: Db) => Promise<Buffer>): Promise<Vault> {
    return Vault.openWith(depsIn, unlock);
  }

  /**
   * A new PC or OS account: the recovery key opens the vault once and adds a protector slot for this account.
   * Writes no audit entry — the app never calls it: SetupService.enrol writes the slot (slots.ts) in one
   * transaction with 'terminal.enrolled' (issue 16). Kept for the vault-layer tests.
   */
  static async enrol(depsIn: VaultDeps, protector: KeyProtector, recoveryKey: string, slotId = 'default'): Promise<Vault> {
    const key = parseRecoveryKey(recoveryKey);
    return Vault.openWith(depsIn, async (db) => {
      const { dataKey } = await unlockWithRecovery(db, key);
      await writeProtectorSlot(db, protector, slotId, dataKey);
      return dataKey;
    });
  }

  /**
   * Opens the database at `dbPath` directly; used by restore to check a candidate before it goes live. Takes
   * no lock: the caller (restoreBackup) holds the folder's.
   */
  static async openFile(depsIn: VaultDeps, dbPath: string, recoveryKey: string): Promise<Vault> {
    const key = parseRecoveryKey(recoveryKey);
    return Vault.openAt(withDefaults(depsIn), undefined, dbPath, async (db) => (await unlockWithRecovery(db, key)).dataKey);
  }

  private static async openWith(depsIn: VaultDeps, unlock: (db: Db) => Promise<Buffer>): Promise<Vault> {
    const deps = withDefaults(depsIn);
    if ((await resolveCurrent(deps.dataDir)).state === 'none') throw vaultErrors.notFound();
    const lock = lockDataDir(deps.dataDir, deps.clock);
    try {
      const cur = await resolveCurrent(deps.dataDir);
      if (cur.state === 'none') throw vaultErrors.notFound();
      if (cur.state === 'pointer-missing') throw vaultErrors.pointerMissing(cur.databases);
      if (cur.state === 'pointer-invalid') throw vaultErrors.corrupt('current-pointer');
      if (cur.state === 'db-missing') throw vaultErrors.databaseMissing(cur.name);
      await cleanLeftovers(deps.dataDir, cur.path).catch(() => undefined);
      return await Vault.openAt(deps, lock, cur.path, unlock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  private static async openAt(deps: Deps, lock: FolderLock | undefined, dbPath: string, unlock: (db: Db) => Promise<Buffer>): Promise<Vault> {
    const db = await Db.open(dbPath).catch((e: unknown) => {
      throw asVaultError(e);
    });
    try {
      await db.applyPragmas();
      await migrate(db);
      await migrateManual(db);
      const dataKey = await unlock(db);
      const sub = deriveSubKeys(dataKey);
      // A vault from before the sealed-field tags gets them once, here (sealTags.ts; one transaction).
      await ensureSealTags(db, sub);
      const pubBlob = await getMeta(db, 'seal_pub');
      if (!(pubBlob instanceof Uint8Array)) throw vaultErrors.corrupt('seal-public-key');
      const sealPublicKey = aead.open(sub.record, pubBlob, 'cs/v1|meta|seal_pub', 'seal-public-key');
      const version = await listVersion(db);
      const idx = await db.all<{ name: string; ct: Buffer }>(`SELECT name, ct FROM blobs WHERE ${INDEX_ROWS}`);
      const lots = await db.get<{ ct: Buffer }>("SELECT ct FROM blobs WHERE name = 'lots'");
      if (!lots) throw vaultErrors.corrupt('lot-index');
      const addresses = await db.get<{ ct: Buffer }>("SELECT ct FROM blobs WHERE name = 'addresses'");
      let matcher: Matcher;
      try {
        matcher = openIndex(sub, new Map(idx.map((r) => [r.name, r.ct])), version);
      } catch (e) {
        if (!(e instanceof IndexOutdated)) throw e;
        matcher = await rebuildStoredIndex(db, sub, version);
      }
      const vault = new Vault(lock, db, deps, sub, sealPublicKey, matcher, openLots(sub, lots.ct, version), openAddresses(sub, addresses?.ct, version));
      vault.carriedServices = await readCarriedMaster(db, sub);
      return vault;
    } catch (e) {
      await db.close().catch(() => undefined);
      throw asVaultError(e);
    }
  }

  // ── services that live in the vault (staff, audit, review, incidents) ─────────────────────────

  /** The vault database, for core services that keep their own tables (see migrateSubsystem). Main process only. */
  get database(): Db {
    if (this.closed) throw vaultErrors.closed();
    return this.db;
  }

  /** A key for one service (e.g. 'audit-mac', 'staff-records'), derived from the data key and useless for anything else. */
  serviceKey(service: string): Buffer {
    if (this.closed) throw vaultErrors.closed();
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(service)) throw new Error('service key names are lower-case ids');
    return serviceKeyOf(this.sub, this.carriedServices, service);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A clean checkpoint leaves no WAL beside the database once the app exits.
    await this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
    try {
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }

  // ── import (SPEC F8) ─────────────────────────────────────────────────────────────────────────────

  dryRun(bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
    return this.importList(bytes, { ...opts }, false);
  }

  /** All or nothing, in one transaction: a crash or kill -9 at any point leaves the previous list. */
  commit(bytes: Uint8Array, opts: CommitOptions = {}): Promise<ImportResult> {
    return this.importList(bytes, opts, true);
  }

  private async importList(bytes: Uint8Array, opts: CommitOptions, write: boolean): Promise<ImportResult> {
    this.assertOpen();
    const progress = opts.onProgress;
    const parsed = parseProtectedList(bytes, {
      allowUnknownColumns: opts.allowUnknownColumns === true,
      ...(progress && { onProgress: (d: number, t: number) => progress(d, t, 'parse') }),
    });
    if (!parsed.ok) return { ok: false, error: vaultErrors.importInvalid(parsed.errors.length).toInfo(), issues: parsed.errors };
    const digest = createHash('sha256').update(bytes).digest('hex');
    const compareProgress = progress && ((d: number, t: number) => progress(d, t, 'compare'));
    const meta = { encoding: parsed.encoding, warnings: parsed.warnings };
    if (!write) return { ok: true, committed: false, summary: await this.plan(parsed.persons, digest, compareProgress, await this.manualMeeting(parsed.persons)), ...meta };
    // One writer per vault handle; a second process cannot get here at all (the folder lock).
    if (this.writing) throw vaultErrors.busy();
    this.writing = true;
    // Hand entries are met before the index is started (manualEntries.ts): the kept ones are indexed with the
    // file's persons. Nothing else writes while `writing` is set, so the meeting holds until the commit.
    let meeting: ManualMeeting;
    let keptBodies: PersonBody[];
    try {
      meeting = await this.manualMeeting(parsed.persons);
      // Read one by one: hand entries are few, and an import without any must not decrypt the list twice.
      keptBodies = [];
      for (const id of meeting.kept) {
        const b = await this.bodyOf(id);
        if (b) keptBodies.push(b);
      }
    } catch (e) {
      this.writing = false;
      throw asVaultError(e);
    }
    const indexed = [...parsed.persons, ...keptBodies];
    const fault = this.deps.faultPoint ?? (() => undefined);
    // With a worker the index is built from here on, beside the comparison and the writes (a refused plan
    // stops it); without one it is built on this thread once the plan is accepted. The screen shows one
    // phase at a time: the worker's progress is held back until the rows are written and the import is
    // waiting on the index alone.
    const indexPhase = heldProgress(progress && ((d: number, t: number) => progress(d, t, 'index')), !this.deps.indexWorker);
    const indexProgress = indexPhase.report;
    const worker = this.deps.indexWorker && startIndexWorker(this.deps.indexWorker, this.sub.blindIndex, indexed, indexProgress);
    let summary: ImportSummary | undefined;
    try {
      // The plan is made, checked against the confirmation and committed inside one transaction, against one
      // list version: a list changed since the dry run gives another plan hash (the version is part of it), and
      // nothing can change the list between the check and the write (issue 15: a lost write ended a protection).
      const outcome = await this.db.transaction(async (): Promise<ImportResult | { matcher: Matcher; lots: LotIndex; addresses: AddressIndex }> => {
        fault('begin');
        const planned = await this.plan(parsed.persons, digest, compareProgress, meeting);
        summary = planned;
        fault('planned');
        if (opts.planHash !== undefined && opts.planHash !== planned.planHash) {
          return { ok: false, error: vaultErrors.planChanged().toInfo(), issues: [], summary: planned };
        }
        if (needsConfirmation(planned) && opts.confirmRemovals !== true) {
          return { ok: false, error: vaultErrors.confirmationRequired(planned.removed.length, planned.shortened.length).toInfo(), issues: [], summary: planned };
        }
        const index = worker ? worker.result : Promise.resolve(buildIndex(this.sub, indexed, indexProgress));
        const keep = new Set(meeting.kept);
        // Only with hand entries to keep: carrying re-reads the old indexes, which a plain import need not do.
        const freshLots = buildLots(this.sub, parsed.persons, opts.formerTokens);
        const freshAddresses = buildAddresses(this.sub, parsed.persons, opts.formerTokens);
        const lots = keep.size === 0 ? freshLots : carryLots(this.sub, freshLots, this.lots, (id) => keep.has(id));
        const addresses = keep.size === 0 ? freshAddresses : carryAddresses(this.sub, freshAddresses, this.addresses, (id) => keep.has(id));
        const persons: (ProtectedPerson | undefined)[] = parsed.persons;
        const matcher = await replaceList(this.listWriter(fault), persons, index, lots, addresses, progress && ((d, t) => progress(d, t, 'write')), indexPhase.release, meeting.kept);
        // The file now carries what was entered by hand: its markers go (the kept ones stay).
        for (const id of [...meeting.takenOver.map((t) => t.id), ...meeting.endedReturning]) await this.db.run('DELETE FROM manual_entries WHERE rid = ?', [id]);
        if (opts.withList) await opts.withList(planned);
        if (opts.audit) await opts.audit.sink.appendInTransaction(opts.audit.events(planned));
        fault('audit-written');
        fault('before-commit');
        return { matcher, lots, addresses };
      });
      if ('ok' in outcome) return outcome;
      fault('committed');
      this.matcher = outcome.matcher;
      this.lots = outcome.lots;
      this.addresses = outcome.addresses;
    } catch (e) {
      // The transaction was rolled back: the refusal is reported like any other, with the plan it was for.
      if (isAppError(e) && e.code === 'E_IMPORT_INDEX_FAILED') return { ok: false, error: e.toInfo(), issues: [], ...(summary && { summary }) };
      throw asVaultError(e);
    } finally {
      this.writing = false;
      worker?.cancel();
    }
    return { ok: true, committed: true, summary: summary!, ...meta };
  }

  /** The dry-run summary, reading the current list a page at a time. */
  private async plan(incoming: readonly ProtectedPerson[], fileDigest: string, progress: ((d: number, t: number) => void) | undefined, meeting: ManualMeeting): Promise<ImportSummary> {
    const planner = createImportPlanner(this.sub, incoming, fileDigest, await listVersion(this.db), meeting);
    await this.eachBody((b) => planner.see(b), progress);
    return planner.finish();
  }

  /** How an import would meet the hand entries (manualEntries.ts). */
  private async manualMeeting(incoming: readonly ProtectedPerson[]): Promise<ManualMeeting> {
    const markers = await manualMarkers(this.db);
    const bodies = new Map<string, PersonBody>();
    for (const [id, state] of markers) {
      const b = state === 'active' ? await this.bodyOf(id) : undefined;
      if (b) bodies.set(id, b);
    }
    return meetManual(markers, bodies, incoming);
  }

  // ── hand entries (SPEC F8, issue 22) ───────────────────────────────────────────────────────────

  /** How many times this lineage's keys were made again (vault/rekey.ts; 0 before the first re-key). */
  async keyGeneration(): Promise<number> {
    this.assertOpen();
    return keyGeneration(this.db);
  }

  /** The list version a hand change is bound to (its hash includes it): a list changed since is refused. */
  async currentListVersion(): Promise<number> {
    this.assertOpen();
    return listVersion(this.db);
  }

  /** Whether a 管理番号 is on the list, and its body (main only; never sent to a screen). */
  async bodyOf(id: string): Promise<PersonBody | undefined> {
    this.assertOpen();
    const row = await this.db.get<{ body: Buffer }>('SELECT body FROM persons WHERE rid = ?', [id]);
    return row ? decodeBody(this.sub, id, row.body) : undefined;
  }

  /** 管理番号 of the persons carrying this 宛名番号 (a hand entry must not add the same person twice). */
  async idsWithAtena(atenaNo: string): Promise<string[]> {
    const bodies = await this.readBodies();
    return [...bodies.values()].filter((b) => b.atenaNo === atenaNo).map((b) => b.id);
  }

  /**
   * One hand change, its index update and its audit entries in one transaction (SPEC invariant 7): the person
   * is matched at once, exactly as an imported one, and the next import meets the change (manualEntries.ts).
   */
  async writeManual(change: ManualWrite, opts: { listVersion: number; audit?: { sink: TransactionalAuditSink; events: readonly AuditEvent[] } }): Promise<void> {
    this.assertOpen();
    if (this.writing) throw vaultErrors.busy();
    this.writing = true;
    try {
      const out = await this.db.transaction(async () => {
        if ((await listVersion(this.db)) !== opts.listVersion) throw vaultErrors.planChanged();
        const r = await writeManualChange({ db: this.db, sub: this.sub, sealPublicKey: this.sealPublicKey, lots: this.lots, addresses: this.addresses, now: this.deps.clock() }, change);
        await storeIndexes(this.db, this.sub, opts.listVersion + 1, { index: r.matcher.serialize(), lots: r.lots, addresses: r.addresses, ids: r.ids });
        if (opts.audit) await opts.audit.sink.appendInTransaction(opts.audit.events);
        return r;
      });
      this.matcher = out.matcher;
      this.lots = out.lots;
      this.addresses = out.addresses;
    } catch (e) {
      throw asVaultError(e);
    } finally {
      this.writing = false;
    }
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────────────

  /** Blind-index lookup (SPEC F2): no record is decrypted to answer it. */
  match(query: MatchQuery): MatchOutcome {
    this.assertOpen();
    return this.matcher.query(query);
  }

  /** Protected persons whose address shares place + lot with `text` (a new 本籍 can reveal the address — SPEC F6). */
  matchLot(text: string): string[] {
    this.assertOpen();
    return this.lots.query(text);
  }

  /**
   * Whether `text` is this matched person's protected address, their 前住所, another, or unknown (issue 21) —
   * on keyed tokens, no sealed field opened. The mailing check is the only caller and never returns the answer
   * for an address that is not on the department's own row.
   */
  matchAddress(id: string, text: string): AddressAgreement {
    this.assertOpen();
    return this.addresses.agreement(id, text);
  }

  /** Each person's 前住所 / 前本籍 tokens, for the list bundle (issue 21); `persons` from exportPersons. */
  formerPlaceTokens(persons: readonly Pick<ProtectedPerson, 'id' | 'address'>[]): Map<string, FormerPlaceTokens> {
    this.assertOpen();
    return formerTokensOf(this.lots, this.addresses, persons);
  }

  /** A keyed token of an address, for counting distinct addresses tried (never the address itself). */
  addressToken(text: string): string {
    this.assertOpen();
    return this.addresses.tokens(text).sort().join('.');
  }

  async person(id: string): Promise<PersonView> {
    this.assertOpen();
    const row = await this.db.get<{ body: Buffer }>('SELECT body FROM persons WHERE rid = ?', [id]);
    if (!row) throw vaultErrors.noSuchRecord(id);
    const { sealedDigest: _d, ...view } = decodeBody(this.sub, id, row.body);
    return { ...view, expiry: expiryState(view.endDate, localIsoDate(this.deps.clock())) };
  }

  /**
   * Who is on the list and for which period, with the 宛名番号 (issue 21: reconciliation with another system's
   * suppression list). Body fields only — nothing sealed — and main keeps it; results carry codes and ids.
   */
  async roster(): Promise<{ id: string; atenaNo?: string; startDate: string; endDate: string }[]> {
    const bodies = await this.readBodies();
    return [...bodies.values()].map((b) => ({ id: b.id, ...(b.atenaNo && { atenaNo: b.atenaNo }), startDate: b.startDate, endDate: b.endDate }));
  }

  /** Alerts before and after expiry; the states never change masking. */
  async expiries(): Promise<{ id: string; endDate: string; state: ExpiryState }[]> {
    const today = localIsoDate(this.deps.clock());
    const bodies = await this.readBodies();
    return [...bodies.values()].map((b) => ({ id: b.id, endDate: b.endDate, state: expiryState(b.endDate, today) }));
  }

  /**
   * The lead's alerts (issue 22): who ends within a month or has passed their end (and stays masked), whether
   * 仮支援措置, whether entered by hand. 管理番号 and the measure's dates only.
   */
  async alertRows(): Promise<{ id: string; endDate: string; state: ExpiryState; provisional: boolean; manual: boolean }[]> {
    const today = localIsoDate(this.deps.clock());
    const bodies = await this.readBodies();
    const markers = await manualMarkers(this.db);
    return [...bodies.values()]
      .map((b) => ({ id: b.id, endDate: b.endDate, state: expiryState(b.endDate, today), provisional: b.state === '仮支援措置', manual: markers.get(b.id) === 'active' }))
      .filter((r) => r.state !== 'active')
      .sort((a, b) => (a.endDate === b.endDate ? (a.id < b.id ? -1 : 1) : a.endDate < b.endDate ? -1 : 1));
  }

  /** Counts only — safe for logs, the CLI and IT tickets. Verifies the roster so a deleted row is noticed. */
  async status(): Promise<VaultStatus> {
    this.assertOpen();
    const bodies = await this.readBodies();
    const version = await listVersion(this.db);
    const mac = await getMeta(this.db, 'roster_mac');
    if (!mac || !sameBytes(Buffer.from(mac), rosterMac(this.sub, version, [...bodies.keys()]))) throw vaultErrors.corrupt('roster');
    const today = localIsoDate(this.deps.clock());
    let expiring = 0;
    let expired = 0;
    let provisional = 0;
    for (const b of bodies.values()) {
      const s = expiryState(b.endDate, today);
      if (s === 'expired') expired++;
      else if (s === 'expiresWithinMonth') expiring++;
      if (b.state === '仮支援措置') provisional++;
    }
    const last = await getMeta(this.db, 'last_import_at');
    const slots = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM key_slots WHERE kind = 'protector'");
    const wraps = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM seal_key_wraps WHERE wrap_id <> ?', [RECOVERY_WRAP_ID]);
    return {
      persons: bodies.size, listVersion: version, lastImportAt: last ? String(last) : null,
      expiresWithinMonth: expiring, expired, provisional, schemaVersion: SCHEMA_VERSION,
      enrolledProtectors: slots?.n ?? 0, approverWraps: wraps?.n ?? 0,
    };
  }

  /** One consistent read of every body (status checks the roster against it). */
  private async readBodies(): Promise<Map<string, PersonBody>> {
    this.assertOpen();
    const rows = await this.db.all<{ rid: string; body: Buffer }>('SELECT rid, body FROM persons ORDER BY rid');
    return new Map(rows.map((r) => [r.rid, decodeBody(this.sub, r.rid, r.body)]));
  }

  /**
   * Every person's body in 管理番号 order, read and decrypted a page at a time, for the import plan: the
   * current list is never held in full beside the incoming one.
   */
  private async eachBody(visit: (b: PersonBody) => void, progress?: (d: number, t: number) => void): Promise<void> {
    this.assertOpen();
    const total = (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM persons'))?.n ?? 0;
    let done = 0;
    let after = '';
    for (;;) {
      const rows = await this.db.all<{ rid: string; body: Buffer }>('SELECT rid, body FROM persons WHERE rid > ? ORDER BY rid LIMIT ?', [after, READ_PAGE]);
      for (const r of rows) {
        visit(decodeBody(this.sub, r.rid, r.body));
        done++;
        if (progress && (done % 5000 === 0 || done === total)) progress(done, total);
      }
      if (rows.length < READ_PAGE) return;
      after = rows[rows.length - 1]!.rid;
    }
  }

  // ── sealed fields (SPEC F1, F4) ──────────────────────────────────────────────────────────────────

  /**
   * Opens one sealed field. The data key the vault holds cannot do this: it needs the recovery key or an
   * approver's PIN-derived key. Callers (the grant service) decide whether the request is allowed.
   */
  async openSealed(recordId: string, field: SealedField, unlock: SealUnlock): Promise<string | undefined> {
    this.assertOpen();
    return openOneSealed(this.sealed(), recordId, field, unlock);
  }

  /**
   * Every person with their sealed fields opened, for the list bundle (SPEC F13) only. Needs the recovery key
   * (or an approver's key) like any sealed read; the sealing key is unwrapped once, not once per field.
   * The result lives in main's memory just long enough to be encrypted into the bundle.
   */
  async exportPersons(unlock: SealUnlock): Promise<ProtectedPerson[]> {
    this.assertOpen();
    return openEveryPerson(this.sealed(), unlock);
  }

  /** Adds a wrap of the sealing key under an approver's PIN-derived key; needs an existing way to open it. */
  async addPrivateKeyWrap(wrapId: string, kek: Uint8Array, authorisedBy: SealUnlock): Promise<void> {
    this.assertOpen();
    if (wrapId === RECOVERY_WRAP_ID || kek.length !== 32) throw vaultErrors.sealUnlockRefused();
    const privateKey = await sealingPrivateKey(this.db, authorisedBy);
    await writeSealWrap(this.db, wrapId, kek, privateKey);
    privateKey.fill(0);
  }

  async removePrivateKeyWrap(wrapId: string): Promise<void> {
    this.assertOpen();
    await removeSealWrap(this.db, wrapId);
  }

  private sealed(): SealedStore {
    return { db: this.db, sub: this.sub, sealPublicKey: this.sealPublicKey };
  }

  // ── backup (SPEC F13) ────────────────────────────────────────────────────────────────────────────

  /**
   * A consistent snapshot of the database file (already ciphertext), for backup.ts to encrypt again. The file
   * is created empty and 0600 first (VACUUM INTO accepts an empty file and keeps its mode; left to itself it
   * would use the umask, 0644).
   */
  async snapshot(tmpFile: string): Promise<void> {
    this.assertOpen();
    await writeFile(tmpFile, '', { mode: 0o600, flag: 'wx' });
    await this.db.run(`VACUUM INTO '${tmpFile.replace(/'/g, "''")}'`).catch((e: unknown) => {
      throw asVaultError(e);
    });
  }

  /** Refuses a recovery key that does not open this vault (e.g. before a backup is written under it). */
  async verifyRecoveryKey(recoveryKey: string): Promise<void> {
    this.assertOpen();
    await unlockWithRecovery(this.db, parseRecoveryKey(recoveryKey));
  }

  /** The check without the sealing key: sqlite's own integrity, every body and the roster. */
  async verifyAll(): Promise<void> {
    try {
      const rows = await this.db.all<{ integrity_check: string }>('PRAGMA integrity_check');
      if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') throw vaultErrors.corrupt('sqlite-integrity');
      await this.status();
    } catch (e) {
      throw asVaultError(e);
    }
  }

  /**
   * verifyAll, and every sealed ciphertext authenticated by its tag (sealTags.ts): the data key alone is enough,
   * so a backup made with an administrator's PIN checks the sealed fields too (issue 15).
   */
  async verifyTagged(): Promise<void> {
    this.assertOpen();
    await this.verifyAll();
    await verifySealTags(this.db, this.sub).catch((e: unknown) => {
      throw asVaultError(e);
    });
  }

  /**
   * The full check (issue 15) that backup, bundle export and restore run first: verifyAll, and every sealed
   * ciphertext authenticated under its epoch key. A vault that fails it is refused: a backup of it would be
   * refused by restore later, a bundle of it would carry the damage to every PC.
   */
  async verifyFull(unlock: SealUnlock): Promise<void> {
    this.assertOpen();
    await this.verifyAll();
    // Back-filled tags are allowed here: this check opens every field, and afterwards certifies them (sealTags.ts).
    const { certified } = await verifySealTags(this.db, this.sub, { allowBackfilled: true }).catch((e: unknown) => {
      throw asVaultError(e);
    });
    await checkEverySealed(this.sealed(), unlock);
    if (!certified) await certifySealTags(this.db, this.sub);
  }

  private listWriter(fault: (step: ImportStep) => void): ListWriter {
    return { db: this.db, sub: this.sub, sealPublicKey: this.sealPublicKey, now: this.deps.clock, fault };
  }

  private assertOpen(): void {
    if (this.closed) throw vaultErrors.closed();
  }
}

/** Progress that is held (only the latest kept) until `release`, then reported as it comes. */
function heldProgress(report: ((d: number, t: number) => void) | undefined, open: boolean): { report?: (d: number, t: number) => void; release: () => void } {
  if (!report) return { release: () => undefined };
  let last: [number, number] | undefined;
  return {
    report: (d, t) => {
      last = [d, t];
      if (open) report(d, t);
    },
    release: () => {
      if (open) return;
      open = true;
      if (last) report(last[0], last[1]);
    },
  };
}

function withDefaults(d: VaultDeps): Deps {
  return {
    dataDir: d.dataDir, clock: d.clock ?? (() => new Date()), random: d.random ?? ((n) => randomBytes(n)),
    ...(d.indexWorker && { indexWorker: d.indexWorker }),
    ...(d.faultPoint && { faultPoint: d.faultPoint }),
  };
}
