/**
 * How an admin task gets into the vault (issue 17): the OS account's key slot (the installed app — DPAPI
 * through safeStorage), or the recovery key (the dev CLI, and a PC that is not enrolled yet). Status, verify,
 * checkpoint and the support bundle need nothing more than the slot: the recovery key is for recovery,
 * enrolment, key rotation — and opening a backup sealed under it (restore). Backup and list bundle export need PINs only.
 */
import { openAuditChain, type AuditChain } from '../audit';
import type { Clock } from '../ports';
import { StaffService } from '../staff';
import type { KeyProtector } from '../vault/keyProtector';
import { Vault } from '../vault/vault';
import { settlePendingRestore } from './pendingRestore';

export type AdminAccess = { kind: 'slot'; protector: KeyProtector } | { kind: 'recovery'; recoveryKey: string; protector?: KeyProtector };

export interface AdminEnv {
  dataDir: string;
  access: AdminAccess;
  /** Audit terminal id: this PC's id in the installed app, 'cli' for the dev CLI. */
  terminalId: string;
  /** This OS account's protector slot (issue 16: one slot per account on a machine-wide vault); absent = the legacy single slot. */
  accountSlot?: string;
  appVersion: string;
  clock: Clock;
  /** The machine-wide policy file, for status and the support bundle. */
  policyPath?: string;
  /** The running app's own vault, chain and staff (the administration screen): used as they are, never closed here. */
  opened?: AdminHandle;
}

export interface AdminHandle {
  readonly vault: Vault;
  readonly chain: AuditChain;
  /** Present when the OS account's protector can open the staff pepper (PIN checks need it). */
  readonly staff: StaffService | null;
}

/** For read-only tasks: the vault, and whether the caller must close it. */
export async function readVault(env: AdminEnv): Promise<{ vault: Vault; close(): Promise<void> }> {
  if (env.opened) return { vault: env.opened.vault, close: async () => undefined };
  const vault = await openAdminVault(env);
  return { vault, close: () => vault.close() };
}

export function openAdminVault(env: AdminEnv): Promise<Vault> {
  const deps = { dataDir: env.dataDir, clock: env.clock };
  return env.access.kind === 'slot' ? Vault.open(deps, env.access.protector, env.accountSlot) : Vault.openWithRecovery(deps, env.access.recoveryKey);
}

/**
 * Opens vault, audit chain (one per vault handle: a second would fork the log) and, where the OS account can,
 * the staff directory; runs `body`; closes all of it, the chain drained first.
 */
export async function withAdmin<T>(env: AdminEnv, body: (h: AdminHandle) => Promise<T>): Promise<T> {
  if (env.opened) return body(env.opened);
  const vault = await openAdminVault(env);
  try {
    const chain = await openAuditChain(vault, { dataDir: env.dataDir, terminal: env.terminalId, clock: env.clock, dailyCheckpoint: false });
    try {
      // A restore a kill interrupted after its switch gets its entry here, at the first task on the restored vault.
      await settlePendingRestore(vault, chain);
      const protector = env.access.protector;
      const staff = protector ? await StaffService.open({ vault, dataDir: env.dataDir, protector, audit: chain, clock: env.clock, ...(env.accountSlot !== undefined && { slotId: env.accountSlot }) }) : null;
      return await body({ vault, chain, staff });
    } finally {
      await chain.close();
    }
  } finally {
    await vault.close();
  }
}
