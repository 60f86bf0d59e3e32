/**
 * Checks one staff member's own PIN: lockout gate → Argon2id → counters → audit. Every PIN check in the app
 * (login, unmask request, approval, staff changes) goes through here, so the delay and the lockout apply to
 * all of them alike; there is no second path that guesses for free.
 *
 * The PIN arrives as a JS string (from IPC); strings cannot be wiped, so it is turned into bytes once, inside
 * derivePinKeys, and those bytes and every derived key are zeroed as soon as they are used. The PIN is never
 * put into an error, a log line or an audit event.
 */
import { timingSafeEqual } from 'node:crypto';
import { countedTransaction } from '../audit/binding';
import type { Actor, AuditEvent, AuditSink, Clock } from '../ports';
import { staffErrors } from './errors';
import { DEFAULT_ARGON2, derivePinKeys, type Argon2Params } from './pinHash';
import type { CountersBehind, StaffStore } from './store';
import { gate, LOCK_AFTER_FAILURES } from './throttle';
import type { TerminalPinThrottle } from './terminalThrottle';

export const STAFF_ID_RE = /^[A-Za-z0-9_-]{2,32}$/;

export interface PinCheckResult {
  readonly actor: Actor;
  readonly displayName: string;
  /** Only when asked for (an approver unwrapping the sealing key); the caller must zero it. */
  readonly sealKek?: Buffer;
}

export interface PinCheckerDeps {
  store: StaffStore;
  /** Wrong PINs across staff ids on this terminal (issue 14). */
  terminal?: TerminalPinThrottle;
  /** Called when a staff row's counters do not verify (reset outside the app). */
  /** Awaited: the finding is recorded (fail closed) before the answer goes back. */
  onCountersTampered?: (staffId: string) => void | Promise<void>;
  /** Called when a staff row's counters are behind the audit chain (an older copy put back); awaited, before the rebuild. */
  onCountersRolledBack?: (behind: CountersBehind) => void | Promise<void>;
  pepper: Buffer;
  audit: AuditSink;
  clock: Clock;
  argon2?: Argon2Params;
}

const DUMMY_SALT = Buffer.alloc(16, 0x5a);

export class PinChecker {
  /**
   * One check at a time on this terminal, so two parallel guesses — for one staff id or for several — cannot
   * both pass a delay gate.
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PinCheckerDeps) {}

  get params(): Argon2Params {
    return this.deps.argon2 ?? DEFAULT_ARGON2;
  }

  check(staffId: string, pin: string, opts: { purpose: string; wantSealKek?: boolean }): Promise<PinCheckResult> {
    const next = this.queue.catch(() => undefined).then(() => this.checkNow(staffId, pin, opts));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Derives keys for a PIN that is being set (no check against a stored verifier). */
  derive(staffId: string, pin: string, salt: Buffer): ReturnType<typeof derivePinKeys> {
    return derivePinKeys(staffId, pin, salt, this.deps.pepper, this.params);
  }

  private async checkNow(staffId: string, pin: string, opts: { purpose: string; wantSealKek?: boolean }): Promise<PinCheckResult> {
    const { store, audit, clock } = this.deps;
    const known = STAFF_ID_RE.test(staffId) ? await store.get(staffId) : undefined;
    const actors = STAFF_ID_RE.test(staffId) ? [staffId] : ['unknown'];
    const wait = this.deps.terminal?.waitSeconds(clock().getTime()) ?? 0;
    if (wait > 0) {
      // Before anything about the staff id is looked at: the answer is the same for every id.
      await audit.append({ action: 'staff.pin.terminal_throttled', actors, detail: { purpose: opts.purpose, waitSeconds: wait } });
      throw staffErrors.pinDelay(wait);
    }
    if (!known || known.retired) {
      // Same work as a real check, so the answer time does not tell which staff ids exist.
      const k = await derivePinKeys('unknown', pin, DUMMY_SALT, this.deps.pepper, this.params);
      k.verifier.fill(0);
      k.sealKek.fill(0);
      await this.deps.terminal?.recordFailure(clock().getTime());
      await audit.append({ action: 'staff.pin.failed', actors, detail: { purpose: opts.purpose, reason: 'unknown-staff' } });
      throw staffErrors.pinWrong();
    }
    const now = clock().getTime();
    if (known.countersTampered) await this.deps.onCountersTampered?.(staffId);
    // An older copy of the row put back while the app runs (issue 14): recorded, then rebuilt from the chain.
    const behind = known.countersTampered ? [] : await store.behindChain(staffId);
    if (behind.length) {
      await this.deps.onCountersRolledBack?.(behind[0]!);
      await store.rebuildFrom(behind[0]!);
      return this.checkNow(staffId, pin, opts);
    }
    const g = gate(known, now);
    if (g.kind === 'locked') {
      await audit.append({ action: 'staff.pin.refused', actors, detail: { purpose: opts.purpose, reason: known.countersTampered ? 'counters-tampered' : 'locked' } });
      throw staffErrors.pinLocked(staffId);
    }
    if (g.kind === 'wait') {
      await audit.append({ action: 'staff.pin.refused', actors, detail: { purpose: opts.purpose, reason: 'delay', waitSeconds: g.seconds } });
      throw staffErrors.pinDelay(g.seconds);
    }
    const rec = await store.pin(staffId);
    if (!rec) throw staffErrors.unknown(staffId);
    const keys = await derivePinKeys(staffId, pin, rec.salt, this.deps.pepper, rec.params);
    const right = keys.verifier.length === rec.verifier.length && timingSafeEqual(keys.verifier, rec.verifier);
    keys.verifier.fill(0);
    if (!right) {
      keys.sealKek.fill(0);
      const failures = known.failedCount + 1;
      const lock = failures >= LOCK_AFTER_FAILURES;
      // The entries and the counters in one transaction, entries first: the row names the entry that raised it, so an
      // older copy of the row put back is behind the chain (audit/binding.ts).
      const events: AuditEvent[] = [{ action: 'staff.pin.failed', actors, detail: { purpose: opts.purpose, reason: 'wrong-pin', failures } }];
      if (lock) events.push({ action: 'staff.locked', actors, detail: { failures } });
      await countedTransaction(store.db, audit, events, () => store.recordFailure(known, now, lock));
      await this.deps.terminal?.recordFailure(now);
      if (lock) throw staffErrors.pinLocked(staffId);
      throw staffErrors.pinWrong();
    }
    if (known.failedCount > 0) await store.clearFailures(staffId);
    if (!opts.wantSealKek) keys.sealKek.fill(0);
    return {
      actor: { staffId, roles: known.roles },
      displayName: known.displayName,
      ...(opts.wantSealKek ? { sealKek: keys.sealKek } : {}),
    };
  }
}
