/**
 * What is indexed for one person, as normalised strings (before keying). Kept apart from the index so the
 * rule "which spellings stand for this person" can be read and tested on its own.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import { parseDate } from '../../../shared/text/date';
import { normalizeKana } from '../../../shared/text/kana';
import { WILDCARD, nameSpellings, normalizeName, splitName } from '../../../shared/text/name';

/** Kinds of key a posting records; the UI is told the kind, never the value. */
export const KIND = { name: 0, formerName: 1, kana: 2, nameWild: 3 } as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

export interface SubjectKeys {
  /** 0 = the protected person, 1.. = their 相手方 in list order. */
  slot: number;
  names: Array<{ kind: Kind; spellings: string[] }>;
  kana?: string;
  dob?: string;
}

export function isoDob(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const r = parseDate(raw);
  return r.ok ? r.iso : undefined;
}

/** The name with position i replaced by the wildcard, for every i: lets a query holding 〓 find it. */
export function oneWildSpellings(spellings: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of spellings) {
    const chars = Array.from(s);
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === WILDCARD) continue;
      out.add([...chars.slice(0, i), WILDCARD, ...chars.slice(i + 1)].join(''));
    }
  }
  return [...out];
}

/**
 * 旧氏 + given name. With no space in the registered name we cannot tell where the surname ends, so every
 * split that leaves a 1–3 character surname is tried: a wrong split yields a string nobody is called.
 */
function formerNames(p: Pick<ProtectedPerson, 'name' | 'formerSurnames'>): string[] {
  if (p.formerSurnames.length === 0) return [];
  const split = splitName(p.name);
  const givens = split
    ? [normalizeName(split.given)]
    : [1, 2, 3].map((k) => Array.from(normalizeName(p.name)).slice(k).join('')).filter(Boolean);
  return p.formerSurnames.flatMap((s) => givens.map((g) => normalizeName(s) + g));
}

function nameKeys(kind: Kind, normalized: string[]): SubjectKeys['names'] {
  const spellings = [...new Set(normalized.filter(Boolean).flatMap((n) => nameSpellings(n)))];
  if (spellings.length === 0) return [];
  return [
    { kind, spellings },
    { kind: KIND.nameWild, spellings: oneWildSpellings(spellings) },
  ];
}

export function subjectsOf(p: Pick<ProtectedPerson, 'name' | 'kana' | 'formerSurnames' | 'dob' | 'aitekata'>): SubjectKeys[] {
  const self: SubjectKeys = {
    slot: 0,
    names: [...nameKeys(KIND.name, [normalizeName(p.name)]), ...nameKeys(KIND.formerName, formerNames(p))],
  };
  const kana = p.kana ? normalizeKana(p.kana) : '';
  if (kana) self.kana = kana;
  const dob = isoDob(p.dob);
  if (dob) self.dob = dob;
  const out = [self];
  p.aitekata.forEach((a, i) => {
    const s: SubjectKeys = { slot: i + 1, names: a.name ? nameKeys(KIND.name, [normalizeName(a.name)]) : [] };
    const k = a.kana ? normalizeKana(a.kana) : '';
    if (k) s.kana = k;
    const d = isoDob(a.dob);
    if (d) s.dob = d;
    if (s.names.length > 0 || s.kana) out.push(s);
  });
  return out;
}
