/**
 * What is indexed for one person, as normalised strings (before keying). Kept apart from the index so the
 * rule "which spellings stand for this person" can be read and tested on its own.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { parseDate } from '../../../shared/text/date';
import { nearKanaKey, normalizeKana } from '../../../shared/text/kana';
import { WILDCARD, alphabetNameKey, isAlphabetName, nameCandidates, nameSpellings, normalizeName, splitName } from '../../../shared/text/name';

/**
 * Kinds of key a posting records (3 bits); the UI is told the kind, never the value. `nameWild` is a name with
 * unknown characters that kept at least two known ones, `nameWildDob` one that kept one known character and
 * was looked up together with the birth date; `kanaNear` is the reading with its voiced marks dropped.
 */
export const KIND = { name: 0, formerName: 1, kana: 2, nameWild: 3, alias: 4, kanaNear: 5, nameWildDob: 6 } as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

export interface SubjectKeys {
  /** 0 = the protected person, 1.. = their 相手方 in list order. */
  slot: number;
  /** Exact name keys: spellings of kanji names, or the word-set key of an alphabet name. */
  names: Array<{ kind: typeof KIND.name | typeof KIND.formerName | typeof KIND.alias; spellings: string[] }>;
  /** Two known characters of a name at their positions (namePair index): lets a query with 〓 find it. */
  pairs: string[];
  /** One known character at its position + the birth date (nameOneDob index). */
  singles: string[];
  /** Readings (氏名カナ, 通称カナ), folded. */
  kana: string[];
  /** The same readings without voiced marks (kanaNear index). */
  near: string[];
  dob?: string;
}

export function isoDob(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const r = parseDate(raw);
  return r.ok ? r.iso : undefined;
}

/** `len:i<c>:j<c>` — the key of two known characters of a name, both sides built the same way. */
export const pairKey = (len: number, i: number, a: string, j: number, b: string): string => `${len}:${i}${a}:${j}${b}`;
export const singleKey = (len: number, i: number, a: string, dob: string): string => `${len}:${i}${a}:${dob}`;

/** Pair and single keys of one normalised kanji name, over each position's candidate set (one hop). */
export function wildcardKeys(normalized: string, dob: string | undefined): { pairs: string[]; singles: string[] } {
  const cands = nameCandidates(normalized);
  const n = cands.length;
  const pairs: string[] = [];
  const singles: string[] = [];
  for (let i = 0; i < n; i++) {
    const ci = cands[i]!;
    if (ci[0] === WILDCARD) continue;
    if (dob) for (const a of ci) singles.push(singleKey(n, i, a, dob));
    for (let j = i + 1; j < n; j++) {
      const cj = cands[j]!;
      if (cj[0] === WILDCARD) continue;
      for (const a of ci) for (const b of cj) pairs.push(pairKey(n, i, a, j, b));
    }
  }
  return { pairs, singles };
}

/**
 * 旧氏 + given name. With no space in the registered name we cannot tell where the surname ends, so every
 * split that leaves a 1–3 character surname is tried: a wrong split yields a string nobody is called.
 */
function formerNames(p: Pick<ProtectedPerson, 'name' | 'formerSurnames'>): string[] {
  if (p.formerSurnames.length === 0 || isAlphabetName(p.name)) return [];
  const split = splitName(p.name);
  const givens = split
    ? [normalizeName(split.given)]
    : [1, 2, 3].map((k) => Array.from(normalizeName(p.name)).slice(k).join('')).filter(Boolean);
  return p.formerSurnames.flatMap((s) => givens.map((g) => normalizeName(s) + g));
}

/** Exact keys of names given as normalised kanji strings or raw alphabet names, with their wildcard keys. */
class NameCollector {
  readonly names: SubjectKeys['names'] = [];
  private readonly pairs = new Set<string>();
  private readonly singles = new Set<string>();
  constructor(private readonly dob: string | undefined) {}

  addRaw(kind: SubjectKeys['names'][number]['kind'], raws: readonly string[]): void {
    const kanji: string[] = [];
    const alphabet: string[] = [];
    for (const r of raws) {
      if (isAlphabetName(r)) {
        const k = alphabetNameKey(r);
        if (k) alphabet.push(k);
      } else kanji.push(normalizeName(r));
    }
    this.addNormalized(kind, kanji, alphabet);
  }

  addNormalized(kind: SubjectKeys['names'][number]['kind'], kanji: readonly string[], alphabet: readonly string[] = []): void {
    const spellings = new Set<string>(alphabet);
    for (const n of kanji.filter(Boolean)) {
      for (const s of nameSpellings(n)) spellings.add(s);
      const w = wildcardKeys(n, this.dob);
      for (const k of w.pairs) this.pairs.add(k);
      for (const k of w.singles) this.singles.add(k);
    }
    if (spellings.size > 0) this.names.push({ kind, spellings: [...spellings] });
  }

  get pairKeys(): string[] {
    return [...this.pairs];
  }
  get singleKeys(): string[] {
    return [...this.singles];
  }
}

function readings(raws: readonly (string | undefined)[]): { kana: string[]; near: string[] } {
  // Each reading is folded once (the fold is a fifth of the index build's time).
  const kana = new Set<string>();
  const near = new Set<string>();
  for (const k of raws) {
    const folded = k ? normalizeKana(k) : '';
    if (folded === '') continue;
    kana.add(folded);
    near.add(nearKanaKey(k!));
  }
  return { kana: [...kana], near: [...near] };
}

export function subjectsOf(
  p: Pick<ProtectedPerson, 'name' | 'kana' | 'formerSurnames' | 'dob' | 'aitekata'> & Partial<Pick<ProtectedPerson, 'aliases' | 'aliasKana'>>,
): SubjectKeys[] {
  const dob = isoDob(p.dob);
  const self = new NameCollector(dob);
  self.addRaw(KIND.name, [p.name]);
  self.addNormalized(KIND.formerName, formerNames(p));
  // 通称 (an alias a foreign resident lives under) is matched like a 旧氏 name: a full name of its own.
  self.addRaw(KIND.alias, p.aliases ?? []);
  const out: SubjectKeys[] = [
    { slot: 0, names: self.names, pairs: self.pairKeys, singles: self.singleKeys, ...readings([p.kana, ...(p.aliasKana ?? [])]), ...(dob && { dob }) },
  ];
  p.aitekata.forEach((a, i) => {
    const d = isoDob(a.dob);
    const c = new NameCollector(d);
    if (a.name) c.addRaw(KIND.name, [a.name]);
    const s: SubjectKeys = { slot: i + 1, names: c.names, pairs: c.pairKeys, singles: c.singleKeys, ...readings([a.kana]), ...(d && { dob: d }) };
    if (s.names.length > 0 || s.kana.length > 0) out.push(s);
  });
  return out;
}
