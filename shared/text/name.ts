/**
 * Names (氏名) folded for matching (SPEC F2). Two names match when, position by position, their candidate sets
 * overlap: each kanji stands for itself plus its one-hop standard forms (髙 → {髙, 高}), so 髙橋 meets 高橋 and
 * 濵田 meets 浜田, while two different standard characters never meet through a chain of variants.
 * A character the input could not carry — private use (vendor 外字), 〓, U+FFFD, `?` — becomes WILDCARD,
 * which the matcher treats as "any one character": an unencodable character must never cause a miss.
 */
import { composeSoundMarks, foldKana, isKana } from './kana';
import { simplifiedForms, standardForms } from './variants';

export const WILDCARD = '〓';

const VARIATION_SELECTORS = /[\u{E0100}-\u{E01EF}\uFE00-\uFE0F\u180B-\u180D]/gu;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\s\u3000・･]+/g;
const UNKNOWN = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}〓\uFFFD?]/gu;

/** Name key form: NFKC, no variation selectors or spaces, kana folded like readings, 々 spelled out. */
export function normalizeName(input: string): string {
  const s = composeSoundMarks(input.replace(VARIATION_SELECTORS, '').replace(INVISIBLE, ''))
    .replace(VARIATION_SELECTORS, '')
    .replace(SPACES, '')
    .replace(UNKNOWN, WILDCARD)
    .toUpperCase()
    .normalize('NFKC');
  let out = '';
  let prev = '';
  let kanaRun = '';
  const flush = () => {
    out += foldKana(kanaRun);
    kanaRun = '';
  };
  for (const c of s) {
    if (isKana(c) && c !== '々') {
      kanaRun += c;
      prev = c;
      continue;
    }
    flush();
    // 佐々木 and 佐佐木 are the same name; the iteration mark is a way of writing, not a character.
    const ch = (c === '々' || c === '〻') && prev && prev !== WILDCARD ? prev : c;
    out += ch;
    prev = ch;
  }
  flush();
  return out;
}

/** Surname and given name as the register separates them (a space), or undefined when it does not. */
export function splitName(input: string): { surname: string; given: string } | undefined {
  const parts = input.replace(VARIATION_SELECTORS, '').trim().split(/[\s\u3000]+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  return { surname: parts[0]!, given: parts.slice(1).join('') };
}

/**
 * For each position of a normalised name: the character itself, its standard forms, and — for a simplified
 * Chinese character typed from a passport — the 正字 the register holds (one hop each, never chained).
 */
export function nameCandidates(normalized: string): string[][] {
  return Array.from(normalized, (c) => {
    if (c === WILDCARD) return [c];
    const simp = simplifiedForms(c);
    return simp.length === 0 ? [c, ...standardForms(c)] : [...new Set([c, ...standardForms(c), ...simp])];
  });
}

/** A name written as its reading (what a clerk types when the kanji will not come up): katakana only. */
export function isReadingOnly(normalized: string): boolean {
  return /^[\u30A1-\u30FA]{2,}$/.test(normalized);
}

const LATIN = /\p{Script=Latin}/u;

/** 氏名 in the alphabet (foreign residents): any Latin letter makes the name an alphabet name. */
export function isAlphabetName(input: string): boolean {
  return LATIN.test(input.normalize('NFKC'));
}

/**
 * Key of an alphabet name: NFKC, case-folded, accents dropped, punctuation removed, and the words as a set in
 * any order — `REYES, JOY`, `joy reyes` and `ＲＥＹＥＳ　ＪＯＹ` are one key, while a name with a word more or
 * less (PEREIRA ANA / PEREIRA PAULA) is another. Apostrophes join (O'BRIEN = OBRIEN); other marks separate.
 */
export function alphabetNameKey(input: string): string {
  const s = input
    .replace(VARIATION_SELECTORS, '')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
  return s.split(' ').filter(Boolean).sort().join(' ');
}

/**
 * Every spelling in the cartesian product of candidate sets, capped. Names of four or five characters with
 * one or two variant kanji give 2–9 spellings; the cap only bites on pathological input, and then the
 * spellings kept are those built from the first (own, then most standard) candidates on both sides.
 */
export function expandCandidates(cands: readonly (readonly string[])[], cap = 128): string[] {
  let acc: string[] = [''];
  for (const set of cands) {
    const next: string[] = [];
    for (const prefix of acc) {
      for (const c of set) {
        next.push(prefix + c);
        if (next.length >= cap) break;
      }
      if (next.length >= cap) break;
    }
    acc = next;
  }
  return acc;
}

/** All spellings under which `normalized` is indexed or looked up. */
export function nameSpellings(normalized: string, cap = 128): string[] {
  return normalized ? expandCandidates(nameCandidates(normalized), cap) : [];
}
