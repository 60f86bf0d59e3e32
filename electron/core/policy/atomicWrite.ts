/**
 * Write-then-rename in the same folder, so a crash or a power cut leaves either the old policy or
 * the new one — never a half-written file that would drop the counter to the defaults.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(content, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  // Persist the rename itself; Windows cannot open a directory, and NTFS journals renames anyway.
  if (process.platform !== 'win32') {
    const d = await open(dir, 'r').catch(() => null);
    await d?.sync().catch(() => undefined);
    await d?.close();
  }
}
