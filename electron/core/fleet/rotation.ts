/**
 * Why a terminal's TUF refresh was refused, when the cause is a key rotation (FLEET flow 5). tuf-js has already
 * refused; this only names the reason for the people at the counter and IT instead of a bare 「署名の検証に失敗」:
 * - the drop folder holds root v+1 that the trusted root v does not sign (a rotation made with only the new key,
 *   or a forged one) → E_FLEET_ROTATION_REFUSED, and the terminal stays on v;
 * - the newest targets is signed by keys an earlier root listed and the trusted root no longer does (a package
 *   signed by a retired administrator's key after the rotation) → E_FLEET_KEY_RETIRED.
 * It reads only the drop folder's metadata and the trusted root; it never trusts anything it reads here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppError } from '../../../shared/errors';
import { fleetErrors } from './errors';

interface RawMeta { signed?: { version?: number; roles?: Record<string, { keyids?: string[]; threshold?: number }> }; signatures?: Array<{ keyid?: string }> }

async function readJson(file: string): Promise<RawMeta | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as RawMeta;
  } catch {
    return undefined;
  }
}

const newestVersioned = async (dir: string, role: string): Promise<number> =>
  Math.max(0, ...(await readdir(dir).catch(() => [] as string[])).map((n) => new RegExp(`^(\\d{1,9})\\.${role}\\.json$`).exec(n)).filter((m) => m).map((m) => Number(m![1])));

export async function rotationRefusal(trustedRootFile: string, dropDir: string): Promise<AppError | undefined> {
  const trusted = await readJson(trustedRootFile);
  const v = trusted?.signed?.version;
  if (typeof v !== 'number') return undefined;
  const meta = join(dropDir, 'metadata');
  // tuf-js stops the walk at the first root it refuses and keeps the one it trusted: a next one lying there was refused.
  if (await readJson(join(meta, `${v + 1}.root.json`))) return fleetErrors.rotationRefused(v + 1);
  const role = trusted?.signed?.roles?.targets;
  const targets = await readJson(join(meta, `${await newestVersioned(meta, 'targets')}.targets.json`));
  if (!role?.keyids || !targets?.signatures) return undefined;
  const by = targets.signatures.map((s) => String(s.keyid));
  const current = by.filter((k) => role.keyids!.includes(k)).length;
  if (current >= (role.threshold ?? 1)) return undefined;
  const earlier = new Set<string>();
  for (let i = 1; i < v; i++) for (const k of (await readJson(join(meta, `${i}.root.json`)))?.signed?.roles?.targets?.keyids ?? []) earlier.add(k);
  return by.some((k) => earlier.has(k) && !role.keyids!.includes(k)) ? fleetErrors.keyRetired() : undefined;
}
