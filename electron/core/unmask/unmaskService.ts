/**
 * Two-operator unmask (SPEC F4) — the heart of the product.
 *
 *   clerk:  requestUnmask(session, { recordId, field, reasonCode, reasonText?, pin })   ← own PIN again
 *   lead:   describeRequest(id) → who, 管理番号, field, why, for how long, requestHash   (never the value)
 *   lead:   approve({ requestId, requestHash, approverId, approverPin }) | refuse(…)
 *   clerk:  takeGrantedValue(grantId, session) → the value, once, with the time left
 *
 * The checks (hash, two different people, lead role, live session, TTLs) are in code; the last one is in
 * cryptography: the sealing private key is unwrapped with the approver's PIN-derived key, so a code path that
 * skipped every check above would still have no plaintext without a lead's PIN. The KEK is zeroed at once.
 * Every step is audited with ids and field names only; an audit write that fails stops the step.
 */
import { isContractor } from '../staff/roles';
import { AppError } from '../../../shared/errors';
import { opaqueId } from '../opaqueId';
import { SEALED_FIELDS, type SealedField } from '../../../shared/domain/person';
import { UNMASK_REASON_CODES, UNMASK_REASON_TEXT_MAX, type UnmaskReasonCode } from '../../../shared/domain/unmask';
import { sameHash } from '../canonical';
import type { AuditSink, Clock } from '../ports';
import { sessionErrors, type Session, type SessionManager } from '../session';
import type { StaffService } from '../staff';
import type { Vault } from '../vault/vault';
import { unmaskErrors } from './errors';
import { GrantStore, type GrantEnd } from './grants';
import { requestHash } from './requestHash';

export interface UnmaskServiceDeps {
  vault: Pick<Vault, 'openSealed' | 'person'>;
  staff: Pick<StaffService, 'authenticate' | 'describe'>;
  sessions: SessionManager;
  audit: AuditSink;
  clock: Clock;
  /** How long a granted value stays visible (policy; default 60 s). */
  grantTtlSeconds?: number;
  /** How long a request waits for a lead (default 3 minutes). */
  requestTtlSeconds?: number;
  /**
   * Fail closed (invariant 4, issue 14): an unacknowledged chain break, a failed integrity check at open, a
   * rolled-back policy or lockout counters reset outside the app stop requests and approvals. Null = go.
   */
  stopped?: () => Promise<AppError | null>;
}

/** The case an unmask request comes from, as the lead's screen shows it (issue 14). */
export interface UnmaskCaseContext {
  readonly caseId: string;
  readonly form: string;
  readonly applicantKind: string;
  readonly caseReason: string;
}

export interface UnmaskRequestInput {
  recordId: string;
  field: SealedField;
  reasonCode: UnmaskReasonCode;
  reasonText?: string;
  pin: string;
  /** Set by the IPC handler once it has checked the record was matched in the clerk's open case. */
  caseContext?: UnmaskCaseContext;
}

interface PendingRequest {
  readonly requestId: string;
  readonly sessionId: string;
  readonly requesterId: string;
  readonly recordId: string;
  readonly field: SealedField;
  readonly reasonCode: UnmaskReasonCode;
  /** Shown to the lead, hashed, never audited or stored: a clerk may type a name into it. */
  readonly reasonText: string | undefined;
  readonly ttlSeconds: number;
  readonly createdAt: string;
  readonly expiresMs: number;
  readonly requestHash: string;
  readonly caseContext: UnmaskCaseContext | undefined;
}

export interface RequestDescription {
  readonly requestId: string;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly recordId: string;
  readonly field: SealedField;
  readonly reasonCode: UnmaskReasonCode;
  readonly reasonText?: string;
  readonly ttlSeconds: number;
  readonly createdAt: string;
  readonly expiresInSeconds: number;
  readonly requestHash: string;
  readonly form?: string;
  readonly applicantKind?: string;
  readonly caseReason?: string;
}

export interface GrantTicket {
  readonly grantId: string;
  readonly recordId: string;
  readonly field: SealedField;
  readonly ttlSeconds: number;
}

export interface GrantedValue {
  readonly grantId: string;
  readonly recordId: string;
  readonly field: SealedField;
  /** '' when the sealed field is empty (empty is also shown only after approval). */
  readonly value: string;
  readonly remainingMs: number;
}

export type RevokeReason = 'navigation' | 'case-close' | 'lock' | 'released' | 'shutdown';

export const DEFAULT_GRANT_TTL_SECONDS = 60;
export const DEFAULT_REQUEST_TTL_SECONDS = 180;
const WRAP = (staffId: string) => `staff:${staffId}`;

export class UnmaskService {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly grants = new GrantStore();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: UnmaskServiceDeps) {
    this.unsubscribe = deps.sessions.onLock(() => this.revokeAll('lock'));
  }

  get grantTtlSeconds(): number {
    return this.deps.grantTtlSeconds ?? DEFAULT_GRANT_TTL_SECONDS;
  }

  async requestUnmask(session: Session, input: UnmaskRequestInput): Promise<{ requestId: string; requestHash: string; expiresInSeconds: number }> {
    await this.sweep();
    await this.requireLive(session);
    // SPEC F19: a 委託 login never asks — refused before the PIN is checked, whatever the record, and recorded.
    if (isContractor(session.roles)) {
      await this.deps.audit.append({ action: 'unmask.request_refused', actors: [session.staffId], detail: { code: 'E_UNMASK_CONTRACTOR', ...(input.caseContext && { case: input.caseContext.caseId }) } });
      throw unmaskErrors.contractor();
    }
    await this.requireGo();
    if (!SEALED_FIELDS.includes(input.field)) throw unmaskErrors.field();
    const reasonText = input.reasonText?.normalize('NFC').trim() || undefined;
    if (!UNMASK_REASON_CODES.includes(input.reasonCode) || (reasonText?.length ?? 0) > UNMASK_REASON_TEXT_MAX) throw unmaskErrors.reason();
    if (input.reasonCode === 'other' && !reasonText) throw unmaskErrors.reason();
    await this.deps.staff.authenticate(session.staffId, input.pin, 'unmask-request');
    await this.deps.vault.person(input.recordId); // E_VAULT_NO_RECORD for an unknown 管理番号
    const now = this.deps.clock();
    const fields = {
      requestId: opaqueId('q'),
      requesterId: session.staffId,
      recordId: input.recordId,
      field: input.field,
      reasonCode: input.reasonCode,
      reasonText,
      ttlSeconds: this.grantTtlSeconds,
      createdAt: now.toISOString(),
      caseContext: input.caseContext,
    };
    const req: PendingRequest = {
      ...fields, sessionId: session.sessionId,
      expiresMs: now.getTime() + (this.deps.requestTtlSeconds ?? DEFAULT_REQUEST_TTL_SECONDS) * 1000,
      requestHash: requestHash(fields),
    };
    await this.deps.audit.append({
      action: 'unmask.requested', actors: [req.requesterId], targets: [{ recordId: req.recordId, field: req.field }],
      detail: { requestId: req.requestId, reasonCode: req.reasonCode, hasReasonText: reasonText !== undefined, ttlSeconds: req.ttlSeconds, ...(req.caseContext && { case: req.caseContext.caseId, form: req.caseContext.form, applicantKind: req.caseContext.applicantKind }) },
    });
    this.pending.set(req.requestId, req);
    return { requestId: req.requestId, requestHash: req.requestHash, expiresInSeconds: this.secondsLeft(req.expiresMs) };
  }

  /**
   * The minimal masked panel (until the case workspace replaces it): which sealed fields a 管理番号 has —
   * names only. The lookup is audited like any lookup hit (SPEC F10).
   */
  async maskedRecord(session: Session, recordId: string, caseId?: string): Promise<{ recordId: string; fields: SealedField[] }> {
    await this.requireLive(session);
    await this.deps.vault.person(recordId);
    await this.deps.audit.append({ action: 'record.lookup', actors: [session.staffId], targets: [{ recordId }], detail: { masked: true, ...(caseId && { case: caseId, earned: true }) } });
    return { recordId, fields: [...SEALED_FIELDS] };
  }

  /**
   * A record the clerk's open case did not earn (issue 14): recorded without the typed id — it may be anything
   * — and answered with one code whether or not the 管理番号 exists.
   */
  async refuseUnearned(session: Session, caseId: string, step: 'view' | 'request'): Promise<never> {
    await this.deps.audit.append({ action: 'record.lookup', actors: [session.staffId], detail: { case: caseId, earned: false, step } });
    throw unmaskErrors.notInCase();
  }

  /** What the lead's screen shows. With `session`, only that session's requests (the terminal they were made on). */
  async describeRequest(requestId: string, session?: Session): Promise<RequestDescription> {
    await this.sweep();
    const r = this.pending.get(requestId);
    if (!r || (session && r.sessionId !== session.sessionId)) throw unmaskErrors.requestUnknown();
    const requester = await this.deps.staff.describe(r.requesterId);
    return {
      requestId: r.requestId, requesterId: r.requesterId, requesterName: requester?.displayName ?? r.requesterId,
      recordId: r.recordId, field: r.field, reasonCode: r.reasonCode, ...(r.reasonText ? { reasonText: r.reasonText } : {}),
      ttlSeconds: r.ttlSeconds, createdAt: r.createdAt, expiresInSeconds: this.secondsLeft(r.expiresMs), requestHash: r.requestHash,
      ...(r.caseContext && { form: r.caseContext.form, applicantKind: r.caseContext.applicantKind, caseReason: r.caseContext.caseReason }),
    };
  }

  async approve(input: { requestId: string; requestHash: string; approverId: string; approverPin: string }): Promise<GrantTicket> {
    const req = await this.decidable(input, 'approve');
    await this.requireGo();
    const who = await this.deps.staff.authenticate(input.approverId, input.approverPin, 'unmask-approve', { wantSealKek: true });
    let value: string | undefined;
    try {
      if (!who.actor.roles.includes('lead')) {
        await this.refusedStep(req, input.approverId, 'approve', 'not-lead');
        throw unmaskErrors.notLead();
      }
      // The Argon2id run took time: the request must still be the same live one, decided only once.
      await this.recheck(req);
      this.pending.delete(req.requestId);
      try {
        value = await this.deps.vault.openSealed(req.recordId, req.field, { wrapId: WRAP(input.approverId), kek: who.sealKek! });
      } catch {
        await this.refusedStep(req, input.approverId, 'approve', 'seal-unlock');
        throw unmaskErrors.sealUnlock();
      }
    } finally {
      who.sealKek?.fill(0);
    }
    const grantId = opaqueId('g');
    const expiresMs = this.deps.clock().getTime() + req.ttlSeconds * 1000;
    // Audited before the grant exists: if the audit trail cannot record it, nobody sees the value.
    await this.deps.audit.append({
      action: 'unmask.approved', actors: [req.requesterId, input.approverId], targets: [{ recordId: req.recordId, field: req.field }],
      detail: { requestId: req.requestId, grantId, ttlSeconds: req.ttlSeconds },
    });
    this.grants.add({
      grantId, requestId: req.requestId, sessionId: req.sessionId, requesterId: req.requesterId, approverId: input.approverId,
      recordId: req.recordId, field: req.field, ttlSeconds: req.ttlSeconds, expiresMs, value, taken: false,
    });
    return { grantId, recordId: req.recordId, field: req.field, ttlSeconds: req.ttlSeconds };
  }

  async refuse(input: { requestId: string; requestHash: string; approverId: string; approverPin: string }): Promise<void> {
    const req = await this.decidable(input, 'refuse');
    const who = await this.deps.staff.authenticate(input.approverId, input.approverPin, 'unmask-refuse');
    if (!who.actor.roles.includes('lead')) {
      await this.refusedStep(req, input.approverId, 'refuse', 'not-lead');
      throw unmaskErrors.notLead();
    }
    await this.recheck(req);
    this.pending.delete(req.requestId);
    await this.deps.audit.append({
      action: 'unmask.refused', actors: [req.requesterId, input.approverId], targets: [{ recordId: req.recordId, field: req.field }],
      detail: { requestId: req.requestId },
    });
  }

  /** The requester withdraws before a lead decides. */
  async cancel(session: Session, requestId: string): Promise<void> {
    const r = this.pending.get(requestId);
    if (!r || r.sessionId !== session.sessionId) throw unmaskErrors.requestUnknown();
    this.pending.delete(requestId);
    await this.deps.audit.append({ action: 'unmask.cancelled', actors: [r.requesterId], targets: [{ recordId: r.recordId, field: r.field }], detail: { requestId } });
  }

  /** The granted value, once, only to the session that asked, only before expiry. */
  async takeGrantedValue(grantId: string, session: Session): Promise<GrantedValue> {
    await this.sweep();
    await this.requireLive(session);
    const now = this.deps.clock().getTime();
    const { grant, value } = this.grants.take(grantId, session.sessionId, now);
    await this.deps.audit.append({
      action: 'unmask.shown', actors: [grant.requesterId], targets: [{ recordId: grant.recordId, field: grant.field }],
      detail: { grantId, requestId: grant.requestId },
    });
    return { grantId, recordId: grant.recordId, field: grant.field, value: value ?? '', remainingMs: Math.max(0, grant.expiresMs - now) };
  }

  /** Navigation, case close: the clerk's window gives the value back before its time. */
  async release(grantId: string, session: Session, reason: RevokeReason = 'released'): Promise<void> {
    const g = this.grants.get(grantId);
    if (!g || g.sessionId !== session.sessionId) return;
    await this.endGrant(grantId, 'revoked', reason);
  }

  /** Everything back under the mask: every pending request voided, every grant ended. */
  async revokeAll(reason: RevokeReason): Promise<void> {
    const requests = [...this.pending.values()];
    this.pending.clear();
    const grants = this.grants.all();
    for (const g of grants) this.grants.end(g.grantId, 'revoked');
    for (const r of requests) {
      await this.safeAudit({ action: 'unmask.request.voided', actors: [r.requesterId], targets: [{ recordId: r.recordId, field: r.field }], detail: { requestId: r.requestId, reason } });
    }
    for (const g of grants) {
      await this.safeAudit({ action: 'unmask.revoked', actors: [g.requesterId], targets: [{ recordId: g.recordId, field: g.field }], detail: { grantId: g.grantId, reason } });
    }
  }

  /** Ends what has expired, with one audit row each. The app calls it on a timer; every entry point calls it too. */
  async sweep(): Promise<void> {
    const now = this.deps.clock().getTime();
    for (const r of [...this.pending.values()]) {
      if (now < r.expiresMs) continue;
      this.pending.delete(r.requestId);
      await this.safeAudit({ action: 'unmask.request.expired', actors: [r.requesterId], targets: [{ recordId: r.recordId, field: r.field }], detail: { requestId: r.requestId } });
    }
    for (const g of this.grants.expiredAt(now)) await this.endGrant(g.grantId, 'expired', 'expired');
  }

  /** For tests and the status screen: counts only. */
  counts(): { pending: number; grants: number } {
    return { pending: this.pending.size, grants: this.grants.all().length };
  }

  dispose(): void {
    this.unsubscribe();
  }

  // ── the shared checks of approve and refuse, all before any PIN is spent ──────────────────────

  private async decidable(input: { requestId: string; requestHash: string; approverId: string }, step: 'approve' | 'refuse'): Promise<PendingRequest> {
    await this.sweep();
    const req = this.pending.get(input.requestId);
    if (!req) throw unmaskErrors.requestUnknown();
    if (!sameHash(input.requestHash, req.requestHash)) {
      await this.refusedStep(req, input.approverId, step, 'hash-mismatch');
      throw unmaskErrors.hashMismatch();
    }
    if (input.approverId === req.requesterId) {
      await this.refusedStep(req, input.approverId, step, 'self-approval');
      throw unmaskErrors.selfApproval();
    }
    await this.recheck(req);
    return req;
  }

  private async recheck(req: PendingRequest): Promise<void> {
    await this.sweep();
    if (this.pending.get(req.requestId) !== req) throw unmaskErrors.requestUnknown();
    const cur = await this.deps.sessions.current();
    if (!cur || cur.sessionId !== req.sessionId) {
      this.pending.delete(req.requestId);
      throw unmaskErrors.sessionGone();
    }
  }

  private async refusedStep(req: PendingRequest, approverId: string, step: string, reason: string): Promise<void> {
    await this.deps.audit.append({
      action: 'unmask.decision.refused', actors: [approverId], targets: [{ recordId: req.recordId, field: req.field }],
      detail: { requestId: req.requestId, step, reason },
    });
  }

  private async endGrant(grantId: string, why: GrantEnd, reason: string): Promise<void> {
    const g = this.grants.end(grantId, why);
    if (!g) return;
    await this.safeAudit({
      // Expiry is a re-mask like any other; the closed audit set names it by its reason, not a separate code.
      action: 'unmask.revoked', actors: [g.requesterId],
      targets: [{ recordId: g.recordId, field: g.field }], detail: { grantId, reason, taken: g.taken },
    });
  }

  /** Re-masking never waits on the audit trail; a failed row here must not keep a value alive. */
  private async safeAudit(e: Parameters<AuditSink['append']>[0]): Promise<void> {
    await this.deps.audit.append(e).catch(() => undefined);
  }

  private async requireGo(): Promise<void> {
    const stop = this.deps.stopped ? await this.deps.stopped().catch((e: unknown) => (e instanceof AppError ? e : unmaskErrors.stopped(''))) : null;
    if (stop) throw stop;
  }

  private async requireLive(session: Session): Promise<void> {
    if (!(await this.deps.sessions.isLive(session))) throw sessionErrors.noSession();
  }

  private secondsLeft(expiresMs: number): number {
    return Math.max(0, Math.ceil((expiresMs - this.deps.clock().getTime()) / 1000));
  }
}
