/**
 * Child process that commits a large list into a vault: the kill -9 test SIGKILLs it mid-transaction, the
 * bench reads its timing and peak RSS. Prints progress lines (`<phase> <done>`), then `stats {json}`.
 * argv: dataDir recoveryKey csvPath
 */
import { readFileSync } from 'node:fs';
import { sourceIndexWorker } from '../../../electron/cli/indexWorker';
import { Vault } from '../../../electron/core/vault/vault';

async function main(): Promise<void> {
  const [dataDir, recoveryKey, csvPath] = process.argv.slice(2) as [string, string, string];
  // As the CLI and the app do: the blind index is built on a worker thread beside the writes.
  const vault = await Vault.openWithRecovery({ dataDir, indexWorker: sourceIndexWorker() }, recoveryKey);
  const t0 = performance.now();
  const bytes = readFileSync(csvPath);
  let lastPhase = '';
  const r = await vault.commit(bytes, {
    confirmRemovals: true,
    onProgress: (done, _total, phase) => {
      if (phase !== lastPhase || done % 5000 === 0) process.stdout.write(`${phase} ${done}\n`);
      lastPhase = phase;
    },
  });
  const ms = performance.now() - t0;
  process.stdout.write(`done ${r.ok}\n`);
  process.stdout.write(`stats ${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, persons: r.ok ? r.summary.total : 0 })}\n`);
  await vault.close();
}

void main();
