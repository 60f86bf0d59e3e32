/**
 * One counter terminal, composed once for Electron main and for the e2e harness alike: first-run setup
 * or enrolment until the vault opens on this OS account, then the audit chain every service writes to,
 * staff, sessions, unmask, the case workspace, the lead services and the camera policy verified with a
 * vault-derived key. Plain Node; the platform (dialogs, printing) comes in from the caller.
 */
import type { IndexWorkerOptions } from './vault/indexWorkerJob';
import { CaseService } from './cases/caseService';
import { LookupStore } from './cases/lookupStore';
import { createCoreServices, type CoreServices } from './compose';
import { createLeadServices, type LeadServices } from './leads';
import { positionOf } from './audit/binding';
import { openAuditChain } from './audit/open';
import { settlePendingRestore } from './admin/pendingRestore';
import { RestoreNoticeBox } from './admin/restoreNotice';
import type { AuditChain } from './audit';
import { defaultEffectivePolicy, loadEffectivePolicy, PhotoRequestLog, PolicyAdmin, PolicyIntents, policyRevisionStore, reconcilePolicyIntent, writePolicyFileAtomic } from './policy';
import { ProtectionGate } from './protection';
import { integrityProblems } from './vault/integrityCheck';
import type { Clock } from './ports';
import { SetupService } from './setup';
import type { Argon2Params } from './staff';
import type { KeyProtector } from './vault/keyProtector';
import type { PendingMove } from './machine/migrate';
import { ensureAdminSlot } from './machine/adminSlots';
import type { MachineProtector } from './machine/machineProtector';
import type { Vault } from './vault/vault';
import type { AppContext, CaseContext, LeadsContext, ListContext, SetupContext } from '../ipc/context';
import { ListUpdateService, ManualEntryService } from './list';
import { releasesForCases, ReleaseService } from './release';
import { createDepartmentServices, type DepartmentServices } from './departments';
import { coreContext } from '../ipc/coreContext';
import { policyAdminContext } from '../ipc/policyContext';
import type { AdminTasksContext, PolicyAdminContext } from '../ipc/context';
import { AppAdminService } from './admin/appAdmin';
import type { AdminHandle } from './admin/access';
import { adminErrors } from './admin/errors';
import { discardPrepared, finishSwitch, switchToPrepared, undoSwitch, type PreparedRestore } from './vault/backup';
import { AppError } from '../../shared/errors';
import { lookupLimitsOf, type EffectivePolicy } from '../../shared/policy/cameraPolicy';
import { MACHINE_MARKS_FILE } from './fleet/highWater';
import { FleetRuntime, type FleetTimers } from './fleet/runtime';
import { dirname, join } from 'node:path';

export interface TerminalOptions {
  dataDir: string;
  protector: KeyProtector;
  policyPath: string;
  /** Audit terminal id and protector slot for this PC/account (ASCII, e.g. 'T-3f9a0c1d'). */
  terminalId: string;
  terminalLabel?: () => string;
  /** This OS account's protector slot and this PC's binding (issue 16; SetupDeps says what each does). */
  accountSlot?: string;
  machineBinding?: string;
  pendingMove?: PendingMove;
  /** This PC's machine-scope secret: administrators' enrolment slots (SetupDeps.machineProtector). */
  machineProtector?: MachineProtector;
  enrolArgon2?: Argon2Params;
  clock?: Clock;
  argon2?: Argon2Params;
  sweepMs?: number;
  /** Imports build the blind index on this worker thread (out/main/indexWorker.js in the app). */
  indexWorker?: IndexWorkerOptions;
  /**
   * The fleet (issues 18, 19): the machine-wide marks file (default: beside the machine-wide policy file, outside
   * the data folder), the pick-up timer and its interval. Tests pass timers they drive themselves.
   */
  fleet?: { machineFile?: string; timers?: FleetTimers; pickupMs?: number };
}

/** What only the platform can do: dialogs, printing, PDF. */
export interface TerminalPlatform {
  saveApplicantCopy: CaseContext['saveApplicantCopy'];
  saveExport: LeadsContext['saveExport'];
  printRecoverySheet: SetupContext['printRecoverySheet'];
  chooseListFile: SetupContext['chooseListFile'];
  saveBundle: ListContext['saveBundle'];
  /** The administration screen's text exports (checkpoint, support bundle); optional: absent = not saved. */
  saveText?: AdminTasksContext['saveText'];
}

interface OpenTerminal {
  vault: Vault;
  chain: AuditChain;
  core: CoreServices;
  leads: LeadServices;
  cases: CaseService;
  photos: PhotoRequestLog;
  policyAdmin: PolicyAdminContext;
  gate: ProtectionGate;
  departments: DepartmentServices;
  fleet: FleetRuntime;
  entries: ManualEntryService;
  releases: ReleaseService;
  releaseTimer: ReturnType<typeof setInterval>;
}

const auditUnavailable = () =>
  new AppError({ code: 'E_AUDIT_UNAVAILABLE', ja: '監査記録が開かれていないため記録できませんでした。班長に口頭で報告してください。', en: 'The audit trail is not open; the request was not recorded.' });

export class Terminal {
  private open: OpenTerminal | null = null;
  private chain: AuditChain | null = null;
  private list: ListUpdateService | null = null;
  private adminTasks: AppAdminService | null = null;
  private readonly restoreNotice = new RestoreNoticeBox();
  private effective: EffectivePolicy;
  readonly setup: SetupService;

  private constructor(private readonly o: TerminalOptions, setup: SetupService | null, effective: EffectivePolicy) {
    this.effective = effective;
    this.setup = setup as SetupService;
  }

  static async start(o: TerminalOptions): Promise<Terminal> {
    // Until the vault opens the policy file cannot be verified: the strict defaults apply (fail closed).
    const t = new Terminal(o, null, defaultEffectivePolicy(o.policyPath, 'unverified'));
    await t.startSetup();
    return t;
  }

  /** Setup (or the vault's open on this account) from what is in the data folder now: at start, and after a restore. */
  private async startSetup(): Promise<void> {
    const o = this.o;
    const clock = o.clock ?? (() => new Date());
    const setup = await SetupService.start({
      dataDir: o.dataDir,
      protector: o.protector,
      terminalId: o.terminalId,
      clock,
      ...(o.terminalLabel && { terminalLabel: o.terminalLabel }),
      ...(o.accountSlot !== undefined && { accountSlot: o.accountSlot }),
      ...(o.machineBinding !== undefined && { machineBinding: o.machineBinding }),
      ...(o.pendingMove && { pendingMove: o.pendingMove }),
      ...(o.machineProtector && { machineProtector: o.machineProtector }),
      ...(o.enrolArgon2 && { enrolArgon2: o.enrolArgon2 }),
      ...(o.argon2 && { argon2: o.argon2 }),
      ...(o.indexWorker && { indexWorker: o.indexWorker }),
      openAudit: async (vault) => {
        // One chain per vault handle: a second chain on the same vault would fork the log.
        this.chain = await openAuditChain(vault, { dataDir: o.dataDir, terminal: o.terminalId, clock });
        return this.chain;
      },
      onReady: (vault) => this.ready(vault, clock),
    });
    (this as { setup: SetupService }).setup = setup;
  }

  /**
   * Restore from the administration screen (issue 17): everything on the open vault is closed (cases, sessions,
   * grants, the chain drained), the checked candidate is put in force, and the terminal is composed again on it.
   * If the switch fails, or the restored vault does not open complete on this account, the old database is put
   * back in force and reopened exactly as it was.
   */
  async replaceVault(p: PreparedRestore, afterSwitch: () => Promise<() => Promise<void>> = async () => async () => undefined): Promise<AdminHandle> {
    const deps = { dataDir: this.o.dataDir, ...(this.o.clock && { clock: this.o.clock }) };
    await this.close();
    let previous: string | undefined;
    try {
      ({ previous } = await switchToPrepared(deps, p));
    } catch {
      await discardPrepared(p);
      await this.startSetup();
      throw await this.restoreFailed('switch');
    }
    let undoAfter: () => Promise<void> = async () => undefined;
    await afterSwitch().then((u) => (undoAfter = u)).then(() => this.startSetup()).catch(() => undefined);
    const o = this.open;
    if (o && this.setup.status().stage === 'complete') {
      await finishSwitch(previous);
      return { vault: o.vault, chain: o.chain, staff: o.core.staff };
    }
    await this.close();
    await this.setup.release();
    await undoSwitch(deps, p, previous);
    await undoAfter().catch(() => undefined);
    await this.startSetup();
    throw await this.restoreFailed('reopen');
  }

  /** The failed restore, recorded on the old vault once it is open again. */
  private async restoreFailed(step: string): Promise<AppError> {
    const e = adminErrors.restoreFailed(step);
    await this.open?.chain.append({ action: 'vault.restore_refused', actors: ['terminal'], detail: { code: e.code, step } }).catch(() => undefined);
    return e;
  }

  get policy(): EffectivePolicy {
    return this.effective;
  }

  /** The vault is open and set up on this account: compose everything on it. */
  private async ready(vault: Vault, clock: Clock): Promise<void> {
    const chain = this.chain;
    if (!chain) throw auditUnavailable();
    // A restore's marker becomes its `vault.restored` entry at this first open (issue 17), and the login's one-time notice.
    const settled = await settlePendingRestore(vault, chain);
    if (settled) this.restoreNotice.keep(settled, (await vault.status()).persons);
    const policyKeys = { policyMacKey: async () => vault.serviceKey('policy-mac') };
    // The last approved revision lives in the vault: a policy file put back or deleted is a rollback (issue 14).
    const revisions = await policyRevisionStore(vault.database, vault.serviceKey('policy-mac'));
    const policySource = { path: this.o.policyPath, keys: policyKeys, revisions };
    // A policy change a kill interrupted is finished (or dropped, audited) before the file is read (issue 15).
    const intents = new PolicyIntents(vault.database, vault.serviceKey('policy-mac'));
    await reconcilePolicyIntent({ intents, revisions, audit: chain, path: this.o.policyPath, write: writePolicyFileAtomic });
    this.effective = await loadEffectivePolicy(policySource);
    const p = this.effective.policy;
    let gate: ProtectionGate | null = null;
    const core = await createCoreServices({
      dataDir: this.o.dataDir, protector: this.o.protector, audit: chain, clock, vault,
      ...(this.o.accountSlot !== undefined && { accountSlot: this.o.accountSlot }),
      idleSeconds: p.idleLockSeconds, grantTtlSeconds: p.unmaskGrantTtlSeconds,
      ...(this.o.argon2 && { argon2: this.o.argon2 }),
      ...(this.o.sweepMs !== undefined && { sweepMs: this.o.sweepMs }),
      stopped: async () => (gate ? gate.stopped() : null),
    });
    // An administrator's first sign-in on a vault from before enrolment slots (or after a PIN change) writes their slot.
    if (this.o.machineProtector) {
      core.staff.onSignedIn(async (staffId, pin, roles) => {
        if (roles.includes('admin')) await ensureAdminSlot(this.setup.slotDeps(vault, core.staff, chain), staffId, pin);
      });
    }
    const leads = await createLeadServices({ vault, dataDir: this.o.dataDir, terminal: this.o.terminalId, clock, auth: core.staff, listStaff: async () => (await core.staff.list()).map((s) => s.staffId) }, chain);
    gate = new ProtectionGate(chain, leads.breaks);
    await this.checkAtOpen(vault, core, gate);
    const g = gate;
    core.staff.onCountersTampered((staff) => g.record('counters-reset', { staff }));
    core.staff.onCountersRolledBack((staff) => g.record('counters-rolled-back', { staff }));
    // Lookup counts live in the vault (issue 14): a restart does not give a clerk a fresh hour.
    const store = await LookupStore.open(vault.database, vault.serviceKey('lookup-counts'), positionOf(chain));
    const cases = new CaseService({
      lookup: () => vault, audit: chain, auth: core.staff, clock, maskedFields: () => this.effective.policy.maskedFields, limits: () => lookupLimitsOf(this.effective.policy),
      store, onCountsReset: (staff) => g.record('lookup-counts-reset', { staff }),
      onCountsRolledBack: (staff) => g.record('lookup-counts-rolled-back', { staff }),
      // Read when a case is used, after the release service below exists (issue 22: a release lifts its case's mask).
      releases: () => (this.open ? releasesForCases(this.open.releases, (id) => core.staff.describe(id)) : undefined),
    });
    await cases.restore();
    // A locked session leaves no case open: closing wipes it from main as well as from the screen.
    // A 職員 taking over (SPEC F19) keeps the case they took; the 委託 login's other cases close as on any lock.
    core.sessions.onLock((reason, s) => void (reason === 'handover' ? cases.closeOf(s.staffId) : cases.closeAll()));
    const photos = new PhotoRequestLog({ audit: chain, clock, actor: () => core.sessions.currentStaffId() ?? 'terminal' });
    this.list = new ListUpdateService({ vault, audit: chain, auth: core.staff, seal: core.staff, clock, actor: () => core.sessions.currentStaffId() ?? 'terminal' });
    const entries = new ManualEntryService({ vault, audit: chain, auth: core.staff, clock });
    // Temporary releases: anything that ended while the app was closed is recorded as ended here, at open.
    const g2 = gate;
    const releases = await ReleaseService.open({
      db: vault.database, key: vault.serviceKey('releases'), audit: chain, auth: core.staff, clock,
      exists: async (id) => (await vault.bodyOf(id)) !== undefined, stopped: () => g2.stopped(),
    });
    // Signs with the very key the loader verifies with. After an approval the file is read back: masked
    // fields follow at once (CaseService reads them live); idle lock and grant TTL were handed to sessions
    // and unmask at start, so those two take effect at the next start (the screen says so).
    const admin = new PolicyAdmin({ path: this.o.policyPath, keys: policyKeys, revisions, intents, auth: core.staff, audit: chain, clock });
    const policyAdmin = policyAdminContext(admin, async () => {
      this.effective = await loadEffectivePolicy(policySource);
    });
    const departments = await createDepartmentServices({ vault, audit: chain, auth: core.staff, clock });
    // A chosen batch or suppression list does not outlive the session that chose it.
    core.sessions.onLock(() => departments.files.clear());
    // The fleet last: its first pick-up is awaited, so nothing unmasks before this PC was compared with the station's
    // manifest and the machine-wide marks; a hold it finds stops unmasking and imports through the same gate.
    const fleet = await FleetRuntime.open({
      vault, dataDir: this.o.dataDir, terminalId: this.o.terminalId, policyPath: this.o.policyPath, audit: chain, auth: core.staff, clock,
      machineFile: this.o.fleet?.machineFile ?? join(dirname(this.o.policyPath), MACHINE_MARKS_FILE),
      policy: () => this.effective.policy,
      ...(this.o.fleet?.timers && { timers: this.o.fleet.timers }),
      ...(this.o.fleet?.pickupMs !== undefined && { pickupMs: this.o.fleet.pickupMs }),
      ...(this.o.argon2 && { argon2: this.o.argon2 }),
    });
    gate.holdWhile(() => fleet.holdReason());
    await fleet.start();
    // Ends are recorded as they come even when no screen asks (the review lists when each release ended).
    const releaseTimer = setInterval(() => void releases.sweep().catch(() => undefined), 60_000);
    releaseTimer.unref?.();
    this.open = { vault, chain, core, leads, cases, photos, policyAdmin, gate, departments, fleet, entries, releases, releaseTimer };
  }

  /**
   * What must hold before this terminal unmasks anything (issue 14, invariant 4): the database passes its
   * integrity check, the policy file is not older than the last approval, no lockout counter was reset outside
   * the app. Each finding is recorded for the two-person acknowledgement; until then unmasking and imports stop.
   */
  private async checkAtOpen(vault: Vault, core: CoreServices, gate: ProtectionGate): Promise<void> {
    const problems = await integrityProblems(vault.database);
    if (problems.length) await gate.record('integrity-check-failed', { problems: problems.length });
    if (this.effective.state === 'rolled-back') await gate.record('policy-rolled-back', { revision: this.effective.revision });
    for (const staff of await core.staff.countersTampered().catch(() => [] as string[])) await gate.record('counters-reset', { staff });
    // An older copy of a counter row put back (issue 14): recorded first, then the row is rebuilt from the chain.
    for (const b of await core.staff.countersBehindChain().catch(() => [])) {
      await gate.record('counters-rolled-back', { staff: b.staffId });
      await core.staff.rebuildCounters(b);
    }
  }

  /**
   * The AppContext, read live: services appear when setup or enrolment completes, so they are getters —
   * never spread this object (a spread would freeze today's values).
   */
  context(base: Pick<AppContext, 'version' | 'prefs' | 'locks'>, platform: TerminalPlatform): AppContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- getters below must read the live terminal
    const t = this;
    return {
      version: base.version,
      prefs: base.prefs,
      locks: base.locks,
      vaultState: () => {
        const stage = t.setup.status().stage;
        if (t.open && stage === 'complete') return 'open';
        if (stage === 'enrolment-required') return 'locked';
        if (stage === 'error' || stage === 'key-protection-unavailable') return 'error';
        return 'absent';
      },
      staffCount: () => (t.open ? t.open.core.staff.staffCount() : 0),
      clockStatus: () => t.chain?.clockStatus(),
      policy: {
        effective: () => t.effective,
        recordPhotoRequest: (input) => {
          if (!t.open) throw auditUnavailable();
          return t.open.photos.record(input);
        },
        get admin() {
          return t.open?.policyAdmin;
        },
      },
      get unmask() {
        return t.open ? coreContext(t.open.core).unmask : undefined;
      },
      get staff() {
        return t.open ? { service: t.open.core.staff, sessions: t.open.core.sessions } : undefined;
      },
      get cases() {
        const o = t.open;
        return o
          ? {
            service: o.cases, clerk: () => o.core.sessions.currentStaffId(), clerkRoles: () => o.core.sessions.currentRoles(),
            sessions: o.core.sessions, saveApplicantCopy: platform.saveApplicantCopy,
          }
          : undefined;
      },
      get leads() {
        const o = t.open;
        return o
          ? {
            services: o.leads, saveExport: platform.saveExport,
            actor: async () => {
              const s = await o.core.sessions.current();
              return s ? { staffId: s.staffId, roles: s.roles } : null;
            },
            pinAlert: () => o.core.staff.pinAlert(),
          }
          : undefined;
      },
      get list() {
        const o = t.open;
        return o && t.list
          ? {
            service: t.list, entries: o.entries, releases: o.releases, chooseListFile: platform.chooseListFile, saveBundle: platform.saveBundle, stopped: () => o.gate.stopped(),
            actor: async () => {
              const s = await o.core.sessions.current();
              return s ? { staffId: s.staffId, roles: s.roles } : null;
            },
          }
          : undefined;
      },
      // Issue 21: the same CSV open dialog and text save dialog as the list and the audit export.
      get departments() {
        const o = t.open;
        return o
          ? {
            services: o.departments, chooseFile: platform.chooseListFile, saveReport: platform.saveExport,
            actor: async () => {
              const s = await o.core.sessions.current();
              return s ? { staffId: s.staffId, roles: s.roles } : null;
            },
          }
          : undefined;
      },
      // A getter: a restore from the administration screen starts a new setup service on the restored vault.
      get setup() {
        return { service: t.setup, printRecoverySheet: platform.printRecoverySheet, chooseListFile: platform.chooseListFile };
      },
      get admin() {
        const o = t.open;
        if (!o) return undefined;
        // One service per open vault: its logins live here, and end with the clerk's session (issue 17).
        if (!t.adminTasks) {
          const service = new AppAdminService({
            handle: { vault: o.vault, chain: o.chain, staff: o.core.staff },
            env: { dataDir: t.o.dataDir, terminalId: t.o.terminalId, appVersion: base.version, clock: t.o.clock ?? (() => new Date()), policyPath: t.o.policyPath },
            platform: process.platform,
            chooseFile: platform.chooseListFile,
            replaceVault: (p, after) => t.replaceVault(p, after),
          });
          o.core.sessions.onLock(() => service.logoutAll());
          t.adminTasks = service;
        }
        return {
          service: t.adminTasks,
          takeRestoreNotice: () => t.restoreNotice.take(),
          saveText: platform.saveText ?? (async () => ({ saved: false, location: '' })),
          saveFile: platform.saveBundle,
          savePdf: platform.saveApplicantCopy,
        };
      },
      get fleet() {
        const o = t.open;
        return o
          ? {
            runtime: o.fleet,
            actor: async () => {
              const s = await o.core.sessions.current();
              return s ? { staffId: s.staffId, roles: s.roles } : null;
            },
          }
          : undefined;
      },
    };
  }

  /** OS screen lock or suspend: lock the session, which re-masks every grant (SPEC F4). */
  async screenLocked(): Promise<void> {
    await this.open?.core.sessions.lock('screen-lock');
  }

  async close(): Promise<void> {
    const o = this.open;
    this.open = null;
    this.adminTasks?.logoutAll();
    this.adminTasks = null;
    if (!o) return;
    o.fleet.stop();
    clearInterval(o.releaseTimer);
    // Order matters: everything that audits (case close, session lock, grant revocation) runs while the chain
    // is open; then the chain drains; then the vault closes.
    await o.cases.closeAll().catch(() => undefined);
    o.departments.files.clear();
    await o.core.sessions.lock('shutdown').catch(() => undefined);
    await o.core.unmask.revokeAll('shutdown').catch(() => undefined);
    await o.leads.close().catch(() => undefined);
    await o.core.close().catch(() => undefined);
    await o.vault.close().catch(() => undefined);
  }
}
