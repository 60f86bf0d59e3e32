/**
 * One-hop standard forms of register variant kanji (髙→高, 﨑→崎, 邊→辺/邉, 濵→浜), from the generated table.
 * Deliberately not closed transitively: see scripts/gen-variants.mjs and docs/matching.md.
 */
import { SIMPLIFIED_TABLE } from './simplified.generated';
import { VARIANT_TABLE } from './variants.generated';

let table: Map<string, readonly string[]> | undefined;

/** Each line of a generated table: a character followed by the characters it may stand for. */
function parseTable(text: string): Map<string, readonly string[]> {
  const m = new Map<string, readonly string[]>();
  for (const line of text.split('\n')) {
    const [c, ...forms] = Array.from(line);
    if (c) m.set(c, forms);
  }
  return m;
}

/** Standard forms of `c` (not including `c` itself); empty when `c` is already standard or unknown. */
export function standardForms(c: string): readonly string[] {
  table ??= parseTable(VARIANT_TABLE);
  return table.get(c) ?? [];
}

let simplified: Map<string, readonly string[]> | undefined;

/**
 * The 正字 a Japanese register holds for a simplified Chinese character (冯 → 馮, 晓 → 曉/暁), from the
 * generated one-hop table; empty for every 常用 or 人名用 character (see scripts/gen-simplified.mjs).
 */
export function simplifiedForms(c: string): readonly string[] {
  simplified ??= parseTable(SIMPLIFIED_TABLE);
  return simplified.get(c) ?? [];
}
