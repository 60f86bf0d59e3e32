/**
 * Child process for the restore kill-point test: restores a backup the way `--admin restore` / the dev CLI does
 * (restoreTask with the recovery key) and SIGKILLs itself at one named step (RESTORE_STEPS).
 * argv: dataDir recoveryKey backupFile step
 */
import { restoreTask, type RestoreStep } from '../../../electron/core/admin/tasks';
import { childProcessClock } from '../../clock';

async function main(): Promise<void> {
  const [dataDir, recoveryKey, inFile, step] = process.argv.slice(2) as [string, string, string, RestoreStep];
  const faultPoint = (s: RestoreStep): void => {
    if (s !== step) return;
    process.stdout.write(`killed ${s}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
  await restoreTask(
    { dataDir, access: { kind: 'recovery', recoveryKey }, terminalId: 'cli', appVersion: 'test', clock: childProcessClock },
    {}, { inFile, faultPoint },
  );
  process.stdout.write('done\n');
}

void main();
