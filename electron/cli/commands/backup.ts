/** `backup --data DIR --recovery FILE --out FILE`: an encrypted, authenticated copy; never overwrites a file. */
import { writeBackup } from '../../core/vault/backup';
import { jst } from '../../core/admin/text';
import { checkOutputFolder, guarded, parseArgs, readRecoveryKey, refuseExistingOutput, withVault, dataDirOf } from '../args';
import { appendCliAudit, CLI_ACTOR } from '../listAudit';

export const summary = '暗号化バックアップを作成 / write an encrypted backup';
export const usage = 'backup [--data DIR] --recovery FILE --out FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery', 'out'], required: ['recovery', 'out'], usage });
    const out = a.values.get('out')!;
    await checkOutputFolder(out);
    await refuseExistingOutput(out);
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const dataDir = (await dataDirOf(a));
    const now = new Date();
    await withVault({ dataDir }, key, async (vault) => {
      const w = await writeBackup(vault, dataDir, out, key, now);
      // Issue 14: a backup is a copy of the list leaving the PC — recorded like any export.
      await appendCliAudit(vault, dataDir, [{ action: 'vault.backup_written', actors: [CLI_ACTOR], detail: { persons: (await vault.status()).persons, checked: w.checked, ...(w.pinnedNow && { exportKeyPinned: true }) } }]);
    });
    process.stderr.write(`バックアップを作成しました: ${out}（${jst(now.toISOString())}）\n`);
    process.stdout.write(`${JSON.stringify({ backup: true })}\n`);
    return 0;
  });
}
