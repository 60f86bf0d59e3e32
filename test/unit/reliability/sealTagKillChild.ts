/**
 * Child process for the back-fill kill test (issue 15): opens the vault's database the way Vault.open does, starts
 * the one-time back-fill of the sealed-field tags and SIGKILLs itself after the first page of tags is written,
 * inside the back-fill's transaction. argv: dataDir recoveryKey
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../../electron/core/vault/db';
import { unlockWithRecovery } from '../../../electron/core/vault/keyring';
import { deriveSubKeys } from '../../../electron/core/vault/keys';
import { parseRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { ensureSealTags } from '../../../electron/core/vault/sealTags';

async function main(): Promise<void> {
  const [dataDir, recoveryKey] = process.argv.slice(2) as [string, string];
  const db = await Db.open(join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8').trim()));
  await db.applyPragmas();
  const { dataKey } = await unlockWithRecovery(db, parseRecoveryKey(recoveryKey));
  await ensureSealTags(db, deriveSubKeys(dataKey), {
    afterPage: (written) => {
      process.stdout.write(`killed after ${written}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write('done\n');
}

void main();
