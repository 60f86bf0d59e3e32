/**
 * The terminal package `pkg-<version>.csp` (SPEC F15): one encrypted file per release for every terminal of the
 * lineage. TUF (targets, two administrators) signs its hash and length; this layer only encrypts, so a file that
 * is not the signed one never reaches decryption.
 *
 * Layout: "CSPKG" | format version (1) | header length (u32 BE) | header JSON | AES-256-GCM body (vault/aead.ts)
 * - Body key: HKDF(vault.serviceKey('fleet-package'), per-package salt) — every terminal of the lineage derives it,
 *   a lost USB stick opens nowhere else. The header (version, salt, key id) is the additional data, so a package
 *   renamed to another version, or given another header, fails authentication.
 * - Inside: the list as a 住基-style CSV (bundle/listCsv.ts, the same importer and import plan as any CSV), its
 *   前住所 / 前本籍 as the keyed tokens the vault keeps instead of the places (issue 21, as the list bundle), the
 *   staff directory as the vault stores it (bodies and PIN verifiers already encrypted under the lineage's
 *   staff key — never a PIN), the lead wraps, the signed policy file, the list's identity and the retired terminals.
 */
import { randomBytes } from 'node:crypto';
import * as aead from '../vault/aead';
import { formerFromEntries, type FormerEntries } from '../bundle/payload';
import type { FormerPlaceTokens } from '../vault/blindIndex';
import { hkdf, hmac } from '../vault/keys';
import type { Vault } from '../vault/vault';
import { fleetErrors } from './errors';

const MAGIC = Buffer.from('CSPKG', 'ascii');
const FORMAT_VERSION = 1;
export const PACKAGE_FORMAT = 'countershield-terminal-package/v1';

export interface ListIdentity {
  /** Grows by one per release across the lineage; a terminal never applies a lower one. */
  version: number;
  /** The 住基 export's own date (ISO date of the export, not of any person). */
  exportDate: string;
  /** SHA-256 of the 住基 export file the station imported. */
  contentHash: string;
  persons: number;
  createdAt: string;
}

export interface StaffEntry { staffId: string; body: string; pin: string }
export interface LeadWrapEntry { wrapId: string; blob: string }

export interface PackageContent {
  format: typeof PACKAGE_FORMAT;
  identity: ListIdentity;
  /** base64 of the canonical CSV. */
  list: string;
  /**
   * The list as it can be applied at once: this release's list, plus every person the previous release protected
   * and this one stops protecting (kept as they were), plus the longer period where this one shortens it. A terminal
   * that was on the previous release applies it without anyone's protection ending; the rest waits for two people.
   */
  interim?: string;
  /**
   * The 前住所 / 前本籍 tokens of everyone in `list` and `interim` (bundle/payload.ts's entries): the CSV cannot carry
   * the places, which the vault never keeps. Absent in packages made before issue 21 (applied without old places).
   */
  former?: FormerEntries;
  staff: StaffEntry[];
  leadWraps: LeadWrapEntry[];
  /** base64 of the policy file bytes (MACed with the lineage's policy key), if the station has one. */
  policy?: string;
  retired: string[];
  listAgeLimitDays: number;
}

interface Header { format: typeof PACKAGE_FORMAT; version: number; keyId: string; salt: string; createdAt: string }

function packageKey(vault: Vault, salt: Uint8Array): { enc: Buffer; keyId: string } {
  const base = vault.serviceKey('fleet-package');
  return { enc: hkdf(base, salt, 'countershield/v1/fleet/package-encryption'), keyId: hmac(base, 'key-id').toString('hex').slice(0, 16) };
}

const aadOf = (headerBytes: Buffer) => Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), headerBytes]).toString('base64');

export function packageName(version: number): string {
  return `pkg-${version}.csp`;
}

export function versionOfName(name: string): number | undefined {
  const m = /^pkg-([1-9][0-9]{0,9})\.csp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export function sealPackage(vault: Vault, content: PackageContent): Buffer {
  const salt = randomBytes(16);
  const { enc, keyId } = packageKey(vault, salt);
  const header: Header = { format: PACKAGE_FORMAT, version: content.identity.version, keyId, salt: salt.toString('base64'), createdAt: content.identity.createdAt };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(headerBytes.length);
  const plain = Buffer.from(JSON.stringify(content), 'utf8');
  const body = aead.seal(enc, plain, aadOf(headerBytes));
  plain.fill(0);
  return Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), len, headerBytes, body]);
}

export function openPackage(vault: Vault, file: Uint8Array, expectedVersion: number): PackageContent {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const hstart = MAGIC.length + 5;
  if (b.length < hstart || !b.subarray(0, MAGIC.length).equals(MAGIC) || b[MAGIC.length] !== FORMAT_VERSION) throw fleetErrors.tampered('package-format');
  const hlen = b.readUInt32BE(MAGIC.length + 1);
  if (hlen < 2 || hlen > 4096 || hstart + hlen > b.length) throw fleetErrors.tampered('package-format');
  const headerBytes = b.subarray(hstart, hstart + hlen);
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    throw fleetErrors.tampered('package-header');
  }
  if (header.format !== PACKAGE_FORMAT || header.version !== expectedVersion || typeof header.salt !== 'string') throw fleetErrors.tampered('package-header');
  const { enc, keyId } = packageKey(vault, Buffer.from(header.salt, 'base64'));
  if (header.keyId !== keyId) throw fleetErrors.otherLineage();
  const plain = aead.tryOpen(enc, b.subarray(hstart + hlen), aadOf(headerBytes));
  if (!plain) throw fleetErrors.tampered('package-encryption');
  try {
    const c = JSON.parse(plain.toString('utf8')) as PackageContent;
    if (c.format !== PACKAGE_FORMAT || c.identity?.version !== expectedVersion || typeof c.list !== 'string' || !Array.isArray(c.staff) || !Array.isArray(c.retired)) throw fleetErrors.tampered('package-content');
    if (c.former !== undefined && !formerFromEntries(c.former)) throw fleetErrors.tampered('package-content');
    return c;
  } finally {
    plain.fill(0);
  }
}

/** The package's 前住所 / 前本籍 tokens for the import (openPackage has checked their form), or none before issue 21. */
export function formerOfPackage(c: PackageContent): { formerTokens?: ReadonlyMap<string, FormerPlaceTokens> } {
  const former = c.former === undefined ? undefined : formerFromEntries(c.former);
  return former ? { formerTokens: former } : {};
}
