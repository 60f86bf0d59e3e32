/**
 * A setup that stopped before its recovery key was confirmed leaves a vault nobody can ever recover. It is not
 * deleted (forensics, and "never a silent data loss") but moved into abandoned-setup-<time>/ in the data folder,
 * so the next setup starts from an empty folder. Only ever called for a vault that holds no list.
 */
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { HEAD_FILE } from '../audit/head';
import { PEPPER_FILE } from '../staff/pepper';

export async function setAsideAbandonedSetup(dataDir: string, now: Date): Promise<string> {
  const name = `abandoned-setup-${now.toISOString().replace(/[:.]/g, '-')}`;
  const target = join(dataDir, name);
  await mkdir(target, { mode: 0o700 });
  for (const f of await readdir(dataDir)) {
    if (f === 'CURRENT' || f.startsWith('vault-') || f === PEPPER_FILE || /^pepper-[a-z0-9-]+\.bin$/.test(f) || f === HEAD_FILE) await rename(join(dataDir, f), join(target, f));
  }
  return name;
}
