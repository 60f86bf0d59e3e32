/** `status --data DIR --recovery FILE`: one JSON line of counts — never a name, date or address. */
import { collectStatus, statusText } from '../../core/admin';
import { defaultEffectivePolicy } from '../../core/policy';
import { guarded, parseArgs, readRecoveryKey, withVault, dataDirOf } from '../args';
import { cliTerminalId } from '../listAudit';

export const summary = '保護リストの件数と期限の状況 / counts and expiry of the list';
export const usage = 'status [--data DIR] --recovery FILE';

export function run(argv: string[]): Promise<number> {
  return guarded(async () => {
    const a = parseArgs(argv, { values: ['data', 'recovery'], required: ['recovery'], usage });
    const key = await readRecoveryKey(a.values.get('recovery')!);
    // IT holds the recovery key here, so status runs the full check (a damaged sealed field included), not only the roster.
    const status = await withVault({ dataDir: (await dataDirOf(a)) }, key, async (vault) => {
      await vault.verifyFull({ recoveryKey: key });
      // The same Japanese summary as `CounterShield.exe --admin status` (JST times), for the person at the console.
      const summary = await collectStatus({ vault, staff: null, terminalId: await cliTerminalId(), appVersion: 'cli', now: new Date(), policy: defaultEffectivePolicy('', 'unverified') });
      process.stderr.write(statusText(summary));
      return vault.status();
    });
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  });
}
