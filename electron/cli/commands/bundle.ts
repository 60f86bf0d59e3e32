/**
 * `bundle export --data DIR --recovery FILE --out FILE`
 * `bundle import --data DIR --recovery FILE --in FILE [--dry-run] [--confirm-removals]`
 * The list bundle (SPEC F13): one encrypted, signed file that carries the list to another counter PC of the same
 * vault. Import checks signature and integrity before anything, then follows the CSV import plan: removals and
 * shortened periods need --confirm-removals on top of the recovery key. Exit 0 ok, 1 refused, 2 usage, 3 confirmation needed.
 */
import { exportBundle, importBundle } from '../../core/bundle';
import { writeFileAtomic } from '../../core/vault/dataDir';
import { jst } from '../../core/admin/text';
import { checkOutputFolder, guarded, parseArgs, printError, printIssues, progressPrinter, readInput, readRecoveryKey, usageError, refuseExistingOutput, withVault, dataDirOf } from '../args';
import { dryRunEvent, exportedEvent, refusedEvent } from '../../core/list';
import { appendCliAudit, CLI_ACTOR, importAudit, refuseWhileStopped, withCliChain } from '../listAudit';
import { isAppError } from '../../../shared/errors';

export const summary = '保護リストファイル（暗号化・署名付き）の書出し・取込 / export or import the encrypted, signed list bundle';
export const usage = 'bundle export [--data DIR] --recovery FILE --out FILE | bundle import [--data DIR] --recovery FILE --in FILE [--dry-run] [--confirm-removals]';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return guarded(() => exportCmd(rest));
  if (sub === 'import') return guarded(() => importCmd(rest));
  printError(usageError(usage, 'export か import を指定してください / say export or import').toInfo());
  return 2;
}

async function exportCmd(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['data', 'recovery', 'out'], required: ['recovery', 'out'], usage });
  const out = a.values.get('out')!;
  await checkOutputFolder(out);
  await refuseExistingOutput(out);
  const key = await readRecoveryKey(a.values.get('recovery')!);
  const dataDir = (await dataDirOf(a));
  return withVault({ dataDir }, key, async (vault) => {
    const { file, persons, header } = await exportBundle(vault, key, new Date());
    await writeFileAtomic(out, file);
    await appendCliAudit(vault, dataDir, [exportedEvent([CLI_ACTOR], persons, header.signer)]);
    process.stderr.write(`保護リストファイルを書き出しました: ${out}（${persons}名、${jst(header.createdAt)}）\n`);
    process.stdout.write(`${JSON.stringify({ exported: true, persons, createdAt: header.createdAt, signer: header.signer })}\n`);
    return 0;
  });
}

async function importCmd(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['data', 'recovery', 'in'], flags: ['dry-run', 'confirm-removals'], required: ['recovery', 'in'], usage });
  const key = await readRecoveryKey(a.values.get('recovery')!);
  const bytes = await readInput(a.values.get('in')!, '保護リストファイル');
  const dataDir = (await dataDirOf(a));
  return withVault({ dataDir }, key, (vault) => withCliChain(vault, dataDir, async (chain) => {
    const dryRun = a.flags.has('dry-run');
    const actors = [CLI_ACTOR];
    if (!dryRun) {
      const stopped = await refuseWhileStopped(chain, 'bundle');
      if (stopped !== null) return stopped;
    }
    let r: Awaited<ReturnType<typeof importBundle>>;
    try {
      r = await importBundle(vault, bytes, { recoveryKey: key, dryRun, confirmRemovals: a.flags.has('confirm-removals'), onProgress: progressPrinter(), audit: importAudit(chain, 'bundle') });
    } catch (e) {
      // A tampered or foreign bundle is refused before the list is touched; the refusal is still evidence.
      if (isAppError(e)) await chain.append(refusedEvent(actors, 'bundle', e.code)).catch(() => undefined);
      throw e;
    }
    if (!r.ok) await chain.append(refusedEvent(actors, 'bundle', r.error.code));
    else if (!r.committed) await chain.append(dryRunEvent(actors, r.summary, 'bundle'));
    if (!r.ok) {
      printError(r.error);
      printIssues(r.issues);
      if (r.summary) process.stdout.write(`${JSON.stringify({ dryRun, committed: false, ...r.summary })}\n`);
      return r.error.code === 'E_IMPORT_CONFIRM_REQUIRED' ? 3 : 1;
    }
    process.stderr.write(`${dryRun ? '確認のみ（取込なし）' : '取り込みました'}: 追加 ${r.summary.added}名、変更 ${r.summary.changed}名、削除 ${r.summary.removed.length}名、期間短縮 ${r.summary.shortened.length}名${r.bundle ? `（ファイル作成 ${jst(r.bundle.createdAt)}）` : ''}\n`);
    process.stdout.write(`${JSON.stringify({ dryRun, committed: r.committed, bundleCreatedAt: r.bundle?.createdAt, ...r.summary })}\n`);
    return 0;
  }));
}
