/**
 * One place that puts the core together — vault, staff, sessions, unmask — so the Electron main process,
 * the e2e harness and the bench run the same composition. Plain Node: the caller passes the key protector
 * (safeStorage in the app, an in-memory stand-in in tests), the audit sink and the clock.
 */
import type { AppError } from '../../shared/errors';
import type { AuditSink, Clock } from './ports';
import { SessionManager } from './session';
import { StaffService, type Argon2Params } from './staff';
import { UnmaskService } from './unmask';
import type { KeyProtector } from './vault/keyProtector';
import { Vault } from './vault/vault';

export interface CoreServicesOptions {
  dataDir: string;
  protector: KeyProtector;
  audit: AuditSink;
  clock?: Clock;
  /** This OS account's protector slot (issue 16): its own pepper file and data-key slot; absent = pepper.bin. */
  accountSlot?: string;
  /** An already opened vault (first-run setup, tests); otherwise it is opened with the protector. */
  vault?: Vault;
  /** Policy values (SPEC F4, F9): idle lock, grant TTL, request TTL. */
  idleSeconds?: number;
  grantTtlSeconds?: number;
  requestTtlSeconds?: number;
  argon2?: Argon2Params;
  /** How often idle sessions and expired grants are swept; 0 = never (tests drive an injected clock). */
  sweepMs?: number;
  /** Fail closed (issue 14): a finding that stops unmasking; bound late, by the Terminal. */
  stopped?: () => Promise<AppError | null>;
}

export interface CoreServices {
  readonly vault: Vault;
  readonly staff: StaffService;
  readonly sessions: SessionManager;
  readonly unmask: UnmaskService;
  /** Locks the session (re-masking everything), stops the timers and closes the vault. */
  close(): Promise<void>;
}

export async function createCoreServices(opts: CoreServicesOptions): Promise<CoreServices> {
  const clock = opts.clock ?? (() => new Date());
  const vault = opts.vault ?? (await Vault.open({ dataDir: opts.dataDir, clock }, opts.protector, opts.accountSlot));
  const staff = await StaffService.open({
    vault, dataDir: opts.dataDir, protector: opts.protector, audit: opts.audit, clock,
    ...(opts.argon2 ? { argon2: opts.argon2 } : {}),
    ...(opts.accountSlot !== undefined && { slotId: opts.accountSlot }),
  });
  const sessions = new SessionManager({ staff, audit: opts.audit, clock, ...(opts.idleSeconds ? { idleSeconds: opts.idleSeconds } : {}) });
  const unmask = new UnmaskService({
    vault, staff, sessions, audit: opts.audit, clock,
    ...(opts.grantTtlSeconds ? { grantTtlSeconds: opts.grantTtlSeconds } : {}),
    ...(opts.requestTtlSeconds ? { requestTtlSeconds: opts.requestTtlSeconds } : {}),
    ...(opts.stopped && { stopped: opts.stopped }),
  });
  const sweepMs = opts.sweepMs ?? 1000;
  const timer = sweepMs > 0
    ? setInterval(() => void sessions.checkIdle().then(() => unmask.sweep()).catch(() => undefined), sweepMs)
    : undefined;
  timer?.unref();
  return {
    vault, staff, sessions, unmask,
    async close() {
      if (timer) clearInterval(timer);
      await sessions.lock('shutdown');
      await unmask.revokeAll('shutdown');
      unmask.dispose();
      await vault.close();
    },
  };
}
