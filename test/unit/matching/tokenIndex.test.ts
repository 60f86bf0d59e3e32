/**
 * A lookup searches only its token's bucket (the top 16 bits, tokenIndex.ts `bucketStarts`): it must land
 * where a search of the whole sorted column would, for tokens present or absent, at either end of the range
 * and in empty buckets — a wrong start would silently miss a protected person.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IndexArrays, bucketStarts, lowerBound } from '../../../electron/core/matching/tokenIndex';

function columns(tokens: Array<[number, number]>): IndexArrays {
  const sorted = [...tokens].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const empty = new Uint32Array(0);
  return {
    nPersons: 0, subjInfo: empty, subjDob: empty, post: empty, wildShapes: empty, idOffsets: empty,
    postDob: new Uint16Array(0), idBytes: new Uint8Array(0),
    tokHi: Uint32Array.from(sorted, (t) => t[0]), tokLo: Uint32Array.from(sorted, (t) => t[1]),
  };
}

function wholeSearch(a: IndexArrays, hi: number, lo: number): number {
  let i = 0;
  while (i < a.tokHi.length && (a.tokHi[i]! < hi || (a.tokHi[i] === hi && a.tokLo[i]! < lo))) i++;
  return i;
}

describe('the bucketed token search', () => {
  it('finds the first token ≥ the key exactly where a search of the whole column does', () => {
    const u32 = fc.oneof(fc.constantFrom(0, 1, 0xffff, 0x10000, 0xffff0000, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(fc.tuple(u32, u32), { maxLength: 60 }), fc.array(fc.tuple(u32, u32), { minLength: 1, maxLength: 10 }), (tokens, probes) => {
        const a = columns(tokens);
        const starts = bucketStarts(a.tokHi);
        for (const [hi, lo] of [...tokens, ...probes]) expect(lowerBound(a, starts, hi, lo)).toBe(wholeSearch(a, hi, lo));
      }),
      { numRuns: 400 },
    );
  });
});
