/**
 * Staff changes need two people (SPEC F9): an administrator proposes, a second person (admin or lead, not
 * the proposer, not the subject) confirms with their own PIN. The confirmation is bound to a hash of the
 * exact change that was shown — including the subject's state at the time — so nothing can be swapped in
 * between "shown" and "confirmed", and a change confirmed against a stale picture is refused.
 *
 * The lead role is backed by a key, not only by a flag: giving it creates the member's wrap of the sealing
 * private key (vault.addPrivateKeyWrap), which must itself be opened by an existing authority — the
 * confirming lead's PIN or the recovery key. Taking it away, or retiring the member, removes the wrap.
 */
import { randomBytes } from 'node:crypto';
import { canonicalHash, sameHash } from '../canonical';
import { opaqueId } from '../opaqueId';
import { auditedTransaction } from '../audit/chain';
import { dropEnrolmentSlot } from '../machine/enrolmentSlot';
import type { AuditEvent, AuditSink, Clock, Role } from '../ports';
import type { SealUnlock, Vault } from '../vault/vault';
import { staffErrors } from './errors';
import type { PinChecker } from './pinCheck';
import { pinPolicyViolation } from './pinPolicy';
import type { StaffRow, StaffStore } from './store';
import { LOCK_AFTER_FAILURES } from './throttle';
import { checkDisplayName, checkRoles, checkStaffId, leadWrapId } from './validate';

export type StaffChange =
  | { kind: 'add'; staffId: string; displayName: string; roles: Role[] }
  | { kind: 'setRoles'; staffId: string; roles: Role[] }
  | { kind: 'resetPin'; staffId: string }
  | { kind: 'unlock'; staffId: string }
  | { kind: 'retire'; staffId: string };

export interface ProposedChange {
  readonly changeId: string;
  readonly changeHash: string;
  readonly change: StaffChange;
  readonly proposerId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** The member concerned types a PIN at confirmation: a new one (add, reset) or their current one (becoming a lead). */
  readonly needsSubjectPin: boolean;
  /** A sealing-key wrap is created: the confirmer must be a lead, or the recovery key must be given. */
  readonly needsSealAuthority: boolean;
}

export interface ConfirmInput {
  changeId: string;
  changeHash: string;
  confirmerId: string;
  confirmerPin: string;
  subjectPin?: string;
  recoveryKey?: string;
}

interface Pending extends ProposedChange {
  readonly baseline: string;
  readonly expiresMs: number;
}

export interface StaffChangesDeps {
  store: StaffStore;
  checker: PinChecker;
  vault: Vault;
  audit: AuditSink;
  clock: Clock;
  ttlSeconds: number;
  onChanged: () => Promise<void>;
}

export class StaffChanges {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: StaffChangesDeps) {}

  async propose(proposerId: string, proposerPin: string, input: StaffChange): Promise<ProposedChange> {
    const change = normalise(input);
    const who = await this.deps.checker.check(proposerId, proposerPin, { purpose: 'staff-change' });
    if (!who.actor.roles.includes('admin')) throw staffErrors.notAdmin();
    if (change.staffId === proposerId) throw staffErrors.samePerson();
    const subject = await this.deps.store.get(change.staffId);
    this.validateAgainst(change, subject);
    await this.assertAdminsRemain(change);
    const now = this.deps.clock();
    const changeId = opaqueId('c', 8);
    const expiresMs = now.getTime() + this.deps.ttlSeconds * 1000;
    const baseline = baselineOf(subject);
    const gainsLead = leadGained(change, subject);
    const p: Pending = {
      changeId, change, proposerId, baseline, expiresMs,
      createdAt: now.toISOString(), expiresAt: new Date(expiresMs).toISOString(),
      changeHash: hashChange(changeId, proposerId, change, baseline, now.toISOString()),
      needsSubjectPin: change.kind === 'add' || change.kind === 'resetPin' || gainsLead,
      needsSealAuthority: gainsLead || (change.kind === 'resetPin' && subject?.roles.includes('lead') === true),
    };
    this.pending.set(changeId, p);
    await this.deps.audit.append({ action: 'staff.change.proposed', actors: [proposerId], targets: [{ recordId: change.staffId }], detail: { changeId, kind: change.kind } });
    const { baseline: _b, expiresMs: _e, ...shown } = p;
    return shown;
  }

  async confirm(input: ConfirmInput): Promise<void> {
    const p = this.pending.get(input.changeId);
    if (!p) throw staffErrors.changeUnknown();
    if (this.deps.clock().getTime() > p.expiresMs) {
      this.pending.delete(p.changeId);
      throw staffErrors.changeExpired();
    }
    if (!sameHash(input.changeHash, p.changeHash)) throw staffErrors.changeHash();
    if (input.confirmerId === p.proposerId || input.confirmerId === p.change.staffId) throw staffErrors.samePerson();
    if (p.needsSubjectPin && input.subjectPin === undefined) throw staffErrors.subjectPinRequired();
    if (p.change.kind === 'add' || p.change.kind === 'resetPin') {
      const rule = pinPolicyViolation(input.subjectPin!, p.change.staffId);
      if (rule) throw staffErrors.pinPolicy(rule);
    }
    const useRecovery = p.needsSealAuthority && input.recoveryKey !== undefined;
    if (useRecovery) await this.deps.vault.verifyRecoveryKey(input.recoveryKey!);
    const confirmer = await this.deps.checker.check(input.confirmerId, input.confirmerPin, {
      purpose: 'staff-change', wantSealKek: p.needsSealAuthority && !useRecovery,
    });
    let authority: SealUnlock | undefined;
    try {
      const roles = confirmer.actor.roles;
      if (!roles.includes('admin') && !roles.includes('lead')) throw staffErrors.confirmerRole();
      if (p.needsSealAuthority) {
        if (useRecovery) authority = { recoveryKey: input.recoveryKey! };
        else if (roles.includes('lead') && confirmer.sealKek) authority = { wrapId: leadWrapId(input.confirmerId), kek: confirmer.sealKek };
        else throw staffErrors.sealAuthority();
      }
      const subject = await this.deps.store.get(p.change.staffId);
      if (baselineOf(subject) !== p.baseline) throw staffErrors.changeStale();
      await this.assertAdminsRemain(p.change);
      this.pending.delete(p.changeId);
      // The entry is written in the change's own transaction: no moment of a crash leaves one without the other.
      await this.apply(p, subject, input.subjectPin, authority, {
        action: 'staff.change.confirmed', actors: [p.proposerId, input.confirmerId], targets: [{ recordId: p.change.staffId }],
        detail: { changeId: p.changeId, kind: p.change.kind, sealAuthority: authority ? ('recoveryKey' in authority ? 'recovery-key' : 'lead') : 'none' },
      });
    } finally {
      confirmer.sealKek?.fill(0);
    }
    await this.deps.onChanged();
  }

  cancel(changeId: string): void {
    this.pending.delete(changeId);
  }

  /** What the confirming person's screen shows: the change as proposed, never the baseline; undefined once gone or expired. */
  pendingChange(changeId: string): ProposedChange | undefined {
    const p = this.pending.get(changeId);
    if (!p) return undefined;
    if (this.deps.clock().getTime() > p.expiresMs) {
      this.pending.delete(changeId);
      return undefined;
    }
    const { baseline: _b, expiresMs: _e, ...shown } = p;
    return shown;
  }

  private async apply(p: Pending, subject: StaffRow | undefined, subjectPin: string | undefined, authority: SealUnlock | undefined, entry: AuditEvent): Promise<void> {
    const { store, vault, checker, clock } = this.deps;
    const c = p.change;
    const id = c.staffId;
    // Keys are prepared before the transaction: a wrong current PIN must be counted, and a rolled-back
    // transaction would un-count it.
    let rec: { params: typeof checker.params; salt: Buffer; verifier: Buffer } | undefined;
    let subjectKek: Buffer | undefined;
    if (c.kind === 'add' || c.kind === 'resetPin') {
      const salt = randomBytes(16);
      const keys = await checker.derive(id, subjectPin!, salt);
      rec = { params: checker.params, salt, verifier: keys.verifier };
      subjectKek = keys.sealKek;
    } else if (leadGained(c, subject)) {
      // Becoming a lead keeps one's PIN: the member types their current PIN, which yields their key.
      subjectKek = (await checker.check(id, subjectPin!, { purpose: 'staff-change', wantSealKek: true })).sealKek;
    }
    const needsWrap = leadGained(c, subject) || (c.kind === 'resetPin' && subject!.roles.includes('lead'));
    try {
      await auditedTransaction(store.db, this.deps.audit, async () => {
        if (c.kind === 'add') await store.insert(id, { displayName: c.displayName, roles: c.roles, retired: false }, rec!, clock().toISOString());
        if (c.kind === 'resetPin') await store.setPin(id, rec!);
        if (c.kind === 'setRoles') await store.setBody(id, { ...subject!, roles: c.roles });
        if (c.kind === 'unlock') await store.clearFailures(id);
        if (c.kind === 'retire') await store.setBody(id, { ...subject!, retired: true });
        if (needsWrap) await vault.addPrivateKeyWrap(leadWrapId(id), subjectKek!, authority!);
        const losesLead = (c.kind === 'setRoles' && !c.roles.includes('lead')) || c.kind === 'retire';
        if (losesLead) await vault.removePrivateKeyWrap(leadWrapId(id));
        // An administrator's enrolment slot (issue 16) must not outlive their PIN, their admin role or their service.
        const slotStale = c.kind === 'resetPin' || c.kind === 'retire' || (c.kind === 'setRoles' && !c.roles.includes('admin'));
        if (slotStale) await dropEnrolmentSlot(store.db, id);
      }, () => [entry]);
    } finally {
      subjectKek?.fill(0);
      rec?.verifier.fill(0);
    }
  }

  private validateAgainst(c: StaffChange, subject: StaffRow | undefined): void {
    if (c.kind === 'add') {
      if (subject) throw staffErrors.duplicate(c.staffId);
      return;
    }
    if (!subject || subject.retired) throw staffErrors.unknown(c.staffId);
  }

  /** Staff management itself needs two administrators; no change may leave fewer. */
  private async assertAdminsRemain(c: StaffChange): Promise<void> {
    if (c.kind !== 'setRoles' && c.kind !== 'retire') return;
    const admins = (await this.deps.store.all()).filter((s) => !s.retired && s.roles.includes('admin') && s.staffId !== c.staffId).length;
    const subjectStaysAdmin = c.kind === 'setRoles' && c.roles.includes('admin');
    if (admins + (subjectStaysAdmin ? 1 : 0) < 2) throw staffErrors.lastAdmins();
  }
}

function normalise(c: StaffChange): StaffChange {
  checkStaffId(c.staffId);
  switch (c.kind) {
    case 'add':
      return { kind: 'add', staffId: c.staffId, displayName: checkDisplayName(c.displayName), roles: checkRoles(c.roles) };
    case 'setRoles':
      return { kind: 'setRoles', staffId: c.staffId, roles: checkRoles(c.roles) };
    case 'resetPin':
    case 'unlock':
    case 'retire':
      return { kind: c.kind, staffId: c.staffId };
    default:
      throw staffErrors.input('kind');
  }
}

function leadGained(c: StaffChange, subject: StaffRow | undefined): boolean {
  if (c.kind === 'add') return c.roles.includes('lead');
  return c.kind === 'setRoles' && c.roles.includes('lead') && subject?.roles.includes('lead') !== true;
}

/** What the confirmer's picture of the subject was; anything that moved since voids the confirmation. */
function baselineOf(s: StaffRow | undefined): string {
  if (!s) return 'absent';
  return JSON.stringify({ roles: s.roles, retired: s.retired, locked: s.failedCount >= LOCK_AFTER_FAILURES });
}

function hashChange(changeId: string, proposerId: string, c: StaffChange, baseline: string, createdAt: string): string {
  return canonicalHash('staff-change', [
    ['changeId', changeId],
    ['proposerId', proposerId],
    ['kind', c.kind],
    ['staffId', c.staffId],
    ['displayName', c.kind === 'add' ? c.displayName : undefined],
    ['roles', c.kind === 'add' || c.kind === 'setRoles' ? c.roles : undefined],
    ['baseline', baseline],
    ['createdAt', createdAt],
  ]);
}
