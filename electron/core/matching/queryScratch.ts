/**
 * The working memory of one query, kept by the matcher between queries so that a lookup allocates nothing
 * per posting (issue 20: p99 ≤ 200 µs at 100,000 persons). Queries run one at a time on this thread.
 *
 * Why it looks like this (measured with test/bench/queryProfile.mts): a common reading at 100,000 persons —
 * ワタナベ キョウコ, three surnames × two given names — has ~1,000 postings, and the query's time went into
 * reading the subject table at random for each one. Almost all of them have another birth date and so cannot
 * count. Each posting carries 16 bits of its subject's date token (tokenIndex.ts `postDob`), so those are
 * passed over while the postings are read in order; only a posting whose print is the typed date's or one of
 * its slips' has its whole token read and compared.
 */
import { dobPrint } from './tokenIndex';

/** Date relation bits kept beside a subject's kinds (kinds use bits 0–6). */
export const DOB_SAME_PRINT = 1 << 8;
export const DOB_SLIP_PRINT = 1 << 9;
export const DOB_NONE_STORED = 1 << 10;

/**
 * The subjects a query touched: per subject the kinds of key that agreed and how its stored date relates to
 * the typed one (the bits above), in one array cleared after each query.
 */
export class Hits {
  private readonly bits: Uint16Array;
  private touched = new Int32Array(256);
  size = 0;
  constructor(subjects: number) {
    this.bits = new Uint16Array(subjects);
  }
  add(subject: number, bits: number): void {
    const k = this.bits[subject]!;
    if (k === 0) {
      if (this.size === this.touched.length) {
        const next = new Int32Array(this.touched.length * 2);
        next.set(this.touched);
        this.touched = next;
      }
      this.touched[this.size++] = subject;
    }
    this.bits[subject] = k | bits;
  }
  subject(i: number): number {
    return this.touched[i]!;
  }
  bitsOf(subject: number): number {
    return this.bits[subject]!;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.bits[this.touched[i]!] = 0;
    this.size = 0;
  }
}

/**
 * Which postings a query keeps, by their date print. Without a typed date every posting is kept. With one, a
 * posting of another date is dropped unless the query looked up both a name and a reading — the only case in
 * which a subject whose date is no slip can still be `possible` (name AND reading agree) — so the outcome is
 * exactly what reading every posting would give.
 */
export class DateFilter {
  private readonly slipPrints = new Uint32Array(65536 / 32);
  private slips: Uint32Array | undefined;
  private dated = false;
  private same = 0;
  private keepOthers = true;
  /** Postings at or past this value are 相手方's (see Matcher.postingLimit). */
  limit = 0;

  /** `tokens`: the typed date's token and then its slips' as [hi, lo, …]; undefined when no date was typed. */
  start(tokens: Uint32Array | undefined, keepOthers: boolean, limit: number): void {
    this.limit = limit;
    this.keepOthers = keepOthers;
    this.slips = tokens;
    this.dated = tokens !== undefined;
    if (!tokens) return;
    this.same = dobPrint(tokens[0]!, tokens[1]!);
    for (let i = 2; i < tokens.length; i += 2) {
      const f = dobPrint(tokens[i]!, tokens[i + 1]!);
      this.slipPrints[f >>> 5] = this.slipPrints[f >>> 5]! | (1 << (f & 31));
    }
  }

  /** The relation bits of a posting with date print `f`, or -1 to drop it. */
  relation(f: number): number {
    if (!this.dated) return 0;
    if (f === 0) return DOB_NONE_STORED;
    let r = 0;
    if (f === this.same) r |= DOB_SAME_PRINT;
    if ((this.slipPrints[f >>> 5]! >>> (f & 31)) & 1) r |= DOB_SLIP_PRINT;
    return r === 0 && !this.keepOthers ? -1 : r;
  }

  /** Whether the stored token (hi, lo) is one of the typed date's slips (only asked when its print said so). */
  isSlip(hi: number, lo: number): boolean {
    const t = this.slips!;
    for (let i = 2; i < t.length; i += 2) if (t[i] === hi && t[i + 1] === lo) return true;
    return false;
  }

  end(): void {
    const t = this.slips;
    if (t) for (let i = 2; i < t.length; i += 2) this.slipPrints[dobPrint(t[i]!, t[i + 1]!) >>> 5] = 0;
    this.slips = undefined;
    this.dated = false;
  }
}
