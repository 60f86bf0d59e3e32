/**
 * A terminal's side of the fleet (SPEC F15, FLEET.md flows 1–3, 5). At enrolment it pins the lineage's root,
 * checked against the recovery key; at start and on every pick-up it runs the TUF client workflow over the drop
 * folder, compares its own state with what the station acknowledged, and applies the newest package:
 *
 * - list additions and longer periods at once; anything that ends or shortens a protection waits for two people at
 *   this terminal (FLEET flow 2, first option — see docs/fleet.md for why), bound to this terminal's own plan hash;
 * - staff directory, lead wraps and policy at once (they end nobody's protection);
 * - never a version below the highest applied or seen (vault and machine-wide marks, highWater.ts);
 * - behind its own acknowledged audit head → 'rolled-back': unmasking and imports stop until a lead and an
 *   administrator act; named in the retired list → 'retired', for good.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Metadata, type Root } from '@tufjs/models';
import { Updater } from 'tuf-js';
import { AppError, isAppError, type AppErrorInfo } from '../../../shared/errors';
import { deriveSigningKey } from '../bundle/signing';
import { positionOf } from '../audit/binding';
import { auditedTransaction } from '../audit/chain';
import { isTransactional, type AuditEvent, type AuditSink } from '../ports';
import { writeFileAtomic } from '../vault/dataDir';
import type { ImportSummary } from '../vault/importPlan';
import type { Vault } from '../vault/vault';
import { PackageIntents, type PackageApplyStep, type PackageIntent } from './applyIntent';
import { applyDirectory } from './directory';
import { fleetErrors } from './errors';
import { DropFolderFetcher, METADATA_BASE, TARGETS_BASE } from './fetcher';
import { maxMarks, readMachineMarks, readVaultMarks, writeMachineMarks, writeVaultMarks, type Marks } from './highWater';
import { roleKey } from './keys';
import { formerOfPackage, openPackage, packageName, versionOfName, type ListIdentity, type PackageContent } from './package';
import { HEADS_TARGET } from './repository';
import { rotationRefusal } from './rotation';
import type { HeadsFile } from './station';

const DAY = 86_400_000;

/** Checks one staff member's PIN (the staff service in the app); returns their roles, or null for a wrong PIN. */
export type StaffCheck = (staffId: string, pin: string) => Promise<readonly string[] | null>;

export interface TerminalDeps {
  vault: Vault;
  /** The terminal's data folder (TUF's trusted metadata lives in `fleet/tuf/` under it). */
  dataDir: string;
  dropDir: string;
  terminalId: string;
  /** The machine-wide copy of the high-water marks (ProgramData in the app), outside the data folder. */
  machineFile: string;
  /** Where the policy file is written when a package carries one. */
  policyPath?: string;
  audit: AuditSink;
  staff: StaffCheck;
  /**
   * The clock for list age and the audit. tuf-js checks expiry against the system clock itself; the app passes the
   * system clock, tests fix both (vi.setSystemTime), so the two can never disagree.
   */
  clock: () => Date;
  /** Test hook: called at each step of a package apply (the kill-point test SIGKILLs itself there). */
  faultPoint?: (step: PackageApplyStep) => void;
}

export interface FleetPlan {
  version: number;
  identity: ListIdentity;
  added: number;
  changed: number;
  /** 管理番号 whose protection this package ends; they wait for two people. */
  removed: string[];
  shortened: { id: string; from: string; to: string }[];
  planHash: string;
  /** What was applied at once: the whole list, the interim list (additions only), or nothing of the list. */
  appliedNow: 'all' | 'interim' | 'none';
  staffChanged: number;
  wrapsChanged: number;
  policyChanged: boolean;
}

export type FleetState = 'current' | 'updated' | 'pending-confirmation' | 'rolled-back' | 'retired' | 'refused';

export interface FleetStatus {
  state: FleetState;
  /** Unmasking and imports are allowed only in 'current', 'updated' and 'pending-confirmation'. */
  unmaskAllowed: boolean;
  error?: AppErrorInfo;
  plan?: FleetPlan;
  identity?: ListIdentity;
  /** Whole days since the 住基 export; red on every screen past listAgeLimitDays (SPEC F15). */
  listAgeDays?: number;
  listStale?: boolean;
}

const PENDING_FILE = 'pending.csp';

export class FleetTerminal {
  private readonly intents: PackageIntents;

  constructor(private readonly deps: TerminalDeps) {
    this.intents = new PackageIntents(deps.vault);
  }

  private get tufDir(): string {
    return join(this.deps.dataDir, 'fleet', 'tuf');
  }

  /**
   * Pins the lineage root: the drop folder's first root must be signed by the key the lineage's first recovery key
   * derives. After a vault re-key (vault/rekey.ts) the vault's recovery key is a new one and the repository's first
   * root is still the old one's: `rootSheet` is then the sheet the repository was made with. Without it, the vault's
   * recovery key is both (a lineage never re-keyed).
   */
  static async enrol(deps: TerminalDeps, recoveryKey: string, opts: { rootSheet?: string } = {}): Promise<FleetTerminal> {
    await deps.vault.verifyRecoveryKey(recoveryKey);
    const t = new FleetTerminal(deps);
    const bytes = await readFile(join(deps.dropDir, 'metadata', '1.root.json')).catch(() => undefined);
    if (!bytes) throw fleetErrors.unreadable('1.root.json');
    let root: Metadata<Root>;
    try {
      root = Metadata.fromJSON('root' as never, JSON.parse(bytes.toString('utf8'))) as Metadata<Root>;
      root.verifyDelegate('root', root);
    } catch {
      throw fleetErrors.rootUntrusted();
    }
    const lineage = roleKey(deriveSigningKey(opts.rootSheet ?? recoveryKey).publicKey).keyid;
    if (!root.signed.roles.root?.keyIDs.includes(lineage) || !root.signatures[lineage]) throw fleetErrors.rootUntrusted();
    await mkdir(join(t.tufDir, 'metadata'), { recursive: true, mode: 0o700 });
    await writeFile(join(t.tufDir, 'metadata', 'root.json'), bytes);
    await deps.audit.append({ action: 'fleet.enrolled', actors: ['system'], detail: { terminal: deps.terminalId, rootVersion: root.signed.version } });
    return t;
  }

  private async marks(): Promise<{ marks: Marks; own: Marks; behindMachine: boolean }> {
    const v = await readVaultMarks(this.deps.vault);
    const m = await readMachineMarks(this.deps.vault, this.deps.machineFile, this.deps.terminalId);
    if (m.state === 'invalid') return { marks: { ...v, hold: v.hold ?? { reason: 'machine-marks-invalid', at: this.deps.clock().toISOString() } }, own: v, behindMachine: true };
    if (m.state === 'absent') return { marks: v, own: v, behindMachine: false };
    const behind = v.applied < m.marks.applied || v.seen < m.marks.seen || v.timestamp < m.marks.timestamp;
    return { marks: maxMarks(v, m.marks), own: v, behindMachine: behind };
  }

  private async saveMarks(m: Marks): Promise<void> {
    await writeVaultMarks(this.deps.vault, m);
    await writeMachineMarks(this.deps.vault, this.deps.machineFile, this.deps.terminalId, m);
  }

  /** Start-up and every pick-up: verify, compare, apply what may be applied. Never throws for a refusal. */
  async check(): Promise<FleetStatus> {
    try {
      await this.resumeApply();
      return await this.checkOrThrow();
    } catch (e) {
      const error = isAppError(e) ? e.toInfo() : fleetErrors.tampered('internal').toInfo();
      await this.deps.audit.append({ action: 'fleet.refused', actors: ['system'], detail: { code: error.code } }).catch(() => undefined);
      return { state: 'refused', unmaskAllowed: !['E_FLEET_ROLLED_BACK', 'E_FLEET_RETIRED'].includes(error.code), error };
    }
  }

  private async checkOrThrow(): Promise<FleetStatus> {
    const { marks, own, behindMachine } = await this.marks();
    if (marks.retired) return this.retiredStatus();
    // The machine-wide line needs no drop folder: a copied-back folder is stopped before anything is read.
    if (behindMachine || marks.hold) return this.hold(marks, marks.hold?.reason ?? 'behind-machine-marks', own);
    const tuf = await this.refresh();
    const ts = await readVersion(join(this.tufDir, 'metadata', 'timestamp.json'));
    const snap = await readVersion(join(this.tufDir, 'metadata', 'snapshot.json'));
    // The TUF cache lives in the data folder and goes back with it; the marks catch a drop folder older than seen.
    if (ts < marks.timestamp) throw fleetErrors.replay('timestamp');
    if (snap < marks.snapshot) throw fleetErrors.replay('snapshot');
    const next: Marks = { ...marks, timestamp: Math.max(marks.timestamp, ts), snapshot: Math.max(marks.snapshot, snap) };
    const behind = await this.auditBehind(tuf, next);
    if (behind) return this.hold(next, behind);

    const version = await this.newestPackage();
    if (version === undefined) throw fleetErrors.noPackage();
    if (version < next.applied || version < next.seen) throw fleetErrors.olderPackage(version, Math.max(next.applied, next.seen));
    const info = await tuf.getTargetInfo(packageName(version));
    if (!info || info.custom.version !== version) throw fleetErrors.tampered('package-target');
    const scratch = join(this.deps.dataDir, 'fleet', 'incoming.csp');
    await tuf.downloadTarget(info, scratch).catch((e: unknown) => {
      throw classify(e);
    });
    const file = await readFile(scratch);
    await rm(scratch, { force: true });
    const content = openPackage(this.deps.vault, file, version);
    if (content.retired.includes(this.deps.terminalId)) {
      await this.saveMarks({ ...next, retired: true });
      await this.deps.audit.append({ action: 'fleet.retired', actors: ['system'], detail: { terminal: this.deps.terminalId, version } });
      return this.retiredStatus();
    }
    if (version === next.applied) {
      await this.saveMarks(next);
      return this.status('current', content);
    }
    if (version === next.seen && await this.pendingVersion() === version) {
      await this.saveMarks(next);
      return this.status('pending-confirmation', content);
    }
    const plan = await this.apply(content, file, next);
    if (plan.appliedNow === 'all') return { ...this.status('updated', content), plan };
    return { ...this.status('pending-confirmation', content), plan, error: fleetErrors.confirmationRequired(plan.removed.length, plan.shortened.length).toInfo() };
  }

  /**
   * Holds the terminal. The vault keeps its own list marks (what this folder really holds, which clearRollback
   * needs); the machine file keeps the higher ones.
   */
  private async hold(marks: Marks, reason: string, own: Marks = marks): Promise<FleetStatus> {
    const hold = marks.hold ?? { reason, at: this.deps.clock().toISOString() };
    if (!marks.hold) await this.deps.audit.append({ action: 'fleet.rolled_back', actors: ['system'], detail: { reason } });
    await writeVaultMarks(this.deps.vault, { ...own, hold, retired: marks.retired });
    await writeMachineMarks(this.deps.vault, this.deps.machineFile, this.deps.terminalId, { ...marks, hold });
    return { state: 'rolled-back', unmaskAllowed: false, error: fleetErrors.rolledBack(hold.reason).toInfo() };
  }

  /**
   * Applies a package (issue 15): the list (or its interim part), the staff directory, the vault's marks, the intent
   * and the `fleet.package_applied` entry — with the real counts — in one transaction; then the files (applyIntent.ts).
   */
  private async apply(c: PackageContent, file: Buffer, marks: Marks): Promise<FleetPlan> {
    const { vault, audit } = this.deps;
    const fault = this.deps.faultPoint ?? (() => undefined);
    const v = c.identity.version;
    const list = Buffer.from(c.list, 'base64');
    const nowIso = this.deps.clock().toISOString();
    const policy = await this.policyToWrite(c.policy);
    const pendingFile = join(this.deps.dataDir, 'fleet', PENDING_FILE);
    let appliedNow: FleetPlan['appliedNow'] = 'none';
    let summary!: ImportSummary;
    let pendingPlan: ImportSummary | null = null;
    let dir = { staffChanged: 0, wrapsChanged: 0 };
    let intent: PackageIntent | null = null;
    // What commits with the list, or alone when the whole list waits for two people.
    const together = async (now: FleetPlan['appliedNow']): Promise<void> => {
      dir = await applyDirectory(vault, c.staff, c.leadWraps, nowIso, positionOf(audit));
      const next: Marks = { ...marks, seen: v, applied: now === 'all' ? v : marks.applied };
      await writeVaultMarks(vault, next);
      intent = { version: v, policy, keepPending: now !== 'all', marks: next };
      await this.intents.put(intent);
    };
    const entry = (now: FleetPlan['appliedNow']): AuditEvent => ({
      action: 'fleet.package_applied', actors: ['system'],
      detail: { version: v, applied: now, added: summary.added, changed: summary.changed, removed: summary.removed.length, shortened: summary.shortened.length, staff: dir.staffChanged, wraps: dir.wrapsChanged, policy: policy !== null },
    });
    const withEntry = (now: FleetPlan['appliedNow']) => (isTransactional(audit) ? { audit: { sink: audit, events: () => [entry(now)] } } : {});
    try {
      const dry = await vault.dryRun(list);
      if (!dry.ok) throw fleetErrors.tampered('package-list');
      summary = dry.summary;
      const endsProtection = summary.removed.length > 0 || summary.shortened.length > 0;
      // The file that waits for two people is in place before anything commits: on its own it changes nothing
      // (the marks have not moved, so the next check applies the package again).
      if (endsProtection) await writeFileAtomic(pendingFile, file);
      fault('planned');
      if (!endsProtection) {
        const r = await vault.commit(list, { planHash: summary.planHash, withList: () => together('all'), ...withEntry('all'), ...formerOfPackage(c) });
        if (!r.ok) throw new AppError(r.error);
        appliedNow = 'all';
      } else if (c.interim) {
        const interim = Buffer.from(c.interim, 'base64');
        const di = await vault.dryRun(interim);
        if (di.ok && di.summary.removed.length === 0 && di.summary.shortened.length === 0) {
          const r = await vault.commit(interim, { planHash: di.summary.planHash, withList: () => together('interim'), ...withEntry('interim'), ...formerOfPackage(c) });
          if (r.ok) appliedNow = 'interim';
        }
        interim.fill(0);
        // The plan the two people confirm is the one from the list as it now stands: a plan hash binds the list
        // version it was made against (issue 15), and the interim commit moved that version on.
        if (appliedNow === 'interim') {
          const again = await vault.dryRun(list);
          if (again.ok) pendingPlan = again.summary;
        }
      }
      if (appliedNow === 'none') await auditedTransaction(vault.database, audit, () => together('none'), () => [entry('none')]);
      else if (!isTransactional(audit)) await audit.append(entry(appliedNow));
    } finally {
      list.fill(0);
    }
    fault('intent-written');
    await this.finishIntent(intent!);
    const pending = pendingPlan ?? summary;
    return { version: v, identity: c.identity, added: summary.added, changed: summary.changed, removed: pending.removed, shortened: pending.shortened, planHash: pending.planHash, appliedNow, staffChanged: dir.staffChanged, wrapsChanged: dir.wrapsChanged, policyChanged: policy !== null };
  }

  /** The package's policy (base64) when it differs from the file in force; null when there is nothing to write. */
  private async policyToWrite(policy: string | undefined): Promise<string | null> {
    if (!policy || !this.deps.policyPath) return null;
    const cur = await readFile(this.deps.policyPath).catch(() => undefined);
    return cur?.equals(Buffer.from(policy, 'base64')) ? null : policy;
  }

  /** The files of a committed apply; run again at the next check when a kill came first (the same bytes, no new entry). */
  private async finishIntent(i: PackageIntent): Promise<void> {
    const fault = this.deps.faultPoint ?? (() => undefined);
    const { vault, machineFile, terminalId } = this.deps;
    if (i.policy !== null && this.deps.policyPath) {
      await mkdir(dirname(this.deps.policyPath), { recursive: true });
      await writeFileAtomic(this.deps.policyPath, Buffer.from(i.policy, 'base64'));
    }
    if (!i.keepPending) await rm(join(this.deps.dataDir, 'fleet', PENDING_FILE), { force: true });
    const m = await readMachineMarks(vault, machineFile, terminalId);
    await writeMachineMarks(vault, machineFile, terminalId, m.state === 'ok' ? maxMarks(m.marks, i.marks) : i.marks);
    fault('files-written');
    await this.intents.clear();
    fault('finished');
  }

  /** Before every check: an apply a kill interrupted is finished; an intent edited outside the app is dropped, audited. */
  private async resumeApply(): Promise<void> {
    const i = await this.intents.pending();
    if (i === null) return;
    if (i !== 'tampered') return this.finishIntent(i);
    await auditedTransaction(this.deps.vault.database, this.deps.audit, () => this.intents.clear(), () => [
      { action: 'fleet.refused', actors: ['system'], detail: { code: 'E_FLEET_TAMPERED', what: 'apply-intent' } },
    ]);
  }

  /**
   * Two people at this terminal confirm the removals and shortenings of the pending package — exactly the plan
   * they were shown (planHash). At least one must be a lead (SPEC F8, F4: nobody decides alone).
   */
  async confirmPending(o: { planHash: string; first: { staffId: string; pin: string }; second: { staffId: string; pin: string } }): Promise<FleetPlan> {
    const { marks } = await this.marks();
    if (marks.retired) throw fleetErrors.retired(this.deps.terminalId);
    if (marks.hold) throw fleetErrors.rolledBack(marks.hold.reason);
    const roles = await this.twoPeople(o.first, o.second);
    if (!roles[0].includes('lead') && !roles[1].includes('lead')) throw fleetErrors.twoPeopleRequired();
    const version = await this.pendingVersion();
    if (version === undefined || version !== marks.seen) throw fleetErrors.planChanged();
    const file = await readFile(join(this.deps.dataDir, 'fleet', PENDING_FILE));
    const c = openPackage(this.deps.vault, file, version);
    const list = Buffer.from(c.list, 'base64');
    try {
      const confirmed = (s: ImportSummary): AuditEvent => ({
        action: 'fleet.removal_confirmed', actors: [o.first.staffId, o.second.staffId],
        targets: s.removed.slice(0, 32).map((id) => ({ recordId: id })),
        detail: { version, removed: s.removed.length, shortened: s.shortened.length },
      });
      const audit = this.deps.audit;
      // The removals, the vault's mark and their entry commit together (issue 15): no kill leaves one without the other.
      const r = await this.deps.vault.commit(list, {
        confirmRemovals: true, planHash: o.planHash, withList: () => writeVaultMarks(this.deps.vault, { ...marks, applied: version }), ...formerOfPackage(c),
        ...(isTransactional(audit) && { audit: { sink: audit, events: (s: ImportSummary) => [confirmed(s)] } }),
      });
      if (!r.ok) throw r.error.code === 'E_IMPORT_PLAN_CHANGED' ? fleetErrors.planChanged() : new AppError(r.error);
      if (!isTransactional(audit)) await audit.append(confirmed(r.summary));
      await this.saveMarks({ ...marks, applied: version });
      await rm(join(this.deps.dataDir, 'fleet', PENDING_FILE), { force: true });
      return { version, identity: c.identity, added: r.summary.added, changed: r.summary.changed, removed: r.summary.removed, shortened: r.summary.shortened, planHash: r.summary.planHash, appliedNow: 'all', staffChanged: 0, wrapsChanged: 0, policyChanged: false };
    } finally {
      list.fill(0);
    }
  }

  /**
   * A lead and an administrator (two different people) lift a rollback hold after looking at why. The head the
   * station acknowledged is recorded as accepted, so the same finding does not return until the station
   * acknowledges a newer head; the list is restored by the next check, which applies the newest package again.
   */
  async clearRollback(o: { lead: { staffId: string; pin: string }; admin: { staffId: string; pin: string } }): Promise<void> {
    const roles = await this.twoPeople(o.lead, o.admin);
    if (!roles[0].includes('lead') || !roles[1].includes('admin')) throw fleetErrors.twoPeopleRequired();
    const { marks } = await this.marks();
    if (!marks.hold) throw fleetErrors.noHold();
    // The head the station acknowledged, read now: a hold found by the machine-wide marks never read the folder.
    const acked = await this.ackedHead(await this.refresh().catch(() => undefined));
    const { hold: _h, ...rest } = marks;
    // The list marks return to what this folder holds, so the newest package is applied again on the next check.
    const applied = (await readVaultMarks(this.deps.vault)).applied;
    await this.saveMarks({ ...rest, applied, seen: applied, ...(acked && { acceptedBehind: acked }) });
    await this.deps.audit.append({ action: 'fleet.rollback_cleared', actors: [o.lead.staffId, o.admin.staffId], detail: { reason: marks.hold?.reason ?? 'none' } });
  }

  private async twoPeople(a: { staffId: string; pin: string }, b: { staffId: string; pin: string }): Promise<[readonly string[], readonly string[]]> {
    if (a.staffId === b.staffId) throw fleetErrors.twoPeopleRequired();
    const ra = await this.deps.staff(a.staffId, a.pin);
    const rb = await this.deps.staff(b.staffId, b.pin);
    if (!ra || !rb) throw fleetErrors.twoPeopleRequired();
    return [ra, rb];
  }

  private retiredStatus(): FleetStatus {
    return { state: 'retired', unmaskAllowed: false, error: fleetErrors.retired(this.deps.terminalId).toInfo() };
  }

  private status(state: FleetState, c: PackageContent): FleetStatus {
    const age = Math.floor((this.deps.clock().getTime() - Date.parse(`${c.identity.exportDate}T00:00:00+09:00`)) / DAY);
    return { state, unmaskAllowed: true, identity: c.identity, listAgeDays: age, listStale: age > c.listAgeLimitDays };
  }

  private updater(): Updater {
    return new Updater({
      metadataDir: join(this.tufDir, 'metadata'), metadataBaseUrl: METADATA_BASE, targetBaseUrl: TARGETS_BASE,
      targetDir: join(this.tufDir, 'targets'), fetcher: new DropFolderFetcher(this.deps.dropDir, join(this.deps.dataDir, 'fleet', 'scratch')),
    });
  }

  private async refresh(): Promise<Updater> {
    let u: Updater;
    try {
      u = this.updater();
    } catch {
      throw fleetErrors.notEnrolled();
    }
    await mkdir(join(this.tufDir, 'targets'), { recursive: true });
    await u.refresh().catch(async (e: unknown) => {
      const err = classify(e);
      // A refusal caused by a key rotation is named as such (rotation.ts); every other one stays as classified.
      throw (err.code === 'E_FLEET_TAMPERED' && (await rotationRefusal(join(this.tufDir, 'metadata', 'root.json'), this.deps.dropDir))) || err;
    });
    return u;
  }

  /** The newest package named in the verified targets metadata (persisted by tuf-js only after verification). */
  private async newestPackage(): Promise<number | undefined> {
    const t = JSON.parse(await readFile(join(this.tufDir, 'metadata', 'targets.json'), 'utf8')) as { signed: { targets: Record<string, unknown> } };
    const versions = Object.keys(t.signed.targets).map(versionOfName).filter((v): v is number => v !== undefined);
    return versions.length ? Math.max(...versions) : undefined;
  }

  private async pendingVersion(): Promise<number | undefined> {
    const file = await readFile(join(this.deps.dataDir, 'fleet', PENDING_FILE)).catch(() => undefined);
    if (!file) return undefined;
    const m = /"version":(\d+)/.exec(file.subarray(0, 512).toString('latin1'));
    return m ? Number(m[1]) : undefined;
  }

  private cachedHeads: HeadsFile | undefined;

  private async ackedHead(tuf?: Updater): Promise<{ seq: number; hash: string } | undefined> {
    if (tuf) {
      const info = await tuf.getTargetInfo(HEADS_TARGET);
      if (!info) return undefined;
      const path = join(this.deps.dataDir, 'fleet', 'heads.json');
      await tuf.downloadTarget(info, path).catch((e: unknown) => {
        throw classify(e);
      });
      this.cachedHeads = JSON.parse(await readFile(path, 'utf8')) as HeadsFile;
    }
    return this.cachedHeads?.heads[this.deps.terminalId];
  }

  /** 'audit-behind' / 'audit-forked' when this terminal's chain is not where the station last saw it. */
  private async auditBehind(tuf: Updater, marks: Marks): Promise<string | undefined> {
    const acked = await this.ackedHead(tuf);
    if (!acked || acked.seq === 0) return undefined;
    if (marks.acceptedBehind && marks.acceptedBehind.seq === acked.seq && marks.acceptedBehind.hash === acked.hash) return undefined;
    const db = this.deps.vault.database;
    const last = await db.get<{ seq: number }>('SELECT MAX(seq) AS seq FROM audit_log').catch(() => undefined);
    if (!last?.seq || last.seq < acked.seq) return 'audit-behind';
    const row = await db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [acked.seq]);
    return row?.hash === acked.hash ? undefined : 'audit-forked';
  }
}

async function readVersion(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (!text) return 0;
  const v = (JSON.parse(text) as { signed?: { version?: unknown } }).signed?.version;
  return typeof v === 'number' ? v : 0;
}

/** tuf-js's refusals as fleet error values; the original text (no personal data in it) goes to the detail only. */
function classify(e: unknown): AppError {
  if (isAppError(e)) return e;
  const text = String(e instanceof Error ? `${e.name} ${e.message}` : e);
  if (/expired/i.test(text)) return fleetErrors.frozen();
  if (/less than current version|Expected version/i.test(text)) return fleetErrors.replay('tuf-version');
  if (/not found|ENOENT/i.test(text)) return fleetErrors.unreadable('drop-folder');
  return fleetErrors.tampered(/signed by|signature/i.test(text) ? 'tuf-signature' : /hash|length/i.test(text) ? 'tuf-hash' : 'tuf-metadata');
}
