/** Output files of admin tasks: the folder must exist and a file is never overwritten (a second copy of a key-bearing export is IT's decision). */
import { access, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { adminErrors } from './errors';

export async function checkNewOutput(path: string): Promise<void> {
  const dir = dirname(resolve(path));
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw adminErrors.outFolderMissing(dir);
  if (await access(path).then(() => true, () => false)) throw adminErrors.outExists(path);
}

export async function readInputFile(path: string): Promise<Buffer> {
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) throw adminErrors.inputMissing(path);
  return readFile(path).catch(() => {
    throw adminErrors.inputMissing(path);
  });
}
