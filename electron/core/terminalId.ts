/**
 * This terminal's id (an audit actor and protector slot id, e.g. 'T-3f9a0c1d'), kept in the data folder
 * beside the vault rather than in preferences: preferences may be reset, and a changed id would look like
 * a different terminal in the audit trail. Not a secret.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID = /^T-[0-9a-f]{8}$/;

export async function terminalIdFor(dataDir: string): Promise<string> {
  const file = join(dataDir, 'terminal-id');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (ID.test(existing)) return existing;
  const id = `T-${randomBytes(4).toString('hex')}`;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${id}\n`, { mode: 0o600 });
  return id;
}
