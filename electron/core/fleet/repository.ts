/**
 * The drop folder as a TUF repository (FLEET.md): `metadata/` and `targets/`, consistent snapshots (every file but
 * timestamp.json is written once under a versioned or hashed name), so a terminal reading while the station writes
 * sees either the old release or the new one, never half of each. timestamp.json is replaced last, atomically.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Metadata, MetaFile, Root, Snapshot, Targets, TargetFile, Timestamp, type MetadataKind } from '@tufjs/models';
import type { TufSigner } from './keys';

export const SPEC_VERSION = '1.0.31';
export const ACKS_ROLE = 'acks';
export const HEADS_TARGET = 'heads.json';

type AnyMeta = Root | Targets | Snapshot | Timestamp;

export async function ensureRepo(dropDir: string): Promise<void> {
  await mkdir(join(dropDir, 'metadata'), { recursive: true });
  await mkdir(join(dropDir, 'targets'), { recursive: true });
}

async function writeAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

export function signed<T extends AnyMeta>(signedPart: T, signers: readonly TufSigner[]): Metadata<T> {
  const md = new Metadata<T>(signedPart);
  for (const s of signers) md.sign(s, true);
  return md;
}

export const metadataBytes = (md: Metadata<AnyMeta>): Buffer => Buffer.from(JSON.stringify(md.toJSON()), 'utf8');

export async function writeMetadata(dropDir: string, name: `${MetadataKind}` | typeof ACKS_ROLE, md: Metadata<AnyMeta>): Promise<void> {
  const bytes = metadataBytes(md);
  const dir = join(dropDir, 'metadata');
  if (name === 'timestamp') return writeAtomic(join(dir, 'timestamp.json'), bytes);
  await writeAtomic(join(dir, `${md.signed.version}.${name}.json`), bytes);
  // Also unversioned for root: the name an administrator copies to a new terminal at enrolment.
  if (name === 'root') await writeAtomic(join(dir, 'root.json'), bytes);
}

export function targetFileFor(path: string, bytes: Uint8Array, custom?: Record<string, string | number>): TargetFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return new TargetFile({ path, length: bytes.length, hashes: { sha256 }, ...(custom && { unrecognizedFields: { custom } }) });
}

/** Target files are stored under `<sha256>.<name>` (consistent snapshot), written once. */
export async function writeTarget(dropDir: string, t: TargetFile, bytes: Uint8Array): Promise<void> {
  await writeAtomic(join(dropDir, 'targets', `${t.hashes.sha256}.${t.path}`), bytes);
}

export function newRoot(o: { version: number; expires: string; rootKeys: Root['keys']; rootIds: string[]; targetsIds: string[]; targetsThreshold: number; onlineIds: string[] }): Root {
  const keys = o.rootKeys;
  const role = (ids: string[], threshold: number) => ({ keyids: ids, threshold });
  return Root.fromJSON({
    _type: 'root', spec_version: SPEC_VERSION, version: o.version, expires: o.expires, consistent_snapshot: true,
    keys: Object.fromEntries(Object.entries(keys).map(([id, k]) => [id, k.toJSON()])),
    roles: {
      root: role(o.rootIds, 1),
      targets: role(o.targetsIds, o.targetsThreshold),
      snapshot: role(o.onlineIds, 1),
      timestamp: role(o.onlineIds, 1),
    },
  });
}

/** The top-level targets: the packages (two administrators sign it), and a delegation of heads.json to the online key. */
export function newTargets(o: { version: number; expires: string; targets: TargetFile[]; online: { keyid: string; key: Root['keys'][string] } }): Targets {
  return Targets.fromJSON({
    _type: 'targets', spec_version: SPEC_VERSION, version: o.version, expires: o.expires,
    targets: Object.fromEntries(o.targets.map((t) => [t.path, t.toJSON()])),
    delegations: {
      keys: { [o.online.keyid]: o.online.key.toJSON() },
      roles: [{ name: ACKS_ROLE, keyids: [o.online.keyid], threshold: 1, terminating: true, paths: [HEADS_TARGET] }],
    },
  });
}

export function newAcks(o: { version: number; expires: string; heads?: TargetFile }): Targets {
  return Targets.fromJSON({
    _type: 'targets', spec_version: SPEC_VERSION, version: o.version, expires: o.expires,
    targets: o.heads ? { [o.heads.path]: o.heads.toJSON() } : {},
  });
}

export function newSnapshot(o: { version: number; expires: string; targetsVersion: number; acksVersion: number }): Snapshot {
  return new Snapshot({
    version: o.version, specVersion: SPEC_VERSION, expires: o.expires,
    meta: { 'targets.json': new MetaFile({ version: o.targetsVersion }), [`${ACKS_ROLE}.json`]: new MetaFile({ version: o.acksVersion }) },
  });
}

export function newTimestamp(o: { version: number; expires: string; snapshot: Buffer; snapshotVersion: number }): Timestamp {
  const sha256 = createHash('sha256').update(o.snapshot).digest('hex');
  return new Timestamp({ version: o.version, specVersion: SPEC_VERSION, expires: o.expires, snapshotMeta: new MetaFile({ version: o.snapshotVersion, length: o.snapshot.length, hashes: { sha256 } }) });
}

export async function listDrop(dropDir: string, sub: 'metadata' | 'targets' | 'segments'): Promise<string[]> {
  return readdir(join(dropDir, sub)).catch(() => []);
}
