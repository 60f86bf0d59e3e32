/**
 * One-hop standard forms of register variant kanji (髙→高, 﨑→崎, 邊→辺/邉, 濵→浜), from the generated table.
 * Deliberately not closed transitively: see scripts/gen-variants.mjs and docs/matching.md.
 */
import { VARIANT_TABLE } from './variants.generated';

let table: Map<string, readonly string[]> | undefined;

function load(): Map<string, readonly string[]> {
  const m = new Map<string, readonly string[]>();
  for (const line of VARIANT_TABLE.split('\n')) {
    const [c, ...forms] = Array.from(line);
    if (c) m.set(c, forms);
  }
  return m;
}

/** Standard forms of `c` (not including `c` itself); empty when `c` is already standard or unknown. */
export function standardForms(c: string): readonly string[] {
  table ??= load();
  return table.get(c) ?? [];
}
