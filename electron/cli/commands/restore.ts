/**
 * `restore --data DIR --recovery FILE --in FILE`: checks the backup (authentication, recovery key, every
 * record) before it replaces anything; the switch itself is one atomic rename.
 */
import { restoreBackup } from '../../core/vault/backup';
import { guarded, parseArgs, readRecoveryKey } from '../args';
import { Vault } from '../../core/vault/vault';

export const summary = 'バックアップから復元 / restore from a backup';
const usage = 'restore --data DIR --recovery FILE --in FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery', 'in'], required: ['data', 'recovery', 'in'], usage });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const dataDir = a.values.get('data')!;
    await restoreBackup({ dataDir }, a.values.get('in')!, key);
    const vault = await Vault.openWithRecovery({ dataDir }, key);
    try {
      process.stdout.write(`${JSON.stringify({ restored: true, ...(await vault.status()) })}\n`);
    } finally {
      await vault.close();
    }
    return 0;
  });
}
