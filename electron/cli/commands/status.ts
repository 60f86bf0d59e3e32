/** `status --data DIR --recovery FILE`: one JSON line of counts — never a name, date or address. */
import { guarded, parseArgs, readRecoveryKey, withVault, dataDirOf } from '../args';

export const summary = '保護リストの件数と期限の状況 / counts and expiry of the list';
const usage = 'status [--data DIR] --recovery FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery'], required: ['recovery'], usage });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    // IT holds the recovery key here, so status runs the full check (a damaged sealed field included), not only the roster.
    const status = await withVault({ dataDir: (await dataDirOf(a)) }, key, async (vault) => {
      await vault.verifyFull({ recoveryKey: key });
      return vault.status();
    });
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  });
}
