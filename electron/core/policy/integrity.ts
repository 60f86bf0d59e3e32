/**
 * Integrity of the machine-wide policy file. The file is HMAC-SHA256-authenticated with a key
 * derived (HKDF) from the vault's data key, label `countershield/v1/policy-mac`:
 * - the key exists only while the vault is open, and only on a PC enrolled to this vault, so an
 *   edit made outside the app (a text editor, a script, a file copied from another PC) cannot
 *   produce a valid MAC;
 * - no new secret has to be stored or backed up: restoring the vault restores the key.
 * Why not Ed25519: a verify key would itself have to live somewhere an attacker with write access
 * to %ProgramData% cannot replace — which brings us back to the vault.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const POLICY_FILE_FORMAT = 'countershield-policy/v1';
export const POLICY_MAC_LABEL = 'countershield/v1/policy-mac';

/** Supplies the policy MAC key, or null while the vault is absent or locked (then: defaults). */
export interface PolicyKeyProvider {
  policyMacKey(): Promise<Uint8Array | null>;
}

/** The vault implements PolicyKeyProvider with this, so the derivation lives in one place. */
export function derivePolicyMacKey(dataKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from(POLICY_MAC_LABEL, 'utf8'), 32));
}

/** Who decided the policy: bound into the MAC, so the approval record cannot be rewritten either. */
export const PolicyApprovalSchema = z
  .object({
    revision: z.number().int().min(1),
    policyHash: z.string().regex(/^[0-9a-f]{64}$/),
    proposedBy: z.string().min(1).max(64),
    approvedBy: z.string().min(1).max(64),
    approvedAt: z.string().max(40),
  })
  .strict();
export type PolicyApproval = z.infer<typeof PolicyApprovalSchema>;

/** The envelope; `policy` is checked against CameraPolicySchema only after the MAC verifies. */
export const PolicyFileSchema = z
  .object({
    format: z.literal(POLICY_FILE_FORMAT),
    policy: z.unknown(),
    approval: PolicyApprovalSchema,
    mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** JSON with object keys sorted at every level, so the same policy always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash an approval is bound to: the second administrator approves exactly these bytes. */
export function policyHash(policy: unknown): string {
  return createHash('sha256').update(canonicalJson(policy), 'utf8').digest('hex');
}

function macOf(key: Uint8Array, body: Omit<PolicyFile, 'mac'>): Buffer {
  return createHmac('sha256', key).update(canonicalJson({ format: body.format, policy: body.policy, approval: body.approval }), 'utf8').digest();
}

export function signPolicyFile(key: Uint8Array, body: Omit<PolicyFile, 'mac'>): PolicyFile {
  return { ...body, mac: macOf(key, body).toString('base64') };
}

export function verifyPolicyFile(key: Uint8Array, file: PolicyFile): boolean {
  const expected = macOf(key, file);
  const given = Buffer.from(file.mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
