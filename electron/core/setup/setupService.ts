/**
 * First-run setup and terminal enrolment (SPEC F9, F13), as plain Node for main, the e2e harness and tests.
 *
 * Setup: two administrators (the vault is created with the OS key protector at this step) → the recovery key,
 * shown once and confirmed by re-typing its last two groups → policy review → the first list. Every step is
 * audited and its stage kept in the vault (stage.ts).
 *
 * Resumability (what a power cut does): the recovery key exists only in this process's memory until it is
 * confirmed. If the process ends before that, nobody holds the key, so the half-made vault (two administrators,
 * no list) is set aside and setup starts again from the beginning ('setup.restarted' is audited in the new vault).
 * Once the key is confirmed, setup resumes at the step where it stopped; it is 'complete' only after the first
 * list is committed, so a vault without a list never looks finished.
 */
import { randomBytes } from 'node:crypto';
import { isAppError } from '../../../shared/errors';
import type { AuditSink, Clock } from '../ports';
import { auditedTransaction } from '../audit/chain';
import { bindingState, writeBinding } from '../machine/binding';
import { addAccountSlot, unlockAccountSlot } from '../vault/slots';
import { unlockWithProtector } from '../vault/keyring';
import { ensureAdminSlot, pruneAdminSlots, type AdminSlotDeps } from '../machine/adminSlots';
import { foldEnrolFailures } from '../machine/enrolAttempts';
import { noMachineProtector, type MachineProtector } from '../machine/machineProtector';
import { enrolWithAdminPin } from '../machine/pinEnrolment';
import { authenticateEnrollingAdmin } from '../machine/enrollingAdmin';
import { finishLegacyMove, type PendingMove } from '../machine/migrate';
import { pinSigner } from '../bundle/signing';
import { pinExportKey } from '../vault/exportKey';
import { staffErrors } from '../staff/errors';
import { pinPolicyViolation } from '../staff/pinPolicy';
import { StaffService, type Argon2Params } from '../staff';
import { checkDisplayName, checkStaffId } from '../staff/validate';
import { vaultErrors } from '../vault/errors';
import { hasVault, removeDbFiles, currentDbPath } from '../vault/dataDir';
import type { KeyProtector } from '../vault/keyProtector';
import type { IndexWorkerOptions } from '../vault/indexWorkerJob';
import { Vault, type VaultDeps } from '../vault/vault';
import { ImportStep, type ImportProgress } from './importStep';
import { setupErrors } from './errors';
import { confirmsLastGroups, keyGroups, recoverySheetHtml } from './recoveryKeyView';
import { setAsideAbandonedSetup } from './setAside';
import { readStage, writeStage, type PersistedStage } from './stage';

export type SetupStage =
  | 'key-protection-unavailable' | 'admins' | 'recovery-key' | 'policy' | 'first-import' | 'complete'
  | 'enrolment-required' | 'error';

export interface SetupStatus {
  stage: SetupStage;
  /** The vault error behind 'error' (a code only). */
  errorCode?: string;
  /** True when an interrupted setup was set aside at start (the screen says why it starts again). */
  restarted: boolean;
  /**
   * Why enrolment is asked for: this OS account has no slot that opens (a new account, or its DPAPI key was lost
   * in a password reset), or the vault opened but belongs to another PC (a copied data folder).
   */
  enrolReason?: 'new-account' | 'copied-folder';
  /** An administrator's 職員番号 + PIN can enrol this account (this PC's machine secret works; not a copied folder). */
  pinEnrolment?: boolean;
}

export interface SetupDeps {
  dataDir: string;
  protector: KeyProtector;
  /** The audit trail of an open vault (openAuditChain in the app). Called once per vault handle. */
  openAudit(vault: Vault): Promise<AuditSink>;
  /** The vault is set up and open on this account: main composes the core services with this vault and audit sink. */
  onReady?(vault: Vault, audit: AuditSink): Promise<void>;
  clock?: Clock;
  argon2?: Argon2Params;
  /** Protector slot id and audit terminal id for this PC/account, e.g. 'T-3f9a…'; random when absent. */
  terminalId?: string;
  terminalLabel?: () => string;
  /**
   * This OS account's protector slot (machine/account.ts accountSlotId): the data key and the pepper are wrapped
   * once per account under it. Absent (older callers, tests of other areas): the terminal id and pepper.bin.
   */
  accountSlot?: string;
  /** machineBindingOf(this PC) (machine/identity.ts); absent = no copy detection. */
  machineBinding?: string;
  /** A vault just moved here from the old per-user folder (machine/migrate.ts): audited and finished once it opens. */
  pendingMove?: PendingMove;
  /** Where imports build the blind index (out/main/indexWorker.js in the app); on the calling thread when absent. */
  indexWorker?: IndexWorkerOptions;
  /**
   * This PC's machine-scope secret (machine/machineProtector.ts): administrators' enrolment slots are wrapped with it,
   * so a new account on this PC enrols with an administrator's 職員番号 + PIN. Absent: recovery-key enrolment only.
   */
  machineProtector?: MachineProtector;
  /** The enrolment slots' KDF (default ENROL_ARGON2); tests make it cheaper, never below OWASP's minimum. */
  enrolArgon2?: Argon2Params;
}

export interface AdminInput { staffId: string; displayName: string; pin: string; pinConfirm: string }

const NEXT: Record<PersistedStage, SetupStage> = {
  'admins-created': 'recovery-key', 'key-confirmed': 'policy', 'policy-reviewed': 'first-import', complete: 'complete',
};

export class SetupService {
  private vault: Vault | null = null;
  private staff: StaffService | null = null;
  private audit: AuditSink | null = null;
  private recoveryKey: string | null = null;
  private stageNow: SetupStage = 'admins';
  private errorCode: string | undefined;
  private restarted = false;
  private enrolReason: SetupStatus['enrolReason'];
  private enrolQueue: Promise<unknown> = Promise.resolve();
  private pinEnrolment = false;
  private readonly clock: Clock;
  readonly terminalId: string;
  private readonly importStep: ImportStep;

  private vaultDeps(): VaultDeps {
    return { dataDir: this.deps.dataDir, clock: this.clock, ...(this.deps.indexWorker && { indexWorker: this.deps.indexWorker }) };
  }

  private constructor(private readonly deps: SetupDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.terminalId = deps.terminalId ?? `T-${randomBytes(4).toString('hex')}`;
    this.importStep = new ImportStep();
  }

  /** Reads the data folder and decides where this terminal stands. Never creates or changes a vault, except setting aside an abandoned one. */
  static async start(deps: SetupDeps): Promise<SetupService> {
    const s = new SetupService(deps);
    await s.detect();
    if (s.stageNow === 'enrolment-required') s.pinEnrolment = (await deps.machineProtector?.isAvailable().catch(() => false)) ?? false;
    return s;
  }

  status(): SetupStatus {
    return {
      stage: this.stageNow, restarted: this.restarted,
      ...(this.errorCode ? { errorCode: this.errorCode } : {}),
      ...(this.stageNow === 'enrolment-required' && { enrolReason: this.enrolReason ?? 'new-account', pinEnrolment: this.pinEnrolment && this.enrolReason !== 'copied-folder' }),
    };
  }

  private async detect(): Promise<void> {
    const { dataDir, protector } = this.deps;
    if (!(await hasVault(dataDir))) {
      this.stageNow = (await protector.isAvailable().catch(() => false)) ? 'admins' : 'key-protection-unavailable';
      return;
    }
    let vault: Vault;
    try {
      vault = await Vault.open(this.vaultDeps(), protector, this.deps.accountSlot);
    } catch (e) {
      const code = isAppError(e) ? e.code : 'E_INTERNAL';
      if (code === 'E_VAULT_ENROLMENT_REQUIRED') this.stageNow = 'enrolment-required';
      else if (code === 'E_KEY_PROTECTION_UNAVAILABLE') this.stageNow = 'key-protection-unavailable';
      else [this.stageNow, this.errorCode] = ['error', code];
      return;
    }
    const stage = await readStage(vault);
    const binding = this.deps.machineBinding;
    const bound = binding ? await bindingState(vault, binding) : 'this-pc';
    if (bound === 'other-pc') {
      // A data folder from another PC whose key still opens here (a roaming profile's DPAPI): never carry on as that PC.
      await vault.close();
      [this.stageNow, this.enrolReason] = ['enrolment-required', 'copied-folder'];
      return;
    }
    const staff = await this.openStaff(vault);
    if (bound === 'unbound' && binding && stage !== 'admins-created') {
      // A vault from before machine binding: it is bound to the PC it is found on, once, audited.
      await auditedTransaction(vault.database, this.audit!, () => writeBinding(vault, binding), () => [{ action: 'terminal.bound', actors: ['terminal'], detail: { terminal: this.terminalId } }]);
    }
    if (this.deps.pendingMove) await finishLegacyMove(vault, this.audit!, this.deps.pendingMove, this.terminalId, this.clock);
    // No stage but staff: a vault set up before stages were kept (or by tests) — it is in use, so it is complete.
    const abandoned = stage === 'admins-created' || (stage === undefined && staff.staffCount() === 0);
    if (!abandoned) {
      await this.adopt(vault, staff, stage ? NEXT[stage] : 'complete');
      return;
    }
    const persons = (await vault.status()).persons;
    await vault.close();
    if (persons > 0) {
      [this.stageNow, this.errorCode] = ['error', setupErrors.abandonedNotEmpty().code];
      return;
    }
    await setAsideAbandonedSetup(dataDir, this.clock());
    this.restarted = true;
    this.stageNow = 'admins';
  }

  private async openStaff(vault: Vault, audit?: AuditSink): Promise<StaffService> {
    this.audit = audit ?? this.audit ?? (await this.deps.openAudit(vault));
    return StaffService.open({
      vault, dataDir: this.deps.dataDir, protector: this.deps.protector, audit: this.audit, clock: this.clock,
      ...(this.deps.argon2 ? { argon2: this.deps.argon2 } : {}),
      ...(this.deps.accountSlot !== undefined && { slotId: this.deps.accountSlot }),
    });
  }

  private async adopt(vault: Vault, staff: StaffService, stage: SetupStage): Promise<void> {
    if (staff.state() === 'ready') {
      // Wrong PINs typed at a PIN enrolment while nothing could open the vault are counted now (enrolAttempts.ts).
      await foldEnrolFailures(vault.database, staff, this.audit!);
      await pruneAdminSlots({ vault, staff, audit: this.audit!, terminal: this.terminalId });
    }
    this.vault = vault;
    this.staff = staff;
    this.stageNow = stage;
    if (stage === 'complete') await this.deps.onReady?.(vault, this.audit!);
  }

  /** Closes the vault this service opened (a restore from the administration screen puts the old one back). */
  async release(): Promise<void> {
    const v = this.vault;
    this.vault = null;
    this.staff = null;
    await v?.close().catch(() => undefined);
  }

  private require(stage: SetupStage): { vault: Vault; staff: StaffService; audit: AuditSink } {
    if (this.stageNow !== stage || !this.vault || !this.staff || !this.audit) throw setupErrors.wrongStage(this.stageNow);
    return { vault: this.vault, staff: this.staff, audit: this.audit };
  }

  // ── step 1: the vault and the two administrators ─────────────────────────────────────────────────────────

  async createAdmins(admins: [AdminInput, AdminInput]): Promise<SetupStatus> {
    if (this.stageNow === 'key-protection-unavailable') throw vaultErrors.keyProtectionUnavailable();
    if (this.stageNow !== 'admins') throw setupErrors.wrongStage(this.stageNow);
    // Everything a person can get wrong is checked before a vault exists, so a typo never leaves one behind.
    admins.forEach((a, i) => {
      checkStaffId(a.staffId);
      checkDisplayName(a.displayName);
      if (a.pin !== a.pinConfirm) throw setupErrors.pinMismatch(i + 1);
      const rule = pinPolicyViolation(a.pin, a.staffId);
      if (rule) throw setupErrors.adminPinPolicy(i + 1, staffErrors.pinPolicy(rule));
    });
    if (admins[0].staffId === admins[1].staffId) throw setupErrors.sameAdmin();
    const deps = this.vaultDeps();
    const { vault, recoveryKey } = await Vault.create(deps, { protector: this.deps.protector, protectorSlot: this.deps.accountSlot ?? this.terminalId });
    try {
      this.audit = await this.deps.openAudit(vault);
      if (this.restarted) await this.audit.append({ action: 'setup.restarted', actors: ['terminal'], detail: { terminal: this.terminalId } });
      const binding = this.deps.machineBinding;
      await auditedTransaction(vault.database, this.audit, async () => {
        if (binding) await writeBinding(vault, binding);
      }, () => [{ action: 'setup.vault_created', actors: ['terminal'], detail: { terminal: this.terminalId } }]);
      const staff = await this.openStaff(vault, this.audit);
      await staff.bootstrapAdmins({ recoveryKey, admins: admins.map((a) => ({ staffId: a.staffId, displayName: a.displayName, pin: a.pin })) as [never, never] });
      await pinSigner(vault, recoveryKey);
      // A machine secret that fails now (PowerShell refused) must not undo the setup: each sign-in tries again.
      for (const a of admins) await ensureAdminSlot(this.slotDeps(vault, staff), a.staffId, a.pin).catch(() => false);
      // Issue 17: the recovery key's public half, so later backups need an administrator's PIN only.
      await pinExportKey(vault, recoveryKey);
      await writeStage(vault, 'admins-created');
      this.recoveryKey = recoveryKey;
      await this.adopt(vault, staff, 'recovery-key');
    } catch (e) {
      // Nothing anyone could recover: the key was never shown. Remove the half-made vault so setup can be retried.
      const db = await currentDbPath(this.deps.dataDir);
      await vault.close().catch(() => undefined);
      if (db) await removeDbFiles(db);
      await setAsideAbandonedSetup(this.deps.dataDir, this.clock()).catch(() => undefined);
      this.audit = null;
      throw e;
    }
    return this.status();
  }

  /** What an administrator's enrolment slot is written with (machine/adminSlots.ts); undefined without a machine protector. */
  slotDeps(vault: Vault, staff: StaffService, audit: AuditSink = this.audit!): AdminSlotDeps {
    const { protector, accountSlot, machineProtector } = this.deps;
    return {
      vault, staff, audit, terminal: this.terminalId,
      machine: machineProtector ?? noMachineProtector,
      dataKey: () => (accountSlot !== undefined ? unlockAccountSlot(vault.database, protector, accountSlot) : unlockWithProtector(vault.database, protector)),
      ...(this.deps.enrolArgon2 && { params: this.deps.enrolArgon2 }),
    };
  }

  // ── step 2: the recovery key, once ────────────────────────────────────────────────────────────────────────

  /** The key in groups, for the one screen that shows it. Refused once confirmed: main has forgotten it. */
  recoveryKeyGroups(): string[] {
    if (this.stageNow !== 'recovery-key' || !this.recoveryKey) throw setupErrors.keyGone();
    return keyGroups(this.recoveryKey);
  }

  recoverySheet(): string {
    if (this.stageNow !== 'recovery-key' || !this.recoveryKey) throw setupErrors.keyGone();
    return recoverySheetHtml(this.recoveryKey, { createdAt: this.clock(), terminalLabel: this.deps.terminalLabel?.() ?? '' });
  }

  async confirmRecoveryKey(typed: string): Promise<SetupStatus> {
    const { vault, audit } = this.require('recovery-key');
    if (!this.recoveryKey) throw setupErrors.keyGone();
    if (!confirmsLastGroups(this.recoveryKey, typed)) throw setupErrors.keyConfirm();
    await writeStage(vault, 'key-confirmed');
    this.recoveryKey = null;
    await audit.append({ action: 'setup.recovery_confirmed', actors: ['terminal'] });
    this.stageNow = 'policy';
    return this.status();
  }

  // ── step 3: the policy in force (read-only; policy:effective shows it) ───────────────────────────────────

  async reviewPolicy(): Promise<SetupStatus> {
    const { vault, audit } = this.require('policy');
    await writeStage(vault, 'policy-reviewed');
    await audit.append({ action: 'setup.policy_reviewed', actors: ['terminal'] });
    this.stageNow = 'first-import';
    return this.status();
  }

  // ── step 4: the first list ───────────────────────────────────────────────────────────────────────────────

  /** The file main read from a dialog; the renderer only ever holds the token and the file name. */
  holdListFile(name: string, bytes: Uint8Array): { token: string; name: string; size: number } {
    this.require('first-import');
    return this.importStep.hold(name, bytes);
  }

  async dryRunImport(token: string) {
    const { vault, audit } = this.require('first-import');
    return this.importStep.dryRun(vault, audit, token);
  }

  async commitImport(input: { token: string; planHash: string; staffId: string; pin: string }) {
    const { vault, staff, audit } = this.require('first-import');
    const who = await staff.authenticate(input.staffId, input.pin, 'setup-import');
    if (!who.actor.roles.includes('admin')) throw setupErrors.notAdmin();
    const r = await this.importStep.commit(vault, audit, input.token, input.planHash, input.staffId);
    if (r.ok) {
      await writeStage(vault, 'complete');
      await audit.append({ action: 'setup.completed', actors: [input.staffId], detail: { terminal: this.terminalId } });
      await this.adopt(vault, staff, 'complete');
    }
    return r;
  }

  importProgress(): ImportProgress {
    return this.importStep.progress();
  }

  // ── terminal enrolment (another OS account or PC) ────────────────────────────────────────────────────────

  /**
   * The recovery key opens the vault; then an administrator of that vault proves who they are with their PIN
   * (the pepper is opened into memory first, or no PIN could be checked). Only then are this account's protector
   * slot, its pepper file and the PC binding written — in one transaction with 'terminal.enrolled', so no slot
   * ever exists without its audit entry (issue 16). A wrong key or a wrong PIN writes nothing but the refusal.
   * A copied folder enrols here as this PC's terminal (its own id), with the copy named in the audit entry.
   */
  /**
   * A new OS account on this PC, enrolled with an administrator's 職員番号 + PIN alone (machine/pinEnrolment.ts says
   * each step). One try at a time: two parallel guesses must not both pass the lockout gate.
   */
  enrolWithPin(input: { staffId: string; pin: string }): Promise<SetupStatus> {
    const next = this.enrolQueue.catch(() => undefined).then(() => this.enrolWithPinNow(input));
    this.enrolQueue = next.catch(() => undefined);
    return next;
  }

  private async enrolWithPinNow(input: { staffId: string; pin: string }): Promise<SetupStatus> {
    if (this.stageNow !== 'enrolment-required') throw setupErrors.notEnrolmentStage();
    const { machineProtector, accountSlot } = this.deps;
    const { vault, audit, staff } = await enrolWithAdminPin({
      vaultDeps: this.vaultDeps(), protector: this.deps.protector, accountSlot: accountSlot ?? this.terminalId, terminalId: this.terminalId, clock: this.clock,
      machine: machineProtector ?? noMachineProtector,
      ...(this.deps.machineBinding !== undefined && { machineBinding: this.deps.machineBinding }),
      ...(this.deps.enrolArgon2 && { enrolArgon2: this.deps.enrolArgon2 }),
      openAudit: (v) => this.deps.openAudit(v),
      openStaff: (v, a) => this.openStaff(v, a),
    }, input).catch((e: unknown) => {
      this.audit = null;
      throw e;
    });
    this.audit = audit;
    const stage = await readStage(vault);
    this.enrolReason = undefined;
    await this.adopt(vault, staff, stage === undefined ? 'complete' : stage === 'admins-created' ? 'policy' : NEXT[stage]);
    return this.status();
  }

  async enrol(input: { recoveryKey: string; staffId: string; pin: string }): Promise<SetupStatus> {
    if (this.stageNow !== 'enrolment-required') throw setupErrors.notEnrolmentStage();
    const vault = await Vault.openWithRecovery(this.vaultDeps(), input.recoveryKey);
    let adopted = false;
    try {
      const audit = await this.deps.openAudit(vault);
      this.audit = audit;
      const staff = await this.openStaff(vault, audit);
      if (staff.staffCount() === 0) throw setupErrors.notAdmin();
      const needsPepper = staff.state() !== 'ready';
      if (needsPepper) await staff.openPepperForEnrolment(input.recoveryKey);
      await authenticateEnrollingAdmin(staff, audit, input, { terminal: this.terminalId });
      const binding = this.deps.machineBinding;
      const copied = binding !== undefined && (await bindingState(vault, binding)) === 'other-pc';
      const slot = this.deps.accountSlot ?? this.terminalId;
      await auditedTransaction(vault.database, audit, async () => {
        // The pepper file first: if it cannot be written the transaction rolls back and no slot is left without it.
        if (needsPepper || this.deps.accountSlot !== undefined) await staff.writePepperSlot();
        await addAccountSlot(vault.database, this.deps.protector, slot, input.recoveryKey);
        if (binding) await writeBinding(vault, binding);
        await pinSigner(vault, input.recoveryKey);
        await pinExportKey(vault, input.recoveryKey);
      }, () => [{ action: 'terminal.enrolled', actors: [input.staffId], detail: { terminal: this.terminalId, ...(copied && { copiedFromOtherPc: true }) } }]);
      const stage = await readStage(vault);
      this.enrolReason = undefined;
      // Whoever enrols just typed the key, so a vault copied before its key was confirmed is treated as confirmed.
      await this.adopt(vault, staff, stage === undefined ? 'complete' : stage === 'admins-created' ? 'policy' : NEXT[stage]);
      adopted = true;
    } finally {
      if (!adopted) {
        this.audit = null;
        await vault.close();
      }
    }
    return this.status();
  }
}
