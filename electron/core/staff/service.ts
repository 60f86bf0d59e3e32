/**
 * The staff directory (SPEC F9) as the rest of the app sees it: first-run setup, PIN checks for login and
 * unmask, two-person changes, one's own PIN change. Lives in the vault database (own tables, own migration
 * line); the pepper comes from pepper.bin through the OS key protector.
 */
import { randomBytes } from 'node:crypto';
import { isAppError, type AppErrorInfo } from '../../../shared/errors';
import { positionOf } from '../audit/binding';
import { auditedTransaction } from '../audit/chain';
import type { Actor, AuditEvent, AuditSink, Clock, Role, StaffAuthenticator } from '../ports';
import { dropEnrolmentSlot } from '../machine/enrolmentSlot';
import type { KeyProtector } from '../vault/keyProtector';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { StaffChanges, type ConfirmInput, type ProposedChange, type StaffChange } from './changes';
import { staffErrors } from './errors';
import { createPepper, hasPepper, loadPepper, openPepperWithRecovery, pepperMatches, recoverPepper, writePepperSlot, type PepperDeps } from './pepper';
import { PinChecker, type PinCheckResult } from './pinCheck';
import { assertParams, DEFAULT_ARGON2, type Argon2Params } from './pinHash';
import { pinPolicyViolation } from './pinPolicy';
import { STAFF_MIGRATIONS } from './schema';
import { StaffStore, type CountersBehind } from './store';
import { TerminalPinThrottle } from './terminalThrottle';
import { LOCK_AFTER_FAILURES } from './throttle';
import { checkDisplayName, checkRoles, checkStaffId, leadWrapId } from './validate';

export interface StaffServiceDeps {
  vault: Vault;
  dataDir: string;
  protector: KeyProtector;
  audit: AuditSink;
  clock?: Clock;
  /** Defaults to DEFAULT_ARGON2; anything below OWASP's minimum is refused. */
  argon2?: Argon2Params;
  /** This OS account's protector slot (machine/account.ts): its own pepper file; absent = pepper.bin. */
  slotId?: string;
  /** How long a proposed staff change waits for its second person (default 10 minutes). */
  changeTtlSeconds?: number;
}

export type StaffState = 'not-set-up' | 'ready' | 'pepper-missing' | 'pepper-mismatch';

export interface StaffSummary {
  readonly staffId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly retired: boolean;
  readonly locked: boolean;
  readonly failedCount: number;
}

export interface BootstrapAdmin {
  staffId: string;
  displayName: string;
  pin: string;
  /** Always includes 'admin'; a small office may make its administrators leads too. */
  roles?: Role[];
}

export class StaffService implements StaffAuthenticator {
  private checker: PinChecker | null = null;
  /** Held for writePepperSlot only (the checker holds it as well). */
  private pepper: Buffer | null = null;
  private terminal: TerminalPinThrottle | null = null;
  private tamperListeners: Array<(staffId: string) => void | Promise<void>> = [];
  private signInListeners: Array<(staffId: string, pin: string, roles: readonly Role[]) => Promise<void>> = [];
  private rollbackListeners: Array<(staffId: string) => void | Promise<void>> = [];
  private changes: StaffChanges | null = null;
  private activeCount = 0;

  private constructor(
    private readonly deps: StaffServiceDeps & { clock: Clock },
    private readonly store: StaffStore,
    private stateNow: StaffState,
  ) {}

  static async open(depsIn: StaffServiceDeps): Promise<StaffService> {
    const deps = { ...depsIn, clock: depsIn.clock ?? (() => new Date()) };
    if (deps.argon2) assertParams(deps.argon2);
    const db = deps.vault.database;
    await migrateSubsystem(db, 'staff', STAFF_MIGRATIONS);
    const store = new StaffStore(db, deps.vault.serviceKey('staff-records'), positionOf(deps.audit));
    await store.macExistingCounters();
    await store.bindExistingCounters();
    const svc = new StaffService(deps, store, 'not-set-up');
    svc.terminal = await TerminalPinThrottle.open(db);
    if (await hasPepper(db)) {
      try {
        svc.ready(await loadPepper(svc.pepperDeps()));
      } catch (e) {
        svc.stateNow = isAppError(e) && e.code === 'E_PEPPER_MISMATCH' ? 'pepper-mismatch' : 'pepper-missing';
      }
    }
    await svc.refreshCount();
    return svc;
  }

  state(): StaffState {
    return this.stateNow;
  }

  /** Active (not retired) staff; what the start screen shows. */
  staffCount(): number {
    return this.activeCount;
  }

  /**
   * First run: two administrators, each with their own PIN, and the pepper. Refused once any staff exists —
   * there is no second "first run" that could add a third administrator without a second person.
   * The recovery key proves the person doing this is IT holding the vault's sheet.
   */
  async bootstrapAdmins(input: { recoveryKey: string; admins: [BootstrapAdmin, BootstrapAdmin] }): Promise<void> {
    const db = this.deps.vault.database;
    if ((await this.store.count()) > 0 || (await hasPepper(db))) throw staffErrors.alreadySetUp();
    const [a, b] = input.admins;
    if (!a || !b || a.staffId === b.staffId) throw staffErrors.bootstrapInput();
    const admins = input.admins.map((x) => {
      checkStaffId(x.staffId);
      const rule = pinPolicyViolation(x.pin, x.staffId);
      if (rule) throw staffErrors.pinPolicy(rule);
      return { ...x, displayName: checkDisplayName(x.displayName), roles: checkRoles([...(x.roles ?? []), 'admin']) };
    });
    await this.deps.vault.verifyRecoveryKey(input.recoveryKey);
    let pepper: Buffer | undefined;
    // The first administrators and their audit entry commit together (SPEC invariant 7).
    await auditedTransaction(db, this.deps.audit, async () => {
      if ((await this.store.count()) > 0) throw staffErrors.alreadySetUp();
      pepper = await createPepper(this.pepperDeps(), input.recoveryKey);
      const checker = this.makeChecker(pepper);
      for (const x of admins) {
        const salt = randomBytes(16);
        const keys = await checker.derive(x.staffId, x.pin, salt);
        try {
          await this.store.insert(x.staffId, { displayName: x.displayName, roles: x.roles, retired: false }, { params: checker.params, salt, verifier: keys.verifier }, this.deps.clock().toISOString());
          if (x.roles.includes('lead')) await this.deps.vault.addPrivateKeyWrap(leadWrapId(x.staffId), keys.sealKek, { recoveryKey: input.recoveryKey });
        } finally {
          keys.sealKek.fill(0);
          keys.verifier.fill(0);
        }
      }
    }, () => [{ action: 'staff.bootstrap', actors: admins.map((x) => x.staffId), detail: { admins: admins.length } }]);
    this.ready(pepper!);
    await this.refreshCount();
  }

  /**
   * A new PC / OS account, or after a restore: the recovery key re-creates this account's pepper file. The app's
   * enrolment uses openPepperForEnrolment + writePepperSlot instead, so the file is written beside its slot and audit entry.
   */
  async enrolTerminal(recoveryKey: string): Promise<void> {
    await this.deps.vault.verifyRecoveryKey(recoveryKey);
    const pepper = await recoverPepper(this.pepperDeps(), recoveryKey);
    this.ready(pepper);
    await this.deps.audit.append({ action: 'staff.pepper.enrolled', actors: ['it'] });
  }

  /**
   * Enrolment of another OS account (issue 16): the recovery key opens the pepper into memory only, so the
   * administrator's PIN can be checked; nothing is written until `writePepperSlot` runs in the enrolment's
   * own transaction, beside the protector slot and its audit entry.
   */
  async openPepperForEnrolment(recoveryKey: string): Promise<void> {
    await this.deps.vault.verifyRecoveryKey(recoveryKey);
    this.ready(await openPepperWithRecovery({ db: this.deps.vault.database }, recoveryKey));
  }

  /**
   * PIN enrolment (machine/pinEnrolment.ts): the administrator's enrolment slot gave the pepper; it is used only if
   * it is this vault's (pepper_check), and written to this account's file only with the enrolment's audit entry.
   */
  async adoptPepperForEnrolment(pepper: Buffer): Promise<void> {
    if (!(await pepperMatches(this.deps.vault.database, pepper))) throw staffErrors.pepperMismatch();
    this.ready(Buffer.from(pepper));
  }

  /** A copy of the pepper for an administrator's enrolment slot; the caller zeroes it. */
  pepperCopy(): Buffer {
    if (!this.pepper) throw staffErrors.pepperMissing();
    return Buffer.from(this.pepper);
  }

  /** The random salt of a staff member's current PIN record: it changes with every new PIN (an enrolment slot's tag). */
  async pinRecordSalt(staffId: string): Promise<Buffer | undefined> {
    return (await this.store.pin(staffId))?.salt;
  }

  /**
   * A wrong PIN that could not be counted when it was typed (a PIN enrolment, before anything opened the vault):
   * counted now on the staff row (or the terminal's, for an unknown id), inside the caller's transaction; the
   * caller appends the returned entries with it.
   */
  async countOutsideFailure(staffId: string, atMs: number, purpose: string): Promise<AuditEvent[]> {
    const known = await this.store.get(staffId);
    await this.terminal?.recordFailure(atMs);
    if (!known || known.retired) return [{ action: 'staff.pin.failed', actors: ['unknown'], detail: { purpose, reason: 'unknown-staff', attemptedAt: new Date(atMs).toISOString() } }];
    const failures = known.failedCount + 1;
    const lock = failures >= LOCK_AFTER_FAILURES;
    await this.store.recordFailure(known, atMs, lock);
    const out: AuditEvent[] = [{ action: 'staff.pin.failed', actors: [staffId], detail: { purpose, reason: 'wrong-pin', failures, attemptedAt: new Date(atMs).toISOString() } }];
    if (lock && known.failedCount < LOCK_AFTER_FAILURES) out.push({ action: 'staff.locked', actors: [staffId], detail: { failures } });
    return out;
  }

  /**
   * Told after each successful sign-in ('login'), with the PIN that was just checked: an administrator's enrolment
   * slot is written then when it is missing or stale (machine/adminSlots.ts). A listener's failure never fails the sign-in.
   */
  onSignedIn(listener: (staffId: string, pin: string, roles: readonly Role[]) => Promise<void>): void {
    this.signInListeners.push(listener);
  }

  async writePepperSlot(): Promise<void> {
    if (!this.pepper) throw staffErrors.pepperMissing();
    await writePepperSlot(this.pepperDeps(), this.pepper);
  }

  private pepperDeps(): PepperDeps {
    return { dataDir: this.deps.dataDir, db: this.deps.vault.database, protector: this.deps.protector, ...(this.deps.slotId !== undefined && { slotId: this.deps.slotId }) };
  }

  /** StaffAuthenticator (ports.ts): a result, never a throw, for services that only need "who is this". */
  async verifyPin(staffId: string, pin: string): Promise<{ ok: true; actor: Actor } | { ok: false; error: AppErrorInfo }> {
    try {
      const r = await this.authenticate(staffId, pin, 'verify');
      return { ok: true, actor: r.actor };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toInfo() };
      throw e;
    }
  }

  /** Throws a coded AppError on any refusal. `wantSealKek` is for the unmask approval only; the caller zeroes it. */
  async authenticate(staffId: string, pin: string, purpose: string, opts: { wantSealKek?: boolean } = {}): Promise<PinCheckResult> {
    const r = await this.requireChecker().check(staffId, pin, { purpose, ...opts });
    if (purpose === 'login') for (const f of this.signInListeners) await f(staffId, pin, r.actor.roles).catch(() => undefined);
    return r;
  }

  proposeChange(proposerId: string, proposerPin: string, change: StaffChange): Promise<ProposedChange> {
    return this.requireChanges().propose(proposerId, proposerPin, change);
  }

  confirmChange(input: ConfirmInput): Promise<void> {
    return this.requireChanges().confirm(input);
  }

  /** The service's own clock: a screen's countdown must be measured on the clock that expires the change. */
  now(): Date {
    return this.deps.clock();
  }

  /** A pending change as proposed (for the second person's screen); undefined when unknown, applied or expired. */
  pendingChange(changeId: string): ProposedChange | undefined {
    return this.requireChanges().pendingChange(changeId);
  }

  /** Withdraws a pending change (the proposer changed their mind, or the screen was left). */
  cancelChange(changeId: string): void {
    this.changes?.cancel(changeId);
  }

  /** One's own PIN, knowing the old one. A lead's sealing-key wrap moves to the new PIN in the same step. */
  async changePin(staffId: string, oldPin: string, newPin: string): Promise<void> {
    const rule = pinPolicyViolation(newPin, staffId);
    if (rule) throw staffErrors.pinPolicy(rule);
    const checker = this.requireChecker();
    const who = await checker.check(staffId, oldPin, { purpose: 'pin-change', wantSealKek: true });
    const salt = randomBytes(16);
    const keys = await checker.derive(staffId, newPin, salt);
    try {
      await auditedTransaction(this.store.db, this.deps.audit, async () => {
        await this.store.setPin(staffId, { params: checker.params, salt, verifier: keys.verifier });
        // The enrolment slot was made under the old PIN: it goes with it (the next sign-in writes a new one).
        await dropEnrolmentSlot(this.store.db, staffId);
        if (who.actor.roles.includes('lead')) {
          await this.deps.vault.addPrivateKeyWrap(leadWrapId(staffId), keys.sealKek, { wrapId: leadWrapId(staffId), kek: who.sealKek! });
        }
      }, () => [{ action: 'staff.pin.changed', actors: [staffId] }]);
    } finally {
      who.sealKek?.fill(0);
      keys.sealKek.fill(0);
      keys.verifier.fill(0);
    }
  }

  async describe(staffId: string): Promise<StaffSummary | undefined> {
    const s = await this.store.get(staffId);
    return s && summary(s);
  }

  async list(): Promise<StaffSummary[]> {
    return (await this.store.all()).map(summary);
  }

  private ready(pepper: Buffer): void {
    this.pepper = pepper;
    this.checker = this.makeChecker(pepper);
    this.changes = new StaffChanges({
      store: this.store, checker: this.checker, vault: this.deps.vault, audit: this.deps.audit, clock: this.deps.clock,
      ttlSeconds: this.deps.changeTtlSeconds ?? 600, onChanged: () => this.refreshCount(),
    });
    this.stateNow = 'ready';
  }

  private makeChecker(pepper: Buffer): PinChecker {
    return new PinChecker({
      store: this.store, pepper, audit: this.deps.audit, clock: this.deps.clock, argon2: this.deps.argon2 ?? DEFAULT_ARGON2,
      ...(this.terminal && { terminal: this.terminal }),
      onCountersTampered: async (id) => {
        for (const f of this.tamperListeners) await f(id);
      },
      onCountersRolledBack: async (b) => {
        for (const f of this.rollbackListeners) await f(b.staffId);
      },
    });
  }

  /** Staff ids whose lockout counters were changed outside the app (issue 14); they read as locked. */
  countersTampered(): Promise<string[]> {
    return this.store.tampered();
  }

  /**
   * Staff whose lockout counters are behind the audit chain (issue 14: an older copy of the row put back). The
   * caller records each finding first, then rebuilds the row from the chain (rebuildCounters).
   */
  countersBehindChain(): Promise<CountersBehind[]> {
    return this.store.behindChain();
  }

  /** Told whenever a PIN check meets counters behind the chain (recorded before the row is rebuilt). */
  onCountersRolledBack(listener: (staffId: string) => void | Promise<void>): void {
    this.rollbackListeners.push(listener);
  }

  /** The counters of a row behind the chain, rebuilt from the chain's newest entry for it: never lowered. */
  rebuildCounters(b: CountersBehind): Promise<void> {
    return this.store.rebuildFrom(b);
  }

  /** Told whenever a PIN check meets counters that do not verify. */
  onCountersTampered(listener: (staffId: string) => void | Promise<void>): void {
    this.tamperListeners.push(listener);
  }

  /** The start screen's alert: repeated wrong PINs on this terminal across staff ids, or null. */
  pinAlert(): { failures: number; since: string } | null {
    return this.terminal?.alert(this.deps.clock().getTime()) ?? null;
  }

  private requireChecker(): PinChecker {
    if (this.checker) return this.checker;
    throw this.stateNow === 'pepper-mismatch' ? staffErrors.pepperMismatch() : staffErrors.pepperMissing();
  }

  private requireChanges(): StaffChanges {
    this.requireChecker();
    return this.changes!;
  }

  private async refreshCount(): Promise<void> {
    this.activeCount = (await this.store.all()).filter((s) => !s.retired).length;
  }
}

function summary(s: { staffId: string; displayName: string; roles: readonly Role[]; retired: boolean; failedCount: number }): StaffSummary {
  return { staffId: s.staffId, displayName: s.displayName, roles: s.roles, retired: s.retired, locked: s.failedCount >= LOCK_AFTER_FAILURES, failedCount: s.failedCount };
}
