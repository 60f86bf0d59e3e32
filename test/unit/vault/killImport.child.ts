/**
 * Child process for the kill -9 test: opens the vault with the recovery key and commits a large list,
 * printing progress so the parent can SIGKILL it in the middle of the write transaction.
 * argv: dataDir recoveryKey csvPath
 */
import { readFileSync } from 'node:fs';
import { Vault } from '../../../electron/core/vault/vault';

async function main(): Promise<void> {
  const [dataDir, recoveryKey, csvPath] = process.argv.slice(2) as [string, string, string];
  const vault = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  const bytes = readFileSync(csvPath);
  let lastPhase = '';
  const r = await vault.commit(bytes, {
    confirmRemovals: true,
    onProgress: (done, _total, phase) => {
      if (phase !== lastPhase || done % 5000 === 0) process.stdout.write(`${phase} ${done}\n`);
      lastPhase = phase;
    },
  });
  process.stdout.write(`done ${r.ok}\n`);
  await vault.close();
}

void main();
