/**
 * The clerk's session on a shared counter PC (SPEC "Users and terminals"): one at a time per terminal,
 * opened with staff id + PIN, locked when idle for the policy's time, when the OS screen locks, or on
 * logout. Locking tells every subscriber (onLock) so that grants, pending requests and open cases are
 * re-masked at once — the lock is the one event everyone listens to, not a flag each service polls.
 */
import { opaqueId } from '../opaqueId';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditSink, Clock, Role } from '../ports';
import type { StaffService } from '../staff';

/** 'handover': a 職員 took over a 委託 login's case at this terminal (SPEC F19); see handOver(). */
export type LockReason = 'idle' | 'screen-lock' | 'logout' | 'login-other' | 'shutdown' | 'handover';

export interface Session {
  readonly sessionId: string;
  readonly staffId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly startedAt: string;
}

export interface SessionManagerDeps {
  staff: Pick<StaffService, 'authenticate'>;
  audit: AuditSink;
  clock: Clock;
  /** Idle time before the session locks; the policy's value (default 5 minutes). */
  idleSeconds?: number;
}

export const DEFAULT_IDLE_SECONDS = 300;

export const sessionErrors = {
  noSession: () => new AppError({ code: 'E_SESSION_REQUIRED', ja: 'ログインしてください（画面はロックされています）。', en: 'Log in first; the terminal is locked.' }),
};

type LockListener = (reason: LockReason, session: Session) => void | Promise<void>;

export class SessionManager {
  private session: Session | null = null;
  private lastActivity = 0;
  private readonly listeners = new Set<LockListener>();

  constructor(private readonly deps: SessionManagerDeps) {}

  get idleSeconds(): number {
    return this.deps.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  }

  async login(staffId: string, pin: string): Promise<Session> {
    // A new login at a terminal ends the previous one first: no grant survives a change of person.
    if (this.session) await this.lock('login-other');
    const who = await this.deps.staff.authenticate(staffId, pin, 'login');
    const session: Session = {
      sessionId: opaqueId('s', 16),
      staffId: who.actor.staffId,
      displayName: who.displayName,
      roles: who.actor.roles,
      startedAt: this.deps.clock().toISOString(),
    };
    await this.deps.audit.append({ action: 'session.login', actors: [session.staffId], detail: { sessionId: session.sessionId } });
    this.session = session;
    this.lastActivity = this.deps.clock().getTime();
    return session;
  }

  /**
   * A 職員 takes over at this terminal (SPEC F19) without the case being wiped: their PIN is checked, `accept`
   * (the case reassignment) runs and may refuse, then the old session ends as a lock with reason 'handover' —
   * grants and held files go as on any lock; the case listener keeps the cases now held by the new session.
   */
  async handOver(staffId: string, pin: string, accept: (actor: Actor) => Promise<void>): Promise<Session> {
    const from = await this.require();
    const who = await this.deps.staff.authenticate(staffId, pin, 'handover');
    await accept(who.actor);
    const session: Session = {
      sessionId: opaqueId('s', 16),
      staffId: who.actor.staffId,
      displayName: who.displayName,
      roles: who.actor.roles,
      startedAt: this.deps.clock().toISOString(),
    };
    await this.lock('handover');
    await this.deps.audit.append({ action: 'session.handover', actors: [from.staffId, session.staffId], detail: { sessionId: session.sessionId, from: from.sessionId } });
    this.session = session;
    this.lastActivity = this.deps.clock().getTime();
    return session;
  }

  /** For callers that cannot await (the case context): the live session's roles, null once idle (like currentStaffId). */
  currentRoles(): readonly Role[] | null {
    return this.currentStaffId() === null ? null : this.session!.roles;
  }

  /** The live session, or null. Checks the idle time first, so a stale session is locked, never returned. */
  async current(): Promise<Session | null> {
    await this.checkIdle();
    return this.session;
  }

  /** The live session, or E_SESSION_REQUIRED. */
  async require(): Promise<Session> {
    const s = await this.current();
    if (!s) throw sessionErrors.noSession();
    return s;
  }

  /** True while `s` is the session in force (not locked, not replaced, not idle). */
  async isLive(s: Session): Promise<boolean> {
    const cur = await this.current();
    return cur !== null && cur.sessionId === s.sessionId;
  }

  /** Keyboard or mouse activity reported by the clerk's window. */
  async touch(): Promise<Session | null> {
    const s = await this.current();
    if (s) this.lastActivity = this.deps.clock().getTime();
    return s;
  }

  /** Seconds left before the idle lock (for the screen's own timer). */
  idleRemainingSeconds(): number {
    if (!this.session) return 0;
    const left = this.idleSeconds * 1000 - (this.deps.clock().getTime() - this.lastActivity);
    return Math.max(0, Math.ceil(left / 1000));
  }

  /** Called on a timer by the app and lazily by current(); tests move the injected clock instead. */
  async checkIdle(): Promise<void> {
    if (this.session && this.idle()) await this.lock('idle');
  }

  /** For callers that cannot await (the case context's clerk()): null once idle, and the lock follows at once. */
  currentStaffId(): string | null {
    if (!this.session) return null;
    if (this.idle()) {
      void this.lock('idle').catch(() => undefined);
      return null;
    }
    return this.session.staffId;
  }

  private idle(): boolean {
    const now = this.deps.clock().getTime();
    // A clock that went backwards is treated as idle too: fail closed.
    return now < this.lastActivity || now - this.lastActivity >= this.idleSeconds * 1000;
  }

  /** The app calls this on OS screen lock (powerMonitor 'lock-screen'), suspend and logout. */
  async lock(reason: LockReason): Promise<void> {
    const s = this.session;
    if (!s) return;
    this.session = null;
    // Subscribers first: re-masking must not wait for the audit write to succeed.
    for (const cb of [...this.listeners]) {
      try {
        await cb(reason, s);
      } catch {
        // One failing subscriber must not leave the others unmasked.
      }
    }
    await this.deps.audit.append({ action: 'session.lock', actors: [s.staffId], detail: { sessionId: s.sessionId, reason } });
  }

  onLock(cb: LockListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
