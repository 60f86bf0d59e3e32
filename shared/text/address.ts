/**
 * Place + lot keys of an address (SPEC F6): a new 本籍 set on the same 地番 — or the same 街区 of a
 * 住居表示 — as a protected person's hidden address reveals that address. Both sides (the protected
 * address at import, the 本籍 the clerk types) go through the same function, so the keys only need to
 * be equal for the same place, not readable.
 *
 *   神奈川県中郡二宮町富士見が丘5丁目5番2号   → 中郡二宮町富士見ケ丘5丁目#5
 *   神奈川県中郡二宮町富士見ヶ丘五丁目5番地   → 中郡二宮町富士見ケ丘5丁目#5
 *   中郡二宮町二宮248番地の3                → 中郡二宮町二宮#248
 *   二宮町富士見が丘5-5-2 (ambiguous)        → both …5丁目#5 and …#5
 *
 * The prefecture is dropped because clerks often omit it; everything else of the place is kept.
 */
import { KANJI_NUMERAL_RUN, kanjiNumber } from './numerals';

const NUMBERED = /[〇零一壱二弐三参四五六七八九十拾百千]+(?=丁目|番地|番(?![町丁])|号|の|[-ー−‐―–—－]|$)/g;
const PREFECTURE = /^(東京都|北海道|京都府|大阪府|[^\d]{2,3}県)/;

/** The one address normalisation the lot check and the mailing check share (addressKey.ts). */
export function normalizePlace(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    // Only numerals that count something (丁目, 番地, 番, 号, の-branch) — 二宮町 or 一番町 are names.
    .replace(NUMBERED, (run: string) => run.replace(KANJI_NUMERAL_RUN, kanjiNumber))
    .replace(/[ー−‐―–—－の之ノ](?=\d)/g, '-')
    .replace(/[ヶケがガ]/g, 'ケ')
    .replace(/大字/g, '')
    .replace(PREFECTURE, '');
}

/** Every place+lot key the address could stand for; empty when it names no lot at all. */
export function addressLotKeys(input: string): string[] {
  const s = normalizePlace(input);
  const first = s.search(/\d/);
  if (first <= 0) return [];
  const place = s.slice(0, first);
  const rest = s.slice(first);
  let m: RegExpMatchArray | null;
  if ((m = rest.match(/^(\d+)丁目-?(\d+)/))) return [`${place}${Number(m[1])}丁目#${Number(m[2])}`];
  if ((m = rest.match(/^(\d+)丁目/))) return [];
  if ((m = rest.match(/^(\d+)(番地|番)/))) return [`${place}#${Number(m[1])}`];
  if ((m = rest.match(/^(\d+)-(\d+)/))) return [`${place}${Number(m[1])}丁目#${Number(m[2])}`, `${place}#${Number(m[1])}`];
  if ((m = rest.match(/^(\d+)/))) return [`${place}#${Number(m[1])}`];
  return [];
}
