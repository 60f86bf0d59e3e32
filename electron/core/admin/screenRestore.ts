/**
 * Restore from the administration screen (issue 17). The running app holds the vault, so the order is: check the
 * backup whole beside the live vault (recovery key, every record, what it would end) while the app keeps
 * working; refuse — recorded in the vault in force — what would end a protection without a second administrator;
 * only then hand the checked candidate to the terminal, which closes everything, switches and reopens (or puts
 * the old vault back). The entry that records the restore travels as a marker in the candidate and is written on
 * the restored vault's chain at its first open (pendingRestore.ts), so a kill after the switch cannot lose it.
 */
import { isAppError } from '../../../shared/errors';
import type { PreparedRestore } from '../vault/backup';
import { prepareRestore } from '../vault/backup';
import { endsProtection, refuseOlderKeys, restorePlan, type RestorePlan } from '../vault/restorePlan';
import type { AdminEnv, AdminHandle } from './access';
import { requireAdmin, type AdminCredential } from './auth';
import { adminErrors } from './errors';
import { backupCreatedAt, markPendingRestore, settlePendingRestore } from './pendingRestore';
import { anchorOf, reanchor, replacedHeadSeq, type HeadAnchor } from './restoreAnchor';

/** Close → switch → `afterSwitch` → reopen (Terminal.replaceVault); if any of it fails, afterSwitch's undo and the old vault back. */
export type ReplaceVault = (p: PreparedRestore, afterSwitch: () => Promise<() => Promise<void>>) => Promise<AdminHandle>;

export interface ScreenRestoreInput {
  bytes: Uint8Array;
  recoveryKey: string;
  /** The administrator logged in to the screen (their PIN was checked at login). */
  actor: string;
  /** The second administrator, typed on the same screen, for a restore that ends a protection. */
  second?: AdminCredential;
  step: () => void;
}

export interface ScreenRestoreResult { plan: { removed: number; shortened: number }; handle: AdminHandle }

async function confirmersOf(h: AdminHandle, actor: string, second: AdminCredential | undefined): Promise<string[] | null> {
  if (!second) return null;
  if (second.staffId === actor) throw adminErrors.samePerson();
  const b = await requireAdmin(h.staff, second, 'admin-restore');
  return [actor, b.staffId];
}

export async function restoreFromScreen(h: AdminHandle, env: Pick<AdminEnv, 'dataDir' | 'clock'>, replaceVault: ReplaceVault, input: ScreenRestoreInput): Promise<ScreenRestoreResult> {
  let plan: RestorePlan = { removed: [], shortened: [] };
  let prepared: PreparedRestore;
  let anchor: HeadAnchor | null = null;
  const refused = async (code: string) => h.chain.append({ action: 'vault.restore_refused', actors: [input.actor], detail: { code, removed: plan.removed.length, shortened: plan.shortened.length } }).catch(() => undefined);
  try {
    const confirmers = await confirmersOf(h, input.actor, input.second);
    const generation = await h.vault.keyGeneration();
    const replaced = await replacedHeadSeq(h.vault, env.dataDir);
    const createdAt = backupCreatedAt(input.bytes);
    input.step();
    prepared = await prepareRestore({ dataDir: env.dataDir, clock: env.clock }, input.bytes, input.recoveryKey, {
      beforeSwitch: async (candidate) => {
        await refuseOlderKeys(generation, candidate);
        plan = await restorePlan(h.vault, candidate);
        if (endsProtection(plan) && !confirmers) throw adminErrors.secondPersonOnScreen(plan.removed.length, plan.shortened.length);
        // The head is anchored at the backup's last entry; the marker adds none, its entry follows at the first open.
        anchor = await anchorOf(candidate);
        await markPendingRestore(candidate, {
          actors: endsProtection(plan) ? confirmers! : [input.actor], targets: [...plan.removed, ...plan.shortened].slice(0, 32),
          removed: plan.removed.length, shortened: plan.shortened.length, confirmed: endsProtection(plan), from: 'admin-screen',
          ...(replaced !== null && { replacedHeadSeq: replaced }), ...(createdAt && { backupCreatedAt: createdAt }),
        });
      },
    });
    input.step();
    const restored = await replaceVault(prepared, () => reanchor(env.dataDir, anchor!));
    input.step();
    // The terminal's reopen has settled the marker into `vault.restored` already; this is for a handle that did not.
    await settlePendingRestore(restored.vault, restored.chain);
    return { plan: { removed: plan.removed.length, shortened: plan.shortened.length }, handle: restored };
  } catch (e) {
    // A refusal before the switch is recorded where nothing changed; a failed switch is recorded by the terminal
    // on the old vault once it is open again (this handle's chain is closed by then).
    if (isAppError(e) && e.code !== 'E_RESTORE_FAILED') await refused(e.code);
    throw e;
  }
}
