/**
 * Node 24 re-imports a raw key on every createCipheriv / createHmac call (its key-type checks cost ~16 µs a
 * call, five times the AES-GCM of a record itself); Node 20 did not. An import seals five values per row and
 * MACs one, so 100,000 rows paid ~9 s for this alone. The keys used once per row — the record key, the
 * fingerprint key, the import's seal-epoch key — are turned into a KeyObject once and reused.
 *
 * Only callers that hold a key for the vault's lifetime (or one import) use this: a transient key that a
 * caller wipes after use (PIN-derived keys) keeps the raw path, so no copy of it outlives the wipe in a cache.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';

const cache = new WeakMap<Uint8Array, { key: KeyObject; bytes: Buffer }>();

/** The KeyObject of `raw`, made once per buffer; a buffer whose bytes changed since gets a new one. */
export function secretKeyOf(raw: Uint8Array): KeyObject {
  const hit = cache.get(raw);
  if (hit && hit.bytes.equals(raw)) return hit.key;
  const bytes = Buffer.from(raw);
  const key = createSecretKey(bytes);
  cache.set(raw, { key, bytes });
  return key;
}
