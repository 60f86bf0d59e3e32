/**
 * `restore --data DIR --recovery FILE --in FILE`: checks the backup (authentication, recovery key, every
 * record) before it replaces anything; the switch itself is one atomic rename.
 */
import { restoreBackup } from '../../core/vault/backup';
import { checkDataFolder, checkInputFile, guarded, parseArgs, readRecoveryKey, withVault } from '../args';

export const summary = 'バックアップから復元 / restore from a backup';
const usage = 'restore --data DIR --recovery FILE --in FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery', 'in'], required: ['data', 'recovery', 'in'], usage });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const dataDir = a.values.get('data')!;
    await checkInputFile(a.values.get('in')!, 'バックアップファイル');
    await checkDataFolder(dataDir, { mayBeMissing: true });
    await restoreBackup({ dataDir }, a.values.get('in')!, key);
    const status = await withVault({ dataDir }, key, (vault) => vault.status());
    process.stdout.write(`${JSON.stringify({ restored: true, ...status })}\n`);
    return 0;
  });
}
