/** `backup --data DIR --recovery FILE --out FILE`: an encrypted, authenticated copy; never overwrites a file. */
import { AppError } from '../../../shared/errors';
import { exists } from '../../core/vault/dataDir';
import { writeBackup } from '../../core/vault/backup';
import { Vault } from '../../core/vault/vault';
import { guarded, parseArgs, readRecoveryKey } from '../args';

export const summary = '暗号化バックアップを作成 / write an encrypted backup';
const usage = 'backup --data DIR --recovery FILE --out FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery', 'out'], required: ['data', 'recovery', 'out'], usage });
    const out = a.values.get('out')!;
    if (await exists(out)) {
      throw new AppError({ code: 'E_CLI_OUT_EXISTS', ja: '出力先のファイルが既に存在します。上書きはしません。', en: 'The output file already exists; it is never overwritten.' });
    }
    const key = await readRecoveryKey(a.values.get('recovery')!);
    const dataDir = a.values.get('data')!;
    const vault = await Vault.openWithRecovery({ dataDir }, key);
    try {
      await writeBackup(vault, dataDir, out, key, new Date());
    } finally {
      await vault.close();
    }
    process.stdout.write(`${JSON.stringify({ backup: true })}\n`);
    return 0;
  });
}
