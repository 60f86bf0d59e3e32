/**
 * The list bundle (SPEC F13): one file that carries the protected list from one counter PC to another
 * without a network. Design and threat notes: docs/IT.md「一覧ファイル（バンドル）」.
 *
 * Layout: "CSBUNDLE" | version(1) | header length (u32 BE) | header JSON | AES-256-GCM body (aead.ts) | Ed25519 signature (64)
 * - The signature covers every byte before it and is checked first, before the header is even parsed.
 * - The body key comes from the vault's data key (service key 'list-bundle' + a per-bundle salt): every terminal
 *   of the same vault (restored from its backup and enrolled) can open it; a lost USB stick opens nowhere else.
 * - The header (creation time, salt, key id, signer fingerprint) is also the body's additional data.
 * - Inside is the payload (payload.ts): the 前住所 / 前本籍 tokens and a CSV with the canonical headers, which goes through the same importer and import plan as a
 *   住基 CSV: removals and shortened periods need the two-person confirmation, exactly as for a CSV.
 */
import { randomBytes } from 'node:crypto';
import * as aead from '../vault/aead';
import { hkdf, hmac } from '../vault/keys';
import type { ImportSummary } from '../vault/importPlan';
import { manualMarkers, setMarker } from '../vault/manualEntries';
import type { CommitOptions, ImportResult, Vault } from '../vault/vault';
import { bundleErrors } from './errors';
import { decodePayload, encodePayload } from './payload';
import { deriveSigningKey, fingerprint, pinnedSigner, pinSigner, signBytes, verifyBytes } from './signing';

const MAGIC = Buffer.from('CSBUNDLE', 'ascii');
const VERSION = 1;
const SIG = 64;
const FORMAT = 'countershield-bundle/v1';

export interface BundleHeader {
  format: typeof FORMAT;
  createdAt: string;
  /** Which vault lineage can open it (a keyed id, not the key). */
  keyId: string;
  salt: string;
  /** Fingerprint of the signer's public key (derived from the recovery key). */
  signer: string;
}

function bundleKeys(vault: Vault, salt: Uint8Array): { enc: Buffer; keyId: string } {
  const base = vault.serviceKey('list-bundle');
  return { enc: hkdf(base, salt, 'countershield/v1/list-bundle-encryption'), keyId: hmac(base, 'key-id').toString('hex').slice(0, 16) };
}

const aadOf = (headerBytes: Buffer) => Buffer.concat([MAGIC, Buffer.of(VERSION), headerBytes]).toString('base64');

/** Exports the whole current list. Needs the recovery key: it opens the sealed fields and derives the signing key. */
export async function exportBundle(vault: Vault, recoveryKey: string, now: Date): Promise<{ file: Buffer; persons: number; header: BundleHeader }> {
  const signerPub = await pinSigner(vault, recoveryKey);
  // The full check first (issue 15): a signed bundle of a vault with a deleted row would carry the loss to every PC.
  await vault.verifyFull({ recoveryKey });
  const persons = await vault.exportPersons({ recoveryKey });
  if (persons.length === 0) throw bundleErrors.empty();
  // The payload (payload.ts): the CSV and the 前住所 / 前本籍 tokens the vault keeps instead of the places.
  const csv = encodePayload(persons, vault.formerPlaceTokens(persons), await manualMarkers(vault.database));
  const salt = randomBytes(16);
  const { enc, keyId } = bundleKeys(vault, salt);
  const header: BundleHeader = { format: FORMAT, createdAt: now.toISOString(), keyId, salt: salt.toString('base64'), signer: fingerprint(signerPub) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(headerBytes.length);
  const body = aead.seal(enc, csv, aadOf(headerBytes));
  csv.fill(0);
  const signed = Buffer.concat([MAGIC, Buffer.of(VERSION), len, headerBytes, body]);
  return { file: Buffer.concat([signed, signBytes(deriveSigningKey(recoveryKey), signed)]), persons: persons.length, header };
}

interface Framed { signed: Buffer; signature: Buffer; headerBytes: Buffer; body: Buffer }

function frame(file: Uint8Array): Framed {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const hstart = MAGIC.length + 5;
  if (b.length < hstart + SIG || !b.subarray(0, MAGIC.length).equals(MAGIC) || b[MAGIC.length] !== VERSION) throw bundleErrors.notABundle();
  const hlen = b.readUInt32BE(MAGIC.length + 1);
  if (hlen < 2 || hlen > 4096 || hstart + hlen + SIG > b.length) throw bundleErrors.notABundle();
  return {
    signed: b.subarray(0, b.length - SIG), signature: b.subarray(b.length - SIG),
    headerBytes: b.subarray(hstart, hstart + hlen), body: b.subarray(hstart + hlen, b.length - SIG),
  };
}

function parseHeader(bytes: Buffer): BundleHeader | undefined {
  try {
    const h = JSON.parse(bytes.toString('utf8')) as BundleHeader;
    return h && h.format === FORMAT && typeof h.salt === 'string' && typeof h.keyId === 'string' && typeof h.signer === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signature, then vault lineage, then authenticated decryption — nothing is parsed as a list before all three
 * pass. With the recovery key (CLI) the signer is derived and pinned; without it (the app) it must be pinned.
 */
export async function openBundle(vault: Vault, file: Uint8Array, opts: { recoveryKey?: string } = {}): Promise<{ csv: Buffer; header: BundleHeader }> {
  const f = frame(file);
  const signer = opts.recoveryKey ? await pinSigner(vault, opts.recoveryKey) : await pinnedSigner(vault);
  if (!signer) throw bundleErrors.signerNotPinned();
  if (!verifyBytes(signer, f.signed, f.signature)) {
    // Only to choose the message: an unverified header decides nothing else.
    const claimed = parseHeader(f.headerBytes);
    throw claimed && claimed.signer !== fingerprint(signer) ? bundleErrors.signerUnknown() : bundleErrors.tampered('signature');
  }
  const header = parseHeader(f.headerBytes);
  if (!header) throw bundleErrors.tampered('header');
  const { enc, keyId } = bundleKeys(vault, Buffer.from(header.salt, 'base64'));
  if (header.keyId !== keyId) throw bundleErrors.otherVault();
  const csv = aead.tryOpen(enc, f.body, aadOf(f.headerBytes));
  if (!csv) throw bundleErrors.tampered('encryption');
  return { csv, header };
}

export type BundleImportOptions = CommitOptions & { recoveryKey?: string; dryRun?: boolean };
export type BundleImportResult = ImportResult & { bundle?: { createdAt: string; signer: string } };

/** The same plan as a CSV import: dry run, or a commit that refuses removals unless confirmed. */
export async function importBundle(vault: Vault, file: Uint8Array, opts: BundleImportOptions = {}): Promise<BundleImportResult> {
  const { recoveryKey, dryRun, audit, ...rest } = opts;
  const { csv: payload, header } = await openBundle(vault, file, recoveryKey ? { recoveryKey } : {});
  const { csv, former, manual } = decodePayload(payload);
  // The sender's hand-entry markers are written with the list, after the import has met the receiver's own
  // (issue 22): a hand entry stays one at every terminal, so the next CSV import there does not silently end it.
  const own = rest.withList;
  const withList = manual?.size ? async (s: ImportSummary) => {
    await own?.(s);
    for (const [rid, state] of manual) await setMarker(vault.database, rid, state, header.createdAt);
  } : own;
  // The bundle's creation time goes into the entries written in the import's own transaction.
  const commit: CommitOptions = { ...rest, ...(withList && { withList }), ...(former && { formerTokens: former }), ...(audit && { audit: { sink: audit.sink, events: (s) => audit.events(s, header.createdAt) } }) };
  try {
    const r = dryRun ? await vault.dryRun(csv, commit) : await vault.commit(csv, commit);
    return { ...r, bundle: { createdAt: header.createdAt, signer: header.signer } };
  } finally {
    csv.fill(0);
    payload.fill(0);
  }
}
