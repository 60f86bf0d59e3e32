/**
 * Hashes of "exactly what was shown" (an unmask request, a staff change). Each field is written as
 * name, presence, length and bytes, in a fixed order, so no two different requests can encode alike
 * (no delimiter games with a reason text that contains "|"). SHA-256, hex.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type CanonicalValue = string | number | boolean | null | undefined | readonly string[];

export function canonicalHash(tag: string, fields: ReadonlyArray<readonly [string, CanonicalValue]>): string {
  const h = createHash('sha256');
  put(h, `countershield/v1/${tag}`);
  for (const [name, value] of fields) {
    put(h, name);
    if (value === undefined || value === null) {
      h.update(Buffer.of(0));
    } else if (Array.isArray(value)) {
      h.update(Buffer.of(2));
      put(h, String(value.length));
      for (const v of value as readonly string[]) put(h, v);
    } else {
      h.update(Buffer.of(1));
      put(h, `${typeof value}:${String(value)}`);
    }
  }
  return h.digest('hex');
}

function put(h: ReturnType<typeof createHash>, s: string): void {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  h.update(len).update(b);
}

/** Constant-time equality of two hex hashes; anything malformed is simply unequal. */
export function sameHash(a: string, b: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(a) || !/^[0-9a-f]{64}$/.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
