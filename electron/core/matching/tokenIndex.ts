/**
 * The serialised blind index: fixed-width typed arrays over one buffer, so opening it at 100,000 persons is a
 * handful of views and no per-entry objects (vault open target ≤ 300 ms). Tokens are the first 8 bytes of the
 * keyer's output, stored as two sorted Uint32 columns and found by binary search.
 *
 * Layout (little-endian u32 unless noted): header[8] | subjInfo[S] (person<<4 | slot) | subjDob[2S] |
 * tokHi[T] | tokLo[T] | post[T] (subject<<3 | kind) | wildShapes[W] (len<<8 | pos) | idOffsets[P+1] |
 * postDob[T] (u16, padded to 4 bytes: `dobPrint` of the posting's subject) | idBytes (utf-8)
 * Version 2 (issue 20): three kind bits, date tokens from the keyer's block PRF, the pair / one-known-character
 * wildcard keys and the voiced-mark-free readings. Version 3 (issue 20's latency): subjects numbered persons
 * first — subject i < P is person i itself (slot 0), the 相手方 follow — so a key's postings list its persons
 * before its 相手方; and each posting carries 16 bits of its subject's date token, so a dated lookup passes over
 * the postings of other birth dates without reading the subject table. An older blob is refused
 * (E_MATCH_INDEX_VERSION) and the vault rebuilds it from its bodies.
 */
export const MAGIC = 0x314d5343; // 'CSM1'
export const VERSION = 3;
/** Bits of a posting that hold the kind of key (keys.ts KIND); the rest is the subject. */
export const KIND_BITS = 3;
const HEADER_WORDS = 8;

export interface IndexArrays {
  nPersons: number;
  subjInfo: Uint32Array;
  subjDob: Uint32Array;
  tokHi: Uint32Array;
  tokLo: Uint32Array;
  post: Uint32Array;
  wildShapes: Uint32Array;
  idOffsets: Uint32Array;
  /** Per posting, `dobPrint` of its subject's date token (0: the subject has no birth date). */
  postDob: Uint16Array;
  idBytes: Uint8Array;
}

/**
 * 16 bits of a date token (its low word) — 0 is kept for "no birth date". Equal tokens have equal prints; equal
 * prints are confirmed against the whole token, so the print only ever saves a read, never decides.
 */
export function dobPrint(hi: number, lo: number): number {
  if (hi === 0 && lo === 0) return 0;
  return lo & 0xffff || 1;
}

/** u32 words of the layout before idBytes (postDob's u16s rounded up to whole words). */
function layoutWords(P: number, S: number, T: number, W: number): number {
  return HEADER_WORDS + S * 3 + T * 3 + W + P + 1 + Math.ceil(T / 2);
}

/**
 * Lays the index out directly in its serialised form: `fill` writes each column into its view of the one
 * buffer, so building at 100,000 persons does not hold a second copy of every column (import memory cap).
 */
export function allocateIndex(
  counts: { nPersons: number; subjects: number; tokens: number; wildShapes: number; idBytes: number },
  fill: (a: IndexArrays) => void,
): { bytes: Uint8Array; arrays: IndexArrays } {
  const { nPersons: P, subjects: S, tokens: T, wildShapes: W, idBytes } = counts;
  const words = layoutWords(P, S, T, W);
  const bytes = new Uint8Array(words * 4 + idBytes);
  new Uint32Array(bytes.buffer, 0, HEADER_WORDS).set([MAGIC, VERSION, P, S, T, W, idBytes, 0]);
  const r = decodeIndex(bytes);
  if (!r.ok) throw new Error('index layout mismatch');
  fill(r.arrays);
  return { bytes, arrays: r.arrays };
}

export type DecodeResult = { ok: true; arrays: IndexArrays } | { ok: false; olderVersion?: true };

export function decodeIndex(bytes: Uint8Array): DecodeResult {
  if (bytes.byteLength < HEADER_WORDS * 4) return { ok: false };
  // Typed views need 4-byte alignment; one copy of the whole blob is still far cheaper than parsing it.
  const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const head = new Uint32Array(buf.buffer, buf.byteOffset, HEADER_WORDS);
  const [magic, version, P, S, T, W, idLen] = head as unknown as number[];
  if (magic !== MAGIC) return { ok: false };
  if (version !== VERSION) return version! < VERSION ? { ok: false, olderVersion: true } : { ok: false };
  const words = layoutWords(P!, S!, T!, W!);
  if (buf.byteLength !== words * 4 + idLen!) return { ok: false };
  let o = buf.byteOffset + HEADER_WORDS * 4;
  const take = (n: number) => {
    const v = new Uint32Array(buf.buffer, o, n);
    o += n * 4;
    return v;
  };
  const arrays: IndexArrays = {
    nPersons: P!,
    subjInfo: take(S!),
    subjDob: take(2 * S!),
    tokHi: take(T!),
    tokLo: take(T!),
    post: take(T!),
    wildShapes: take(W!),
    idOffsets: take(P! + 1),
    postDob: new Uint16Array(buf.buffer, o, T!),
    idBytes: new Uint8Array(buf.buffer, o + Math.ceil(T! / 2) * 4, idLen!),
  };
  return { ok: true, arrays };
}

/**
 * Where each value of a token's top 16 bits starts in the sorted columns (65,537 entries, 256 KiB), so a
 * lookup's binary search runs over a few dozen tokens instead of all 1.5 M — a score of random reads into
 * 6 MB columns fewer per key. Made from the columns, not stored.
 */
export function bucketStarts(tokHi: Uint32Array): Uint32Array {
  const starts = new Uint32Array(65537);
  let b = 0;
  for (let i = 0; i < tokHi.length; i++) {
    const top = tokHi[i]! >>> 16;
    while (b <= top) starts[b++] = i;
  }
  while (b <= 65536) starts[b++] = tokHi.length;
  return starts;
}

/** First index whose token is ≥ (hi, lo), searched within hi's bucket. */
export function lowerBound(a: IndexArrays, starts: Uint32Array, hi: number, lo: number): number {
  const top = hi >>> 16;
  let l = starts[top]!;
  let r = starts[top + 1]!;
  while (l < r) {
    const m = (l + r) >>> 1;
    const h = a.tokHi[m]!;
    if (h < hi || (h === hi && a.tokLo[m]! < lo)) l = m + 1;
    else r = m;
  }
  return l;
}
