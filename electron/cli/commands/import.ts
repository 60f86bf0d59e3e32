/**
 * `import --data DIR --recovery FILE --csv FILE [--dry-run] [--confirm-removals] [--allow-unknown-columns]`.
 * Removing people or shortening periods needs --confirm-removals on top of the recovery key (SPEC F8).
 * Exit 0 on success, 1 when the file is refused, 3 when confirmation is needed, 2 on usage errors, 4 while an
 * unacknowledged audit break stops imports (issue 14).
 */
import { guarded, parseArgs, printError, printIssues, progressPrinter, readInput, readRecoveryKey, withVault, dataDirOf } from '../args';
import { dryRunEvent, refusedEvent } from '../../core/list';
import { CLI_ACTOR, importAudit, refuseWhileStopped, withCliChain } from '../listAudit';
import { sourceIndexWorker } from '../indexWorker';
import { isAppError } from '../../../shared/errors';
import type { Vault } from '../../core/vault/vault';

export const summary = '住基 CSV の取込（--dry-run で確認のみ）/ import the 住基 CSV (--dry-run to preview)';
export const usage = 'import [--data DIR] --recovery FILE --csv FILE [--dry-run] [--confirm-removals] [--allow-unknown-columns]';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, {
      values: ['data', 'recovery', 'csv'], flags: ['dry-run', 'confirm-removals', 'allow-unknown-columns'],
      required: ['recovery', 'csv'], usage,
    });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const bytes = await readInput(a.values.get('csv')!, '取込ファイル');
    const dataDir = (await dataDirOf(a));
    return withVault({ dataDir, indexWorker: sourceIndexWorker() }, key, (vault) => withCliChain(vault, dataDir, async (chain) => {
      const opts = { allowUnknownColumns: a.flags.has('allow-unknown-columns'), onProgress: progressPrinter() };
      const dry = a.flags.has('dry-run');
      const actors = [CLI_ACTOR];
      if (!dry) {
        const stopped = await refuseWhileStopped(chain, 'csv');
        if (stopped !== null) return stopped;
      }
      let r: Awaited<ReturnType<Vault['commit']>>;
      try {
        r = dry ? await vault.dryRun(bytes, opts) : await vault.commit(bytes, { ...opts, confirmRemovals: a.flags.has('confirm-removals'), audit: importAudit(chain, 'csv') });
      } catch (e) {
        // Refusals are evidence too, wherever the vault can still write (a full disk cannot).
        if (isAppError(e)) await chain.append(refusedEvent(actors, 'csv', e.code)).catch(() => undefined);
        throw e;
      }
      if (!r.ok) await chain.append(refusedEvent(actors, 'csv', r.error.code));
      else if (!r.committed) await chain.append(dryRunEvent(actors, r.summary, 'csv'));
      if (!r.ok) {
        printError(r.error);
        printIssues(r.issues);
        if (r.summary) process.stdout.write(`${JSON.stringify({ dryRun: dry, committed: false, ...r.summary })}\n`);
        return r.error.code === 'E_IMPORT_CONFIRM_REQUIRED' ? 3 : 1;
      }
      printIssues(r.warnings);
      process.stdout.write(`${JSON.stringify({ dryRun: dry, committed: r.committed, encoding: r.encoding, ...r.summary })}\n`);
      return 0;
    }));
  });
}
