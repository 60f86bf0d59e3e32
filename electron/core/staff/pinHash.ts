/**
 * PIN → keys. One Argon2id run per check gives both the stored verifier and, for leads, the key that
 * unwraps the sealing private key (SPEC F4: no lead PIN, no plaintext). The two are separate HKDF outputs
 * of the Argon2id result, so the verifier in the database says nothing about the unwrap key.
 *
 *   root     = Argon2id(password = staffId ‖ 0x00 ‖ PIN, salt = 16 random bytes per staff member,
 *                       secret = pepper (32 bytes, never in the database), m, t, p, 32 bytes)
 *   verifier = HKDF-SHA256(root, salt, "countershield/v1/pin-verifier")   → stored (encrypted) in the db
 *   sealKek  = HKDF-SHA256(root, salt, "countershield/v1/seal-kek")       → never stored; wraps the sealing key
 *
 * The pepper is Argon2's own "secret" input (RFC 9106 §3.1, K), the place the algorithm designed for it.
 * hash-wasm is pure WebAssembly: no native module to build for Windows and sign in the installer.
 */
import { argon2id } from 'hash-wasm';
import { hkdf } from '../vault/keys';
import { staffErrors } from './errors';
import { normalisePin } from './pinPolicy';

export interface Argon2Params {
  /** memory in KiB */
  readonly m: number;
  readonly t: number;
  readonly p: number;
}

/** OWASP Password Storage Cheat Sheet minimum for Argon2id; anything weaker is refused, also in tests. */
export const OWASP_MIN: Argon2Params = { m: 19_456, t: 2, p: 1 };
/**
 * What the app uses: 64 MiB, 2 passes (≈ 3.4× the OWASP minimum memory-time) measured at ≈ 0.2 s per check
 * on the 2-core reference machine, so an unmask (two PIN checks) stays well under 1 s (docs/staff.md).
 */
export const DEFAULT_ARGON2: Argon2Params = { m: 65_536, t: 2, p: 1 };

export function assertParams(p: Argon2Params): void {
  const ok = Number.isInteger(p.m) && Number.isInteger(p.t) && Number.isInteger(p.p)
    && p.m >= OWASP_MIN.m && p.t >= OWASP_MIN.t && p.p >= OWASP_MIN.p && p.m <= 1_048_576 && p.t <= 16 && p.p <= 4;
  if (!ok) throw staffErrors.paramsTooWeak();
}

export interface PinKeys {
  verifier: Buffer;
  sealKek: Buffer;
}

export async function derivePinKeys(staffId: string, pin: string, salt: Uint8Array, pepper: Uint8Array, params: Argon2Params): Promise<PinKeys> {
  assertParams(params);
  const password = Buffer.from(`${staffId}\u0000${normalisePin(pin)}`, 'utf8');
  let root: Uint8Array | undefined;
  try {
    root = await argon2id({
      password, salt, secret: pepper,
      parallelism: params.p, iterations: params.t, memorySize: params.m, hashLength: 32, outputType: 'binary',
    });
    return {
      verifier: hkdf(root, salt, 'countershield/v1/pin-verifier'),
      sealKek: hkdf(root, salt, 'countershield/v1/seal-kek'),
    };
  } finally {
    password.fill(0);
    root?.fill(0);
  }
}
