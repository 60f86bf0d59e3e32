/**
 * HMAC-SHA256 (RFC 2104) of short strings under one fixed key, byte for byte what node's createHmac returns
 * (test/unit/matching/hmacSha256.test.ts checks it against node:crypto over many keys and message lengths).
 *
 * Why not createHmac: the index takes ~2.7 M MACs at 100,000 persons (names, spellings, pairs, readings), and
 * on Node 24 each createHmac call costs ~3 µs of setup around a MAC that is two SHA-256 blocks. Here the
 * key's inner and outer blocks are compressed once, when the keyer is made, so each token costs the message
 * block(s) plus one outer block and no native call: about a third of the time, with the same tokens, so an
 * index built before this change still opens and matches.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;

/** The SHA-256 compression function: folds the 64-byte block at `off` of `blk` into `st`. */
function compress(st: Int32Array, w: Int32Array, blk: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + i * 4;
    w[i] = (blk[o]! << 24) | (blk[o + 1]! << 16) | (blk[o + 2]! << 8) | blk[o + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = st[0]!, b = st[1]!, c = st[2]!, d = st[3]!, e = st[4]!, f = st[5]!, g = st[6]!, h = st[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  st[0] = (st[0]! + a) | 0;
  st[1] = (st[1]! + b) | 0;
  st[2] = (st[2]! + c) | 0;
  st[3] = (st[3]! + d) | 0;
  st[4] = (st[4]! + e) | 0;
  st[5] = (st[5]! + f) | 0;
  st[6] = (st[6]! + g) | 0;
  st[7] = (st[7]! + h) | 0;
}

/** Writes the SHA-256 padding for a message of `total` bytes ending at `n` in `buf`; returns the new end. */
function pad(buf: Uint8Array, n: number, total: number): number {
  buf[n++] = 0x80;
  while (n % BLOCK !== 56) buf[n++] = 0;
  const bits = total * 8; // < 2^53: the high word is bits / 2^32
  const high = Math.floor(bits / 2 ** 32);
  for (const v of [high, bits >>> 0]) {
    buf[n++] = v >>> 24;
    buf[n++] = (v >>> 16) & 255;
    buf[n++] = (v >>> 8) & 255;
    buf[n++] = v & 255;
  }
  return n;
}

/** The HMAC-SHA256 of a UTF-8 string under `key`, cut to its first `outBytes` bytes (≤ 32). */
export function hmacSha256(key: Uint8Array, outBytes = 32): (message: string) => Uint8Array {
  if (outBytes < 1 || outBytes > 32) throw new RangeError('HMAC-SHA256 output is 1–32 bytes');
  const w = new Int32Array(64);
  const block = new Uint8Array(BLOCK);
  // A key longer than a block is hashed first (RFC 2104); the keyer's keys are 32 bytes.
  const k = key.length > BLOCK ? sha256(key, w) : key;
  const keyed = (padByte: number) => {
    block.fill(padByte);
    for (let i = 0; i < k.length; i++) block[i] = padByte ^ k[i]!;
    const st = IV.slice();
    compress(st, w, block, 0);
    return st;
  };
  const inner = keyed(0x36);
  const outer = keyed(0x5c);
  block.fill(0);
  const enc = new TextEncoder();
  let buf = new Uint8Array(256);
  const st = new Int32Array(8);
  return (message: string): Uint8Array => {
    // Three bytes of UTF-8 per UTF-16 unit at most, plus room for the padding.
    if (message.length * 3 + 72 > buf.length) buf = new Uint8Array(message.length * 3 + 72);
    const len = enc.encodeInto(message, buf).written;
    const end = pad(buf, len, BLOCK + len);
    st.set(inner);
    for (let o = 0; o < end; o += BLOCK) compress(st, w, buf, o);
    // The outer hash: the inner digest (32 bytes) after the outer key block, padded to one block.
    for (let i = 0; i < 8; i++) {
      const v = st[i]!;
      block[i * 4] = v >>> 24;
      block[i * 4 + 1] = (v >>> 16) & 255;
      block[i * 4 + 2] = (v >>> 8) & 255;
      block[i * 4 + 3] = v & 255;
    }
    pad(block, 32, BLOCK + 32);
    st.set(outer);
    compress(st, w, block, 0);
    const out = new Uint8Array(outBytes);
    for (let i = 0; i < outBytes; i++) out[i] = (st[i >> 2]! >>> (24 - 8 * (i & 3))) & 255;
    return out;
  };
}

/** Plain SHA-256 of bytes (only for a key longer than one block). */
function sha256(data: Uint8Array, w: Int32Array): Uint8Array {
  const buf = new Uint8Array(Math.ceil((data.length + 9) / BLOCK) * BLOCK);
  buf.set(data);
  const end = pad(buf, data.length, data.length);
  const st = IV.slice();
  for (let o = 0; o < end; o += BLOCK) compress(st, w, buf, o);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (st[i >> 2]! >>> (24 - 8 * (i & 3))) & 255;
  return out;
}
