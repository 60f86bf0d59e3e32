/**
 * The Matcher (SPEC F2): finds every protected person — and, for an applicant, every person whose 相手方 they
 * are — however the name, reading and birth date were typed. A possible match is treated as a match by the
 * caller (masking first, questions after), so the rules below lean towards `possible` whenever a miss could leak.
 *
 *   name or reading agrees, birth date agrees            → match
 *   reading + birth date agree, kanji typed differently  → possible (input-method mis-conversion, 浩/宏)
 *   name or reading agrees, birth date missing on either side → possible
 *   name AND reading agree, birth date differs           → possible (a mistyped date must not hide a person)
 *   only the birth date, or a surname, agrees            → none
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { parseDate } from '../../../shared/text/date';
import { normalizeKana } from '../../../shared/text/kana';
import { WILDCARD, nameSpellings, normalizeName } from '../../../shared/text/name';
import { KIND, type Kind, subjectsOf } from './keys';
import type { TokenKeyer } from './keyer';
import { type IndexArrays, allocateIndex, decodeIndex, lowerBound } from './tokenIndex';

export type { TokenKeyer } from './keyer';
export { createHmacKeyer } from './keyer';

/** What the index reads of a person: never a sealed field (address, 方書, 本籍, 備考). */
export type IndexedPerson = Pick<ProtectedPerson, 'id' | 'name' | 'kana' | 'formerSurnames' | 'dob' | 'aitekata'>;

/** The index's share of a person, so a copy sent to the index worker carries nothing else. */
export function indexedPart(p: IndexedPerson): IndexedPerson {
  return { id: p.id, name: p.name, ...(p.kana !== undefined && { kana: p.kana }), formerSurnames: p.formerSurnames, dob: p.dob, aitekata: p.aitekata };
}

export interface MatchQuery {
  name?: string;
  kana?: string;
  dob?: string;
  role?: 'applicant' | 'subject';
}

export interface MatchOutcome {
  decision: 'match' | 'possible' | 'none';
  ids: string[];
  aitekataOf: string[];
  /** Which kinds of key agreed, per person id — never a value. */
  matchedKeys: Array<{ id: string; keys: string[] }>;
}

type Decision = MatchOutcome['decision'];
const RANK: Record<Decision, number> = { none: 0, possible: 1, match: 2 };
const INDEX = { name: 'name', nameWild: 'nameWild', kana: 'kana', dob: 'dob' } as const;
const POSTING_KIND_INDEX: Record<Kind, string> = {
  [KIND.name]: INDEX.name,
  [KIND.formerName]: INDEX.name,
  [KIND.kana]: INDEX.kana,
  [KIND.nameWild]: INDEX.nameWild,
};
const KEY_LABEL: Record<Kind, string> = { 0: 'name', 1: 'formerName', 2: 'kana', 3: 'nameWildcard' };

function tokenOf(keyer: TokenKeyer, index: string, key: string): [number, number] {
  const t = keyer(index, key);
  if (t.length < 8) throw new RangeError('token keyer must return at least 8 bytes');
  const hi = ((t[0]! << 24) | (t[1]! << 16) | (t[2]! << 8) | t[3]!) >>> 0;
  const lo = ((t[4]! << 24) | (t[5]! << 16) | (t[6]! << 8) | t[7]!) >>> 0;
  // (0,0) means "no birth date" in the subject table; a real token never takes that value.
  return hi === 0 && lo === 0 ? [0, 1] : [hi, lo];
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

export class Matcher {
  private readonly ids: (string | undefined)[];
  private readonly wildShapes: Set<number>;
  private readonly decoder = new TextDecoder();

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
    const hi = new U32Column(total * 16);
    const lo = new U32Column(total * 16);
    const post = new U32Column(total * 16);
    const wild = new Set<number>();
    const ids: string[] = [];
    const emit = (index: string, key: string, subject: number, kind: Kind) => {
      const [h, l] = tokenOf(keyer, index, key);
      hi.push(h);
      lo.push(l);
      post.push(((subject << 2) | kind) >>> 0);
    };
    for (const p of persons) {
      const pi = ids.length;
      ids.push(p.id);
      for (const s of subjectsOf(p).filter((x) => x.slot < 16)) {
        const subject = subjInfo.length;
        subjInfo.push(((pi << 4) | s.slot) >>> 0);
        const [dh, dl] = s.dob ? tokenOf(keyer, INDEX.dob, s.dob) : [0, 0];
        subjDob.push(dh);
        subjDob.push(dl);
        for (const n of s.names) {
          for (const sp of n.spellings) {
            emit(POSTING_KIND_INDEX[n.kind], sp, subject, n.kind);
            if (n.kind !== KIND.nameWild) {
              const chars = Array.from(sp);
              chars.forEach((c, i) => c === WILDCARD && wild.add((chars.length << 8) | i));
            }
          }
        }
        if (s.kana) emit(INDEX.kana, s.kana, subject, KIND.kana);
      }
      if (onProgress && (pi % 1000 === 999 || pi === total - 1)) onProgress(pi + 1, total);
    }
    const [H, L, Q] = [hi.view(), lo.view(), post.view()];
    const order = tokenOrder(H, L, Q);
    const enc = new TextEncoder();
    const idChunks = ids.map((id) => enc.encode(id));
    const idLength = idChunks.reduce((n, c) => n + c.length, 0);
    const wildShapes = [...wild];
    const { bytes, arrays } = allocateIndex(
      { nPersons: ids.length, subjects: subjInfo.length, tokens: H.length, wildShapes: wildShapes.length, idBytes: idLength },
      (a) => {
        a.subjInfo.set(subjInfo.view());
        a.subjDob.set(subjDob.view());
        for (let k = 0; k < order.length; k++) {
          const i = order[k]!;
          a.tokHi[k] = H[i]!;
          a.tokLo[k] = L[i]!;
          a.post[k] = Q[i]!;
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

  /** subject → bit set of kinds that agreed. */
  private lookup(index: string, key: string, hits: Map<number, number>): void {
    const [h, l] = tokenOf(this.keyer, index, key);
    const a = this.a;
    for (let i = lowerBound(a, h, l); i < a.tokHi.length && a.tokHi[i] === h && a.tokLo[i] === l; i++) {
      const p = a.post[i]!;
      const subject = p >>> 2;
      hits.set(subject, (hits.get(subject) ?? 0) | (1 << (p & 3)));
    }
  }

  private lookupName(input: string, hits: Map<number, number>): boolean {
    const norm = normalizeName(input);
    if (!norm) return false;
    const spellings = nameSpellings(norm);
    const chars = Array.from(norm);
    if (chars.includes(WILDCARD)) {
      // The clerk could not type one character: compare everything else.
      for (const s of spellings) {
        this.lookup(INDEX.nameWild, s, hits);
        this.lookup(INDEX.name, s, hits);
      }
      return true;
    }
    for (const s of spellings) this.lookup(INDEX.name, s, hits);
    // Registered names holding 外字 the export could not encode: only their shapes (length, position) are known.
    for (let i = 0; i < chars.length; i++) {
      if (!this.wildShapes.has((chars.length << 8) | i)) continue;
      for (const s of spellings) {
        const c = Array.from(s);
        c[i] = WILDCARD;
        this.lookup(INDEX.name, c.join(''), hits);
      }
    }
    return true;
  }

  query(q: MatchQuery): MatchOutcome {
    const hits = new Map<number, number>();
    const nameGiven = typeof q.name === 'string' && this.lookupName(q.name, hits);
    const kana = typeof q.kana === 'string' ? normalizeKana(q.kana) : '';
    if (kana) this.lookup(INDEX.kana, kana, hits);
    const dobParsed = typeof q.dob === 'string' && q.dob.trim() ? parseDate(q.dob) : undefined;
    const dob = dobParsed?.ok ? tokenOf(this.keyer, INDEX.dob, dobParsed.iso) : undefined;
    const applicant = q.role === 'applicant';

    let best: Decision = 'none';
    const ids = new Set<number>();
    const aitekataOf = new Set<number>();
    const keysOf = new Map<number, Set<string>>();
    for (const [subject, kinds] of hits) {
      const info = this.a.subjInfo[subject]!;
      const person = info >>> 4;
      const slot = info & 15;
      if (slot > 0 && !applicant) continue;
      const nameHit = (kinds & ~(1 << KIND.kana)) !== 0;
      const kanaHit = (kinds & (1 << KIND.kana)) !== 0;
      const dh = this.a.subjDob[subject * 2]!;
      const dl = this.a.subjDob[subject * 2 + 1]!;
      const storedDob = dh !== 0 || dl !== 0;
      const dobAgrees = dob !== undefined && storedDob && dob[0] === dh && dob[1] === dl;
      const dobUnknown = dob === undefined || !storedDob;
      let d: Decision = 'none';
      if (dobAgrees) d = nameHit || !nameGiven ? 'match' : 'possible';
      else if (dobUnknown) d = 'possible';
      else if (nameHit && kanaHit) d = 'possible';
      if (d === 'none') continue;
      if (RANK[d] > RANK[best]) best = d;
      (slot === 0 ? ids : aitekataOf).add(person);
      const labels = keysOf.get(person) ?? new Set<string>();
      for (const k of [KIND.name, KIND.formerName, KIND.kana, KIND.nameWild] as const) {
        if (kinds & (1 << k)) labels.add(slot === 0 ? KEY_LABEL[k] : `aitekata${KEY_LABEL[k][0]!.toUpperCase()}${KEY_LABEL[k].slice(1)}`);
      }
      if (dobAgrees) labels.add(slot === 0 ? 'dob' : 'aitekataDob');
      keysOf.set(person, labels);
    }
    const sortIds = (s: Set<number>) => [...s].map((p) => this.idOf(p)).sort();
    return {
      decision: best,
      ids: sortIds(ids),
      aitekataOf: sortIds(aitekataOf),
      matchedKeys: [...keysOf].map(([p, k]) => ({ id: this.idOf(p), keys: [...k].sort() })).sort((x, y) => (x.id < y.id ? -1 : 1)),
    };
  }
}
