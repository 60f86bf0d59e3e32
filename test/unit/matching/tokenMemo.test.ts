import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Matcher, TokenMemo, createHmacKeyer } from '../../../electron/core/matching/matcher';
import type { IndexedPerson } from '../../../electron/core/matching/matcher';

describe('the build-time token memo', () => {
  it('returns the token it was given, and after it fills up computes evicted keys again instead of guessing', () => {
    const memo = new TokenMemo(2);
    let calls = 0;
    const make = (v: number) => () => (calls++, [v, v + 1] as [number, number]);
    expect(memo.token('name', 'a', make(10))).toEqual([10, 11]);
    expect(memo.token('name', 'a', make(99))).toEqual([10, 11]);
    expect(memo.token('kana', 'a', make(20))).toEqual([20, 21]); // another index: its own key space
    expect(memo.token('name', 'b', make(30))).toEqual([30, 31]); // full: starts afresh
    expect(memo.token('name', 'a', make(40))).toEqual([40, 41]);
    expect(calls).toBe(4);
  });

  it('lets a list of shared surnames build with far fewer MACs than postings, finding every person as before', () => {
    const inner = createHmacKeyer(randomBytes(32));
    let macs = 0;
    const keyer = Object.assign((i: string, k: string) => (macs++, inner(i, k)), { dates: inner.dates });
    const given = ['花子', '一郎', '京子', '翔太', '美咲'];
    const persons: IndexedPerson[] = Array.from({ length: 200 }, (_, i) => ({
      id: `P${i}`, name: `山田　${given[i % 5]}`, kana: 'ヤマダ　ハナコ', dob: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, formerSurnames: [], aitekata: [],
    }));
    const m = Matcher.build(persons, keyer);
    const postings = new Uint32Array(m.serialize().slice(0, 32).buffer)[4]!; // header: token count
    // Only the one-character keys (they carry the birth date) and the first of each shared key are MACed.
    expect(macs).toBeLessThan(postings / 2);
    for (const p of persons.slice(0, 20)) expect(m.query({ name: p.name, dob: p.dob }).ids).toContain(p.id);
  });
});
