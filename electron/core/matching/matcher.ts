/**
 * The Matcher (SPEC F2, issue 20): finds every protected person — and, for an applicant, every person whose
 * 相手方 they are — however the name, reading and birth date were typed, including the mistakes hurried clerks
 * make. A possible match is treated as a match by the caller (masking first, questions after), so the rules
 * below lean towards `possible` whenever a miss could leak; docs/matching.md has the full decision table.
 *
 *   name (旧氏 name, 通称, ≥ 2 known characters around 〓) or reading agrees, birth date agrees → match
 *   reading + birth date agree, kanji typed differently     → possible (input-method mis-conversion, 浩/宏)
 *   reading one voiced mark away, or 1 known character + 〓, birth date agrees → possible
 *   exact name or reading, birth date one slip away (typo, day–month swap, era) → possible
 *   name or reading agrees, birth date missing on either side → possible
 *   name AND reading agree, birth date differs             → possible
 *   only the birth date, a surname, or a name with a date that is no slip → none
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { dateSlipNumbers, isoNumber, parseDateDetail } from '../../../shared/text/date';
import { nearKanaKey, normalizeKana } from '../../../shared/text/kana';
import { WILDCARD, alphabetNameKey, isAlphabetName, isReadingOnly, nameCandidates, nameSpellings, normalizeName } from '../../../shared/text/name';
import { KIND, type Kind, pairKey, singleKey, subjectsOf } from './keys';
import type { TokenKeyer } from './keyer';
import { DOB_NONE_STORED, DOB_SAME_PRINT, DOB_SLIP_PRINT, DateFilter, Hits } from './queryScratch';
import { type IndexArrays, KIND_BITS, allocateIndex, bucketStarts, decodeIndex, dobPrint, lowerBound } from './tokenIndex';

export type { TokenKeyer } from './keyer';
export { createHmacKeyer } from './keyer';

/** What the index reads of a person: never a sealed field (address, 方書, 本籍, 備考). */
export type IndexedPerson = Pick<ProtectedPerson, 'id' | 'name' | 'kana' | 'formerSurnames' | 'dob' | 'aitekata' | 'aliases' | 'aliasKana'>;

/** The index's share of a person, so a copy sent to the index worker carries nothing else. */
export function indexedPart(p: IndexedPerson): IndexedPerson {
  return {
    id: p.id, name: p.name, ...(p.kana !== undefined && { kana: p.kana }), formerSurnames: p.formerSurnames, dob: p.dob, aitekata: p.aitekata,
    ...(p.aliases?.length && { aliases: p.aliases }), ...(p.aliasKana?.length && { aliasKana: p.aliasKana }),
  };
}

export interface MatchQuery {
  name?: string;
  kana?: string;
  dob?: string;
  role?: 'applicant' | 'subject';
}

/**
 * Why a `possible` is only possible, for the case screen: `dobPartial` (生年月日の一部が異なります — never
 * which digit or which slip), `kanaPartial` (読みが一部異なります). Never a registered value.
 */
export type MatchReason = 'dobPartial' | 'kanaPartial';

export interface MatchOutcome {
  decision: 'match' | 'possible' | 'none';
  ids: string[];
  aitekataOf: string[];
  /** Which kinds of key agreed, per person id — never a value. */
  matchedKeys: Array<{ id: string; keys: string[] }>;
  /** Reasons behind the `possible` persons, for all of them together (not per person, not counted). */
  reasons: MatchReason[];
}

type Decision = MatchOutcome['decision'];
const RANK: Record<Decision, number> = { none: 0, possible: 1, match: 2 };
const INDEX = { name: 'name', namePair: 'namePair', nameOneDob: 'nameOneDob', kana: 'kana', kanaNear: 'kanaNear' } as const;
const KEY_LABEL: Record<Kind, string> = {
  [KIND.name]: 'name', [KIND.formerName]: 'formerName', [KIND.kana]: 'kana', [KIND.nameWild]: 'nameWildcard',
  [KIND.alias]: 'alias', [KIND.kanaNear]: 'kanaNear', [KIND.nameWildDob]: 'nameWildcard',
};
const LABELLED: readonly Kind[] = [KIND.name, KIND.formerName, KIND.alias, KIND.kana, KIND.kanaNear, KIND.nameWild, KIND.nameWildDob];
const bit = (k: Kind) => 1 << k;
const EXACT_NAME = bit(KIND.name) | bit(KIND.formerName) | bit(KIND.alias);
const KIND_MASK = (1 << KIND_BITS) - 1;

/** The first 8 bytes of a token as two u32; (0,0) means "no birth date" in the subject table, so it is moved. */
function words(t: Uint8Array, at = 0): [number, number] {
  if (t.length < at + 8) throw new RangeError('token keyer must return at least 8 bytes');
  const hi = ((t[at]! << 24) | (t[at + 1]! << 16) | (t[at + 2]! << 8) | t[at + 3]!) >>> 0;
  const lo = ((t[at + 4]! << 24) | (t[at + 5]! << 16) | (t[at + 6]! << 8) | t[at + 7]!) >>> 0;
  return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
}

function tokenOf(keyer: TokenKeyer, index: string, key: string): [number, number] {
  return words(keyer(index, key));
}

/** Date tokens (of yyyymmdd numbers) as a flat [hi, lo, hi, lo, …] column. */
function dateTokens(keyer: TokenKeyer, dates: ArrayLike<number>): Uint32Array {
  const t = keyer.dates(dates);
  if (t.length < dates.length * 16) throw new RangeError('token keyer must return 16 bytes per date');
  const out = new Uint32Array(dates.length * 2);
  for (let i = 0; i < dates.length; i++) {
    const at = i * 16;
    const h = ((t[at]! << 24) | (t[at + 1]! << 16) | (t[at + 2]! << 8) | t[at + 3]!) >>> 0;
    const l = ((t[at + 4]! << 24) | (t[at + 5]! << 16) | (t[at + 6]! << 8) | t[at + 7]!) >>> 0;
    // (0, 0) means "no birth date" in the subject table, so it is moved, as `words` does.
    out[2 * i] = h;
    out[2 * i + 1] = h === 0 && l === 0 ? 1 : l;
  }
  return out;
}

/**
 * The permutation that sorts the postings by (hi, lo, posting). A comparator sort over 1.5 M entries is slow
 * and allocates a boxed work array; instead `hi · 2^b + i` (exact in a double while 32 + b ≤ 53) is sorted
 * natively, and the rare runs of equal `hi` are then ordered by (lo, posting).
 */
export function tokenOrder(H: Uint32Array, L: Uint32Array, Q: Uint32Array): Uint32Array {
  const n = H.length;
  const cmp = (x: number, y: number) => H[x]! - H[y]! || L[x]! - L[y]! || Q[x]! - Q[y]!;
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (32 + bits > 53) return new Uint32Array(n).map((_, i) => i).sort(cmp);
  const scale = 2 ** bits;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = H[i]! * scale + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % scale;
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && H[order[b]!] === H[order[a]!]) b++;
    if (b - a > 1) order.subarray(a, b).sort(cmp);
    a = b;
  }
  return order;
}

/** An append-only Uint32 column that grows by half its size. */
class U32Column {
  private buf: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Uint32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(Math.ceil(this.buf.length * 1.5));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  /** The filled part (a view: no copy). */
  view(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Tokens already computed in one build, by index and key. A list repeats itself — surnames, given names and
 * the character pairs inside them (the namePair keys, half of all tokens) — so most keys recur; a hit costs a
 * map lookup instead of a MAC. Build time only (a query never consults it, so its timing tells nothing), and
 * bounded: a list of all-different names starts a fresh map each time it fills.
 */
export class TokenMemo {
  private readonly maps = new Map<string, Map<string, number>>();
  private hi = new Uint32Array(0);
  private lo = new Uint32Array(0);
  private used = 0;
  constructor(private readonly capacity: number) {}

  /** The token of `key` in `index`, from the memo or `make`. */
  token(index: string, key: string, make: () => [number, number]): [number, number] {
    let m = this.maps.get(index);
    if (!m) this.maps.set(index, (m = new Map()));
    const at = m.get(key);
    if (at !== undefined) return [this.hi[at]!, this.lo[at]!];
    const t = make();
    if (this.used === this.capacity) {
      for (const x of this.maps.values()) x.clear();
      this.used = 0;
    }
    if (this.hi.length === 0) [this.hi, this.lo] = [new Uint32Array(this.capacity), new Uint32Array(this.capacity)];
    this.hi[this.used] = t[0];
    this.lo[this.used] = t[1];
    m.set(key, this.used++);
    return t;
  }
}

/** ~6 MB at most in the index worker (keys ~40 bytes each plus the map's own entries). */
const MEMO_TOKENS = 1 << 16;

export class Matcher {
  private readonly ids: (string | undefined)[];
  private readonly wildShapes: Set<number>;
  private readonly decoder = new TextDecoder();
  /** Scratch of `query` (made on first use; queries run one at a time on this thread). */
  private scratch: Hits | undefined;
  private readonly filter = new DateFilter();
  /** The token columns' bucket starts, made on the first lookup (not at open: vault open ≤ 300 ms). */
  private starts: Uint32Array | undefined;

  private constructor(
    private readonly a: IndexArrays,
    private readonly keyer: TokenKeyer,
    /** The serialised form (the arrays are views of it, or of its aligned copy). */
    private readonly bytes: Uint8Array,
  ) {
    this.ids = new Array<string | undefined>(a.nPersons);
    this.wildShapes = new Set(a.wildShapes);
  }

  get size(): number {
    return this.a.nPersons;
  }

  static build(
    persons: readonly IndexedPerson[],
    keyer: TokenKeyer,
    onProgress?: (done: number, total: number) => void,
  ): Matcher {
    return Matcher.buildFrom(persons, persons.length, keyer, onProgress);
  }

  /**
   * Builds from persons read one at a time (the index worker parses them from one string as it goes, so it
   * never holds the whole list as objects). Token columns grow as typed arrays: 1.5 M tokens for 100,000
   * persons would otherwise be boxed numbers in plain arrays.
   */
  static buildFrom(
    persons: Iterable<IndexedPerson>,
    total: number,
    keyer: TokenKeyer,
    onProgress?: (done: number, total: number) => void,
  ): Matcher {
    const subjInfo = new U32Column(total * 2);
    const subjDob = new U32Column(total * 4);
    const hi = new U32Column(total * 32);
    const lo = new U32Column(total * 32);
    const post = new U32Column(total * 32);
    const wild = new Set<number>();
    const ids: string[] = [];
    const memo = new TokenMemo(MEMO_TOKENS);
    // The one-character keys carry the birth date, so they hardly ever recur: they would only churn the memo.
    const emit = (index: string, key: string, subject: number, kind: Kind, memoize = true) => {
      const [h, l] = memoize ? memo.token(index, key, () => tokenOf(keyer, index, key)) : tokenOf(keyer, index, key);
      hi.push(h);
      lo.push(l);
      post.push(((subject << KIND_BITS) | kind) >>> 0);
    };
    const MAX_SUBJECTS = 2 ** (32 - KIND_BITS);
    for (const p of persons) {
      const pi = ids.length;
      ids.push(p.id);
      const subjects = subjectsOf(p).filter((x) => x.slot < 16);
      const dobs = subjects.map((s) => s.dob).filter((d): d is string => d !== undefined);
      const dobTok = dobs.length ? dateTokens(keyer, dobs.map(isoNumber)) : new Uint32Array(0);
      let d = 0;
      for (const s of subjects) {
        const subject = subjInfo.length;
        if (subject >= MAX_SUBJECTS) throw new RangeError('too many subjects for the index layout');
        subjInfo.push(((pi << 4) | s.slot) >>> 0);
        if (s.dob) {
          subjDob.push(dobTok[2 * d]!);
          subjDob.push(dobTok[2 * d + 1]!);
          d++;
        } else {
          subjDob.push(0);
          subjDob.push(0);
        }
        for (const n of s.names) {
          for (const sp of n.spellings) {
            emit(INDEX.name, sp, subject, n.kind);
            const chars = Array.from(sp);
            chars.forEach((c, i) => c === WILDCARD && wild.add((chars.length << 8) | i));
          }
        }
        for (const k of s.pairs) emit(INDEX.namePair, k, subject, KIND.nameWild);
        for (const k of s.singles) emit(INDEX.nameOneDob, k, subject, KIND.nameWildDob, false);
        for (const k of s.kana) emit(INDEX.kana, k, subject, KIND.kana);
        for (const k of s.near) emit(INDEX.kanaNear, k, subject, KIND.kanaNear);
      }
      if (onProgress && (pi % 1000 === 999 || pi === total - 1)) onProgress(pi + 1, total);
    }
    const [H, L, Q] = [hi.view(), lo.view(), post.view()];
    const P = ids.length;
    const S = subjInfo.length;
    const info = subjInfo.view();
    // Subjects renumbered so that the protected persons come first, in list order (subject i < P is person i,
    // slot 0) and their 相手方 after them: a query that is not an applicant's then stops at a key's first
    // 相手方 posting and never reads the subject table — those random reads were most of a common name's time.
    const final = new Uint32Array(S);
    for (let s = 0, next = P; s < S; s++) final[s] = (info[s]! & 15) === 0 ? info[s]! >>> 4 : next++;
    for (let i = 0; i < Q.length; i++) Q[i] = ((final[Q[i]! >>> KIND_BITS]! << KIND_BITS) | (Q[i]! & KIND_MASK)) >>> 0;
    const order = tokenOrder(H, L, Q);
    const enc = new TextEncoder();
    const idChunks = ids.map((id) => enc.encode(id));
    const idLength = idChunks.reduce((n, c) => n + c.length, 0);
    const wildShapes = [...wild];
    const { bytes, arrays } = allocateIndex(
      { nPersons: P, subjects: S, tokens: H.length, wildShapes: wildShapes.length, idBytes: idLength },
      (a) => {
        const dob = subjDob.view();
        for (let s = 0; s < S; s++) {
          const f = final[s]!;
          a.subjInfo[f] = info[s]!;
          a.subjDob[2 * f] = dob[2 * s]!;
          a.subjDob[2 * f + 1] = dob[2 * s + 1]!;
        }
        for (let k = 0; k < order.length; k++) {
          const i = order[k]!;
          a.tokHi[k] = H[i]!;
          a.tokLo[k] = L[i]!;
          a.post[k] = Q[i]!;
          const subject = Q[i]! >>> KIND_BITS;
          a.postDob[k] = dobPrint(a.subjDob[2 * subject]!, a.subjDob[2 * subject + 1]!);
        }
        a.wildShapes.set(wildShapes);
        idChunks.forEach((c, i) => {
          a.idOffsets[i + 1] = a.idOffsets[i]! + c.length;
          a.idBytes.set(c, a.idOffsets[i]!);
        });
      },
    );
    return new Matcher(arrays, keyer, bytes);
  }

  /** The serialised index: the very bytes it was built in or read from (do not modify them). */
  serialize(): Uint8Array {
    return this.bytes;
  }

  /** Throws only on a corrupt or foreign blob — a vault failure the caller must fail closed on. */
  static deserialize(bytes: Uint8Array, keyer: TokenKeyer): Matcher {
    const r = decodeIndex(bytes);
    if (!r.ok && r.olderVersion) throw new Error('E_MATCH_INDEX_VERSION: matcher index was built by an older version and must be rebuilt');
    if (!r.ok) throw new Error('E_MATCH_INDEX_CORRUPT: matcher index is corrupt or from another version');
    return new Matcher(r.arrays, keyer, bytes);
  }

  private idOf(person: number): string {
    let id = this.ids[person];
    if (id === undefined) {
      const { idOffsets, idBytes } = this.a;
      id = this.decoder.decode(idBytes.subarray(idOffsets[person]!, idOffsets[person + 1]!));
      this.ids[person] = id;
    }
    return id;
  }

  /** The postings of one key: [from, to) in the token columns. */
  private range(index: string, key: string): [number, number] {
    const [h, l] = tokenOf(this.keyer, index, key);
    const a = this.a;
    const from = lowerBound(a, (this.starts ??= bucketStarts(a.tokHi)), h, l);
    let to = from;
    while (to < a.tokHi.length && a.tokHi[to] === h && a.tokLo[to] === l) to++;
    return [from, to];
  }

  /**
   * Adds one key's postings to `hits` (subject → kinds that agreed, and how its date relates), as far as the
   * query's `filter` keeps them. A key's postings are sorted, persons before 相手方, so the filter's `limit`
   * (`postingLimit`) cuts the 相手方 off at once.
   */
  private lookup(index: string, key: string, hits: Hits): void {
    const [from, to] = this.range(index, key);
    const { post, postDob } = this.a;
    const f = this.filter;
    for (let i = from; i < to; i++) {
      const p = post[i]!;
      if (p >= f.limit) break;
      const rel = f.relation(postDob[i]!);
      if (rel >= 0) hits.add(p >>> KIND_BITS, (1 << (p & KIND_MASK)) | rel);
    }
  }

  /** The first posting that is a 相手方's, for a query that is not an applicant's; past every posting otherwise. */
  private postingLimit(applicant: boolean): number {
    return applicant ? 2 ** 32 : this.a.nPersons * 2 ** KIND_BITS;
  }

  /**
   * A name holding unknown characters (〓, ?, 外字): each stands for one character, any number of them. With two
   * or more known characters every neighbouring pair of them must agree at its position (the subjects found
   * for all pairs); with one, it is looked up together with the typed birth date; with none, nothing is.
   */
  private lookupWildcards(norm: string, dob: string | undefined, hits: Hits): void {
    const cands = nameCandidates(norm);
    const n = cands.length;
    const known = cands.flatMap((c, i) => (c[0] === WILDCARD ? [] : [i]));
    if (known.length === 1 && dob) {
      const i = known[0]!;
      for (const a of cands[i]!) this.lookup(INDEX.nameOneDob, singleKey(n, i, a, dob), hits);
      return;
    }
    if (known.length < 2) return;
    const { post, subjDob } = this.a;
    const limit = this.filter.limit;
    let found: Set<number> | undefined;
    // Every pair is looked up even once none is left, so the time taken does not tell how far a name got.
    for (let k = 0; k + 1 < known.length; k++) {
      const [i, j] = [known[k]!, known[k + 1]!];
      const pairHits = new Set<number>();
      for (const a of cands[i]!) {
        for (const b of cands[j]!) {
          const [from, to] = this.range(INDEX.namePair, pairKey(n, i, a, j, b));
          for (let x = from; x < to && post[x]! < limit; x++) pairHits.add(post[x]! >>> KIND_BITS);
        }
      }
      found = found ? new Set([...found].filter((x) => pairHits.has(x))) : pairHits;
    }
    for (const subject of found ?? []) {
      const rel = this.filter.relation(dobPrint(subjDob[2 * subject]!, subjDob[2 * subject + 1]!));
      if (rel >= 0) hits.add(subject, bit(KIND.nameWild) | rel);
    }
  }

  private lookupName(norm: string, dob: string | undefined, hits: Hits): void {
    const spellings = nameSpellings(norm);
    for (const s of spellings) this.lookup(INDEX.name, s, hits);
    const chars = Array.from(norm);
    if (chars.includes(WILDCARD)) {
      this.lookupWildcards(norm, dob, hits);
      return;
    }
    // Registered names holding 外字 the export could not encode: only their shapes (length, position) are known.
    for (let i = 0; i < chars.length; i++) {
      if (!this.wildShapes.has((chars.length << 8) | i)) continue;
      for (const s of spellings) {
        const c = Array.from(s);
        c[i] = WILDCARD;
        this.lookup(INDEX.name, c.join(''), hits);
      }
    }
  }

  query(q: MatchQuery): MatchOutcome {
    const hits = (this.scratch ??= new Hits(this.a.subjInfo.length));
    try {
      return this.evaluate(q, hits);
    } finally {
      hits.clear();
      this.filter.end();
    }
  }

  private evaluate(q: MatchQuery, hits: Hits): MatchOutcome {
    const parsed = typeof q.dob === 'string' && q.dob.trim() ? parseDateDetail(q.dob) : undefined;
    const dobIso = parsed?.ok ? parsed.iso : undefined;
    // The whole slip set is keyed for every dated query, hit or not, so the time taken depends on the typed
    // date alone and never tells whether the name is on the list (invariant 6).
    let dobTokens: Uint32Array | undefined;
    if (parsed?.ok) {
      const slips = dateSlipNumbers(parsed);
      const dates = new Int32Array(slips.length + 1);
      dates[0] = isoNumber(parsed.iso);
      dates.set(slips, 1);
      dobTokens = dateTokens(this.keyer, dates);
    }

    // A name typed in kana is the reading typed where the kanji would not come up: it counts as a reading,
    // not as a written name (kanji or alphabet) that could disagree with the reading.
    const applicant = q.role === 'applicant';
    let writtenNameTyped = false;
    let alphabetKey = '';
    let norm = '';
    const readings: string[] = [];
    if (typeof q.name === 'string') {
      if (isAlphabetName(q.name)) alphabetKey = alphabetNameKey(q.name);
      else {
        norm = normalizeName(q.name);
        if (norm && isReadingOnly(norm)) readings.push(q.name);
      }
      writtenNameTyped = alphabetKey !== '' || (norm !== '' && readings.length === 0);
    }
    if (typeof q.kana === 'string') readings.push(q.kana);
    const kanaKeys = new Set(readings.map(normalizeKana).filter(Boolean));
    const nameLooked = alphabetKey !== '' || norm !== '';
    this.filter.start(dobTokens, nameLooked && kanaKeys.size > 0, this.postingLimit(applicant));
    if (alphabetKey) this.lookup(INDEX.name, alphabetKey, hits);
    else if (norm) this.lookupName(norm, dobIso, hits);
    for (const k of kanaKeys) this.lookup(INDEX.kana, k, hits);
    if (kanaKeys.size > 0) for (const k of new Set(readings.map(nearKanaKey).filter(Boolean))) this.lookup(INDEX.kanaNear, k, hits);

    let best: Decision = 'none';
    const ids = new Set<number>();
    const aitekataOf = new Set<number>();
    const keysOf = new Map<number, Set<string>>();
    const reasons = new Set<MatchReason>();
    for (let h = 0; h < hits.size; h++) {
      const subject = hits.subject(h);
      const bits = hits.bitsOf(subject);
      const kinds = bits & 0xff;
      // A person is their own subject (see buildFrom); only a 相手方's needs the subject table.
      const info = subject < this.a.nPersons ? subject << 4 : this.a.subjInfo[subject]!;
      const person = info >>> 4;
      const slot = info & 15;
      if (slot > 0 && !applicant) continue;
      let dobAgrees = false;
      let dobSlip = false;
      // Only a subject whose date print is the typed date's or a slip's has its whole token read.
      if (dobTokens && bits & (DOB_SAME_PRINT | DOB_SLIP_PRINT)) {
        const dh = this.a.subjDob[subject * 2]!;
        const dl = this.a.subjDob[subject * 2 + 1]!;
        dobAgrees = dobTokens[0] === dh && dobTokens[1] === dl;
        dobSlip = !dobAgrees && (bits & DOB_SLIP_PRINT) !== 0 && this.filter.isSlip(dh, dl);
      }
      const dobUnknown = !dobTokens || (bits & DOB_NONE_STORED) !== 0;
      const nameExact = (kinds & EXACT_NAME) !== 0;
      const nameWild = (kinds & bit(KIND.nameWild)) !== 0;
      const kanaExact = (kinds & bit(KIND.kana)) !== 0;
      const kanaNear = !kanaExact && (kinds & bit(KIND.kanaNear)) !== 0;
      const oneKnown = (kinds & bit(KIND.nameWildDob)) !== 0;
      let d: Decision = 'none';
      let reason: MatchReason | undefined;
      if (dobAgrees) {
        if (nameExact || nameWild || (kanaExact && !writtenNameTyped)) d = 'match';
        else if (kanaExact || oneKnown) d = 'possible';
        else if (kanaNear) [d, reason] = ['possible', 'kanaPartial'];
      } else if (dobUnknown) {
        if (nameExact || nameWild || kanaExact) d = 'possible';
      } else if (dobSlip && (nameExact || kanaExact)) [d, reason] = ['possible', 'dobPartial'];
      else if (nameExact && kanaExact) d = 'possible';
      if (d === 'none') continue;
      if (RANK[d] > RANK[best]) best = d;
      if (d === 'possible' && reason) reasons.add(reason);
      (slot === 0 ? ids : aitekataOf).add(person);
      const labels = keysOf.get(person) ?? new Set<string>();
      const label = (k: string) => labels.add(slot === 0 ? k : `aitekata${k[0]!.toUpperCase()}${k.slice(1)}`);
      for (const k of LABELLED) if (kinds & bit(k) && !(k === KIND.kanaNear && kanaExact)) label(KEY_LABEL[k]);
      if (dobAgrees) label('dob');
      else if (dobSlip) label('dobNear');
      keysOf.set(person, labels);
    }
    const sortIds = (s: Set<number>) => [...s].map((p) => this.idOf(p)).sort();
    return {
      decision: best,
      ids: sortIds(ids),
      aitekataOf: sortIds(aitekataOf),
      matchedKeys: [...keysOf].map(([p, k]) => ({ id: this.idOf(p), keys: [...k].sort() })).sort((x, y) => (x.id < y.id ? -1 : 1)),
      reasons: best === 'possible' ? [...reasons].sort() : [],
    };
  }
}
