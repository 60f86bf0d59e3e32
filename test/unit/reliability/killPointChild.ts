/**
 * Child process for the kill-point test: commits a list the way the CLI does (audit entries in the import's
 * own transaction) and SIGKILLs itself at one named step boundary of the commit.
 * argv: dataDir recoveryKey csvPath step [worker]   ('worker': the blind index on a worker thread, as the CLI builds it)
 */
import { readFileSync } from 'node:fs';
import { sourceIndexWorker } from '../../../electron/cli/indexWorker';
import { openAuditChain } from '../../../electron/core/audit/open';
import { committedEvent, removalConfirmedEvents } from '../../../electron/core/list';
import { Vault, type ImportStep } from '../../../electron/core/vault/vault';
import { childProcessClock } from '../../clock';

async function main(): Promise<void> {
  const [dataDir, recoveryKey, csvPath, step, worker] = process.argv.slice(2) as [string, string, string, ImportStep, string | undefined];
  const faultPoint = (s: ImportStep): void => {
    if (s !== step) return;
    process.stdout.write(`killed ${s}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
  const vault = await Vault.openWithRecovery({ dataDir, faultPoint, ...(worker === 'worker' && { indexWorker: sourceIndexWorker() }) }, recoveryKey);
  const chain = await openAuditChain(vault, { dataDir, terminal: 'cli', clock: childProcessClock, dailyCheckpoint: false });
  const actors = ['cli'];
  const r = await vault.commit(readFileSync(csvPath), {
    confirmRemovals: true,
    audit: { sink: chain, events: (s) => [...removalConfirmedEvents(actors, s, 'csv'), committedEvent(actors, s, 'csv')] },
  });
  // Past the last boundary: the head file is written once the chain drains.
  await chain.close();
  process.stdout.write(`done ${r.ok}\n`);
  await vault.close();
}

void main();
