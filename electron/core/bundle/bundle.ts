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
import type { CommitOptions, ImportResult, SealUnlock, Vault } from '../vault/vault';
import { bundleErrors } from './errors';
import { decodePayload, encodePayload } from './payload';
import { fingerprint, pinnedSigner, pinSigner, signBytes, verifyBytes } from './signing';
import { endorses, lineageSignerPublic, loadLineageSigner } from './signerKey';

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
  /** Fingerprint of the signer's public key. */
  signer: string;
  /**
   * Since issue 17: the lineage's stored signer (base64 SPKI) and the old recovery-key signer's statement for it
   * (signerKey.ts), so a terminal that pinned only the old signer accepts the new one. Absent in older bundles.
   */
  signerKey?: string;
  endorsement?: string;
}

function bundleKeys(vault: Vault, salt: Uint8Array): { enc: Buffer; keyId: string } {
  const base = vault.serviceKey('list-bundle');
  return { enc: hkdf(base, salt, 'countershield/v1/list-bundle-encryption'), keyId: hmac(base, 'key-id').toString('hex').slice(0, 16) };
}

const aadOf = (headerBytes: Buffer) => Buffer.concat([MAGIC, Buffer.of(VERSION), headerBytes]).toString('base64');

/**
 * How the sealed fields are opened for an export: the recovery key (the dev CLI, and it back-fills the stored
 * signer), or a lead's wrap of the sealing key (an administrator who is a lead, or a lead as the second person).
 * The bundle is signed by the lineage's stored signer either way (signerKey.ts).
 */
export type BundleExportAccess = string | { recoveryKey: string } | { seal: { wrapId: string; kek: Uint8Array } };

export async function exportBundle(vault: Vault, access: BundleExportAccess, now: Date): Promise<{ file: Buffer; persons: number; header: BundleHeader }> {
  const a = typeof access === 'string' ? { recoveryKey: access } : access;
  const unlock: SealUnlock = 'recoveryKey' in a ? { recoveryKey: a.recoveryKey } : a.seal;
  if ('recoveryKey' in a) await pinSigner(vault, a.recoveryKey);
  const signer = await loadLineageSigner(vault);
  if (!signer) throw bundleErrors.signerNotSet();
  // The full check first (issue 15): a signed bundle of a vault with a deleted row would carry the loss to every PC.
  await vault.verifyFull(unlock);
  const persons = await vault.exportPersons(unlock);
  if (persons.length === 0) throw bundleErrors.empty();
  // The payload (payload.ts): the CSV and the 前住所 / 前本籍 tokens the vault keeps instead of the places.
  const csv = encodePayload(persons, vault.formerPlaceTokens(persons), await manualMarkers(vault.database));
  const salt = randomBytes(16);
  const { enc, keyId } = bundleKeys(vault, salt);
  const header: BundleHeader = {
    format: FORMAT, createdAt: now.toISOString(), keyId, salt: salt.toString('base64'), signer: fingerprint(signer.publicKey),
    signerKey: signer.publicKey.toString('base64'), endorsement: signer.endorsement.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(headerBytes.length);
  const body = aead.seal(enc, csv, aadOf(headerBytes));
  csv.fill(0);
  const signed = Buffer.concat([MAGIC, Buffer.of(VERSION), len, headerBytes, body]);
  return { file: Buffer.concat([signed, signBytes(signer, signed)]), persons: persons.length, header };
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
    return h && h.format === FORMAT && typeof h.salt === 'string' && typeof h.keyId === 'string' && typeof h.signer === 'string'
      && (h.signerKey === undefined || typeof h.signerKey === 'string') && (h.endorsement === undefined || typeof h.endorsement === 'string') ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signature, then vault lineage, then authenticated decryption — nothing is parsed as a list before all three
 * pass. With the recovery key (CLI) the old signer is derived and pinned; without it (the app) it must be pinned.
 * Trusted: the pinned old signer, this vault's own stored signer, and a signer the pinned one endorsed
 * (signerKey.ts) — the header is read for that key before the signature is checked, but nothing in it counts
 * until the statement and then the file's signature verify.
 */
export async function openBundle(vault: Vault, file: Uint8Array, opts: { recoveryKey?: string } = {}): Promise<{ csv: Buffer; header: BundleHeader }> {
  const f = frame(file);
  const pinned = opts.recoveryKey ? await pinSigner(vault, opts.recoveryKey) : await pinnedSigner(vault);
  if (!pinned) throw bundleErrors.signerNotPinned();
  const claimed = parseHeader(f.headerBytes);
  const trusted = await trustedKeys(vault, pinned, claimed);
  if (!trusted.some((k) => verifyBytes(k, f.signed, f.signature))) {
    // Only to choose the message: an unverified header decides nothing else.
    throw claimed && !trusted.some((k) => fingerprint(k) === claimed.signer) ? bundleErrors.signerUnknown() : bundleErrors.tampered('signature');
  }
  const header = claimed;
  if (!header) throw bundleErrors.tampered('header');
  const { enc, keyId } = bundleKeys(vault, Buffer.from(header.salt, 'base64'));
  if (header.keyId !== keyId) throw bundleErrors.otherVault();
  const csv = aead.tryOpen(enc, f.body, aadOf(f.headerBytes));
  if (!csv) throw bundleErrors.tampered('encryption');
  return { csv, header };
}

/** The pinned old signer, this vault's own stored signer, and the header's signer if the pinned one endorsed it. */
async function trustedKeys(vault: Vault, pinned: Buffer, claimed: BundleHeader | undefined): Promise<Buffer[]> {
  const keys = [pinned];
  const own = await lineageSignerPublic(vault);
  if (own) keys.push(own);
  if (claimed?.signerKey && claimed.endorsement) {
    const key = Buffer.from(claimed.signerKey, 'base64');
    if (endorses(pinned, key, Buffer.from(claimed.endorsement, 'base64'))) keys.push(key);
  }
  return keys;
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
