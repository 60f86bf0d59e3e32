/**
 * tuf-js's Fetcher, reading the drop folder instead of HTTP (SPEC invariant 5: the app opens no network connection).
 * URLs are `drop://repo/metadata/<file>` and `drop://repo/targets/<file>`; any other shape, a path separator or a
 * dot-dot is refused. A missing file is a 404 so the client's root-rotation walk stops where the folder ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fetcher } from 'tuf-js';
import { DownloadHTTPError, DownloadLengthMismatchError } from 'tuf-js/dist/error';

export const METADATA_BASE = 'drop://repo/metadata/';
export const TARGETS_BASE = 'drop://repo/targets/';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export class DropFolderFetcher implements Fetcher {
  constructor(
    private readonly dropDir: string,
    private readonly scratchDir: string = tmpdir(),
  ) {}

  private pathOf(url: string): string {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new DownloadHTTPError('bad url', 400);
    }
    const m = /^\/(metadata|targets)\/([^/]+)$/.exec(u.pathname);
    if (u.protocol !== 'drop:' || u.host !== 'repo' || !m || !NAME.test(decodeURIComponent(m[2]!)) || m[2]!.includes('..')) throw new DownloadHTTPError('bad url', 400);
    return join(this.dropDir, m[1]!, decodeURIComponent(m[2]!));
  }

  async downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    const file = this.pathOf(url);
    const st = await stat(file).catch(() => undefined);
    if (!st || !st.isFile()) throw new DownloadHTTPError('not found', 404);
    if (st.size > maxLength) throw new DownloadLengthMismatchError('Max length reached');
    // Read at most maxLength + 1 bytes: a file that grows while being read is still caught.
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(maxLength + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      if (bytesRead > maxLength) throw new DownloadLengthMismatchError('Max length reached');
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const bytes = await this.downloadBytes(url, maxLength);
    await mkdir(this.scratchDir, { recursive: true, mode: 0o700 });
    const tmp = join(this.scratchDir, `dl-${randomBytes(8).toString('hex')}`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    try {
      return await handler(tmp);
    } finally {
      await rm(tmp, { force: true });
    }
  }
}

export const readDropFile = (dropDir: string, sub: 'metadata' | 'targets', name: string): Promise<Buffer> => readFile(join(dropDir, sub, name));
