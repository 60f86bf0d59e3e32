/**
 * `restore --data DIR --recovery FILE --in FILE [--confirm-removals]`: checks the backup (authentication,
 * recovery key, every record) before it replaces anything; the switch itself is one atomic rename. A backup
 * that would end anyone's protection (fewer persons, shorter periods) needs --confirm-removals, exactly like
 * `import` (issue 14), exit 3 otherwise. Both the refusal (in the current vault's log) and the restore (in the
 * restored vault's log, where opening the chain also records the break a restore is) are audited.
 */
import { restoreBackup } from '../../core/vault/backup';
import { hasVault } from '../../core/vault/dataDir';
import { endsProtection, refuseOlderKeys, restoreConfirmRequired, restorePlan, type RestorePlan } from '../../core/vault/restorePlan';
import { markPendingRestore, settlePendingRestore } from '../../core/admin/pendingRestore';
import { appendCliAudit, CLI_ACTOR, withCliChain } from '../listAudit';
import { checkDataFolder, checkInputFile, guarded, parseArgs, printError, readRecoveryKey, withVault, dataDirOf } from '../args';
import { isAppError } from '../../../shared/errors';

export const summary = 'バックアップから復元 / restore from a backup';
export const usage = 'restore [--data DIR] --recovery FILE --in FILE [--confirm-removals]';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery', 'in'], flags: ['confirm-removals'], required: ['recovery', 'in'], usage });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const dataDir = (await dataDirOf(a));
    await checkInputFile(a.values.get('in')!, 'バックアップファイル');
    await checkDataFolder(dataDir, { mayBeMissing: true });
    const confirmed = a.flags.has('confirm-removals');
    const live = (await hasVault(dataDir)) ? await withVault({ dataDir }, key, async (v) => ({ expiries: await v.expiries(), generation: await v.keyGeneration() })) : null;
    const current = live?.expiries ?? null;
    let plan: RestorePlan = { removed: [], shortened: [] };
    try {
      await restoreBackup({ dataDir }, a.values.get('in')!, key, {
        beforeSwitch: async (candidate) => {
          await refuseOlderKeys(live?.generation ?? null, candidate);
          plan = await restorePlan(current && { expiries: async () => current }, candidate);
          if (endsProtection(plan) && !confirmed) throw restoreConfirmRequired(plan);
          // The entry travels in the candidate (issue 17): a kill after the switch leaves it for the next open.
          await markPendingRestore(candidate, {
            actors: [CLI_ACTOR], targets: [...plan.removed, ...plan.shortened].slice(0, 32),
            removed: plan.removed.length, shortened: plan.shortened.length, confirmed: endsProtection(plan) && confirmed, from: 'admin-task',
          });
        },
      });
    } catch (e) {
      if (!isAppError(e) || e.code !== 'E_RESTORE_CONFIRM_REQUIRED') throw e;
      await withVault({ dataDir }, key, (v) => appendCliAudit(v, dataDir, [{ action: 'vault.restore_refused', actors: [CLI_ACTOR], detail: { code: e.code, removed: plan.removed.length, shortened: plan.shortened.length } }]));
      printError(e.toInfo());
      process.stdout.write(`${JSON.stringify({ restored: false, removed: plan.removed.slice(0, 50), shortened: plan.shortened.slice(0, 50) })}\n`);
      return 3;
    }
    const status = await withVault({ dataDir }, key, async (vault) => {
      await withCliChain(vault, dataDir, (chain) => settlePendingRestore(vault, chain));
      return vault.status();
    });
    process.stdout.write(`${JSON.stringify({ restored: true, ...status })}\n`);
    return 0;
  });
}
