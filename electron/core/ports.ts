/**
 * The seams between core services. Each service takes what it needs as constructor arguments
 * (STYLE), typed by these ports, so policy, unmask, forms and review can be built and tested
 * before every other service exists — and the real ones are wired in electron/app and the harness.
 */
import type { AppErrorInfo } from '../../shared/errors';

/** 'contractor' = 委託職員 (outsourced counter staff, SPEC F19): may type a case, never decide anything about it. */
export type Role = 'clerk' | 'lead' | 'admin' | 'contractor';

/** Who is acting, as main knows it after a PIN check — never a PIN. */
export interface Actor {
  readonly staffId: string;
  readonly roles: readonly Role[];
}

/** Verifies a staff member's own PIN (Argon2id + pepper, progressive delay, lockout — issue 5). */
export interface StaffAuthenticator {
  verifyPin(staffId: string, pin: string): Promise<{ ok: true; actor: Actor } | { ok: false; error: AppErrorInfo }>;
}

/**
 * One audit event (SPEC F10): record ids and field names only — never a name, address, date of birth
 * or PIN. `detail` values must be codes, counts or ids.
 */
export interface AuditEvent {
  readonly action: string;
  readonly actors: readonly string[];
  readonly targets?: ReadonlyArray<{ readonly recordId?: string; readonly field?: string }>;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

export interface AuditSink {
  append(event: AuditEvent): Promise<void>;
}

/**
 * An audit sink that can write into the caller's open transaction on the vault database (the AuditChain does):
 * the change and its entry then commit together or not at all, whatever moment the process dies (SPEC
 * invariant 7). Must be called inside `db.transaction(…)` of the same database.
 */
export interface TransactionalAuditSink extends AuditSink {
  appendInTransaction(events: readonly AuditEvent[]): Promise<void>;
}

export function isTransactional(sink: AuditSink): sink is TransactionalAuditSink {
  return typeof (sink as Partial<TransactionalAuditSink>).appendInTransaction === 'function';
}

export type Clock = () => Date;
