/**
 * The routine list update after first-run setup, from a 住基 CSV or a list bundle, and the bundle export
 * (SPEC F8, F13). The file stays in main (read from a dialog there); the renderer holds a token and sees counts,
 * 管理番号 and row-level codes only.
 *
 * "An import never silently ends anyone's protection": a plan that removes people or shortens a period commits
 * only with two different staff members, each proving themselves with their own PIN, at least one of them an
 * administrator, and only for the plan they were shown (the vault checks the plan hash again inside the commit).
 */
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../../../shared/errors';
import { exportBundle, importBundle, type BundleExportAccess } from '../bundle';
import { bundleErrors } from '../bundle/errors';
import { exportAuthority, type SealAuthenticator } from '../bundle/exportAuthority';
import { isTransactional, type Actor, type AuditSink, type Clock, type StaffAuthenticator } from '../ports';
import type { ImportSummary } from '../vault/importPlan';
import { ImportProgressTracker, type ImportProgress } from '../vault/importProgress';
import type { CommitOptions, ImportResult, Vault } from '../vault/vault';
import { committedEvent, dryRunEvent, exportedEvent, refusedEvent, removalConfirmedEvents } from './auditEvents';
import { listErrors } from './errors';

export interface PinEntry { staffId: string; pin: string }
export interface ListFile { token: string; name: string; size: number; kind: 'csv' | 'bundle' }
export type ListPlan = ImportResult & { kind: 'csv' | 'bundle'; bundleCreatedAt?: string };
export type { ImportProgress } from '../vault/importProgress';

export interface ListUpdateDeps {
  vault: Vault;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: Clock;
  /** Who is at the terminal for events that take no PIN (the dry run): the session's staff id, else 'terminal'. */
  actor?: () => string;
  /** The staff directory's PIN check that can hand back a lead's key (bundle export without the recovery key). */
  seal?: SealAuthenticator;
}

/** The screen lists at most this many 管理番号 per kind; the counts are always complete. */
export const MAX_IDS_SHOWN = 500;
const MAX_FILE = 200 * 1024 * 1024;
const BUNDLE_MAGIC = Buffer.from('CSBUNDLE', 'ascii');
const STAFF_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class ListUpdateService {
  private held: { token: string; name: string; bytes: Buffer; kind: ListFile['kind'] } | null = null;
  private readonly tracker = new ImportProgressTracker();

  constructor(private readonly deps: ListUpdateDeps) {}

  /** A bundle is recognised by its magic bytes, never by the file name a user can change. */
  hold(name: string, bytes: Uint8Array): ListFile {
    if (bytes.length === 0 || bytes.length > MAX_FILE) throw listErrors.noFile();
    this.forget();
    const b = Buffer.from(bytes);
    const kind = b.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC) ? 'bundle' : 'csv';
    const token = randomBytes(12).toString('hex');
    this.held = { token, name, bytes: b, kind };
    return { token, name, size: b.length, kind };
  }

  async dryRun(token: string): Promise<ListPlan> {
    const file = this.fileOf(token);
    const actor = this.deps.actor?.() ?? 'terminal';
    const r = await this.guarded([actor], file.kind, () => this.importFile(file, { dryRun: true }));
    await this.deps.audit.append(r.ok ? dryRunEvent([actor], r.summary, file.kind) : refusedEvent([actor], file.kind, r.error.code));
    return r;
  }

  /**
   * All or nothing. `second` is the second person for removals and shortened periods; without one the vault
   * refuses such a plan (E_IMPORT_CONFIRM_REQUIRED) and nothing changes.
   */
  async commit(input: { token: string; planHash: string; first: PinEntry; second?: PinEntry | undefined }): Promise<ListPlan> {
    const file = this.fileOf(input.token);
    const { first, second } = input;
    if (second && second.staffId.trim() === first.staffId.trim()) {
      await this.refused([first.staffId], file.kind, 'E_LIST_TWO_PEOPLE');
      throw listErrors.twoPeople();
    }
    const a = await this.verified(first, file.kind);
    const b = second ? await this.verified(second, file.kind) : null;
    const actors = b ? [a.staffId, b.staffId] : [a.staffId];
    if (b && a.staffId === b.staffId) {
      await this.refused(actors, file.kind, 'E_LIST_TWO_PEOPLE');
      throw listErrors.twoPeople();
    }
    if (!a.roles.includes('admin') && !b?.roles.includes('admin')) {
      await this.refused(actors, file.kind, 'E_LIST_ADMIN_REQUIRED');
      throw listErrors.adminRequired();
    }
    // Which records lost or shortened protection, and who confirmed it: ids only (SPEC F10). Written inside the
    // import's own transaction, so no moment of a crash leaves the change without them (issue 15).
    const events = (s: ImportSummary, bundleCreatedAt?: string) => [...removalConfirmedEvents(actors, s, file.kind), committedEvent(actors, s, file.kind, bundleCreatedAt)];
    const sink = this.deps.audit;
    const r = await this.guarded(actors, file.kind, () => this.importFile(file, { planHash: input.planHash, confirmRemovals: b !== null, ...(isTransactional(sink) && { audit: { sink, events } }) }));
    if (!r.ok) {
      await this.refused(actors, file.kind, r.error.code);
      return r;
    }
    // A sink that cannot join the transaction (a test double) gets the same entries after the commit.
    if (!isTransactional(sink)) for (const e of events(r.summary, r.bundleCreatedAt)) await sink.append(e);
    this.forget();
    return r;
  }

  /**
   * The bundle (issue 17): an administrator's PIN, and a lead's PIN for the sealed fields it carries (the
   * administrator's own if they are a lead, else `second`); signed by the lineage's stored signer. The recovery key
   * is still accepted (it back-fills the signer on a vault made before issue 17) and dropped when this call returns.
   */
  async exportTo(input: { first: PinEntry; second?: PinEntry; recoveryKey?: string }, save: (file: Uint8Array, suggestedName: string) => Promise<{ saved: boolean; location: string }>): Promise<{ saved: boolean; location: string; persons: number; fileName: string }> {
    if (this.tracker.running) throw listErrors.busy();
    let actors: string[];
    let access: BundleExportAccess;
    if (input.recoveryKey || !this.deps.seal) {
      const a = await this.verified(input.first, 'bundle');
      actors = [a.staffId];
      if (!a.roles.includes('admin')) {
        await this.refused(actors, 'bundle', 'E_LIST_ADMIN_REQUIRED', 'export');
        throw listErrors.adminRequired();
      }
      if (!input.recoveryKey) throw bundleErrors.sealedNeedsLead();
      access = { recoveryKey: input.recoveryKey };
    } else {
      try {
        const auth = await exportAuthority(this.deps.seal, input.first, input.second, { notAdmin: listErrors.adminRequired, samePerson: listErrors.twoPeople });
        actors = auth.actors;
        access = { seal: auth.seal };
      } catch (e) {
        if (isAppError(e) && STAFF_ID_SHAPE.test(input.first.staffId)) await this.refused([input.first.staffId], 'bundle', e.code, 'export');
        throw e;
      }
    }
    let made: Awaited<ReturnType<typeof exportBundle>>;
    try {
      made = await exportBundle(this.deps.vault, access, this.deps.clock());
    } catch (e) {
      await this.refused(actors, 'bundle', isAppError(e) ? e.code : 'E_INTERNAL', 'export');
      throw e;
    } finally {
      if ('seal' in access) access.seal.kek.fill(0);
    }
    const fileName = `窓口シールド保護リスト_${made.header.createdAt.slice(0, 10)}.csbundle`;
    try {
      const r = await save(made.file, fileName);
      if (r.saved) await this.deps.audit.append(exportedEvent(actors, made.persons, made.header.signer));
      return { ...r, persons: made.persons, fileName };
    } finally {
      made.file.fill(0);
    }
  }

  progress(): ImportProgress {
    return this.tracker.snapshot();
  }

  private importFile(file: { bytes: Buffer; kind: ListFile['kind'] }, opts: { dryRun?: boolean; planHash?: string; confirmRemovals?: boolean; audit?: CommitOptions['audit'] }): Promise<ListPlan> {
    const { vault } = this.deps;
    const base: CommitOptions = { onProgress: this.tracker.report, ...(opts.planHash !== undefined && { planHash: opts.planHash }), ...(opts.confirmRemovals && { confirmRemovals: true }), ...(opts.audit && { audit: opts.audit }) };
    return this.run(async () => {
      if (file.kind === 'bundle') {
        // Signature, vault lineage and integrity are checked before anything is parsed as a list (bundle.ts).
        const r = await importBundle(vault, file.bytes, { ...base, dryRun: opts.dryRun === true });
        const { bundle, ...rest } = r;
        return { ...rest, kind: 'bundle' as const, ...(bundle && { bundleCreatedAt: bundle.createdAt }) };
      }
      const r = opts.dryRun ? await vault.dryRun(file.bytes, base) : await vault.commit(file.bytes, base);
      return { ...r, kind: 'csv' as const };
    });
  }

  /** A refused bundle (tampered, other vault) throws before the vault is touched: audit the code, then refuse. */
  private async guarded(actors: string[], kind: ListFile['kind'], body: () => Promise<ListPlan>): Promise<ListPlan> {
    try {
      return await body();
    } catch (e) {
      // Audited where the vault can still write; on a full disk the refusal cannot be, and the original
      // error (E_VAULT_DISK_FULL, not the audit's own failure) is what the screen must say.
      if (isAppError(e)) await this.refused(actors, kind, e.code).catch(() => undefined);
      throw e;
    }
  }

  private async verified(p: PinEntry, kind: ListFile['kind']): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) {
      if (STAFF_ID_SHAPE.test(p.staffId)) await this.refused([p.staffId], kind, res.error.code);
      throw new AppError(res.error);
    }
    return res.actor;
  }

  private refused(actors: string[], source: ListFile['kind'], code: string, op: 'import' | 'export' = 'import'): Promise<void> {
    const named = actors.filter((x) => STAFF_ID_SHAPE.test(x));
    return this.deps.audit.append(refusedEvent(named.length > 0 ? named : ['terminal'], source, code, op));
  }

  private fileOf(token: string): { bytes: Buffer; kind: ListFile['kind'] } {
    if (!this.held || this.held.token !== token) throw listErrors.noFile();
    return this.held;
  }

  private async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.tracker.running) throw listErrors.busy();
    return this.tracker.run(body);
  }

  private forget(): void {
    this.held?.bytes.fill(0);
    this.held = null;
  }
}
