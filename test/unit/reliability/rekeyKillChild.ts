/**
 * Child process for the re-key kill test (issue 18): re-keys the vault and SIGKILLs itself at one step boundary.
 * The new recovery key is written to `keyOut` the moment it exists, as the person at the screen would have it.
 * argv: dataDir recoveryKey step keyOut
 */
import { writeFileSync } from 'node:fs';
import { rekeyVault, type RekeyStep } from '../../../electron/core/vault/rekey';
import { childProcessClock } from '../../clock';

async function main(): Promise<void> {
  const [dataDir, recoveryKey, step, keyOut] = process.argv.slice(2) as [string, string, RekeyStep, string];
  await rekeyVault({ dataDir, clock: childProcessClock }, {
    recoveryKey,
    onNewKey: (k) => writeFileSync(keyOut, k),
    faultPoint: (s) => {
      if (s !== step) return;
      process.stdout.write(`killed ${s}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write('done\n');
}

void main();
