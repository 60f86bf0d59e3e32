/**
 * What the list bundle carries inside its encryption (issue 21): the list as a 住基-style CSV (listCsv.ts) and,
 * since the vault keeps 前住所 / 前本籍 as keyed tokens only, those tokens by 管理番号 — so a terminal that imports
 * the bundle checks mail, reconciliation addresses and new 本籍 against the old places too. The tokens are
 * keyed with the vault's own index key; only a terminal of the same vault (the only one that can open the
 * bundle) computes the same ones.
 *
 *   v1 (before issue 21): the CSV bytes alone — still imported, without former places.
 *   v2: one JSON line {"format":"countershield-bundle-payload/v2","former":[[管理番号,[住所 tokens],[lot tokens]],…]},
 *       a line feed, then the CSV bytes (kept as bytes so they can be wiped; JSON never holds a raw line feed).
 *       Since issue 22 the line may also hold "manual":[[管理番号,"active"|"ended"],…] — the hand-entry markers
 *       (vault/manualEntries.ts), so a person added by hand at one terminal is still a hand entry at the receiver
 *       and the receiver's next CSV import keeps it instead of silently ending it. A reader from before ignores
 *       the key (the person then arrives as an ordinary row, as before).
 *
 * A CSV never begins with "{" (its first line is the canonical header), so the first byte tells the two apart.
 */
import type { ProtectedPerson } from '../../../shared/domain/person';
import type { FormerPlaceTokens } from '../vault/blindIndex';
import type { ManualState } from '../vault/manualEntries';
import { bundleErrors } from './errors';
import { personsToCsv } from './listCsv';

const FORMAT = 'countershield-bundle-payload/v2';
const TOKEN = /^[0-9a-f]{24}$/;
const RID = /^[A-Za-z0-9_-]{1,64}$/;
const tokens = (x: unknown): x is string[] => Array.isArray(x) && x.every((t) => typeof t === 'string' && TOKEN.test(t));

/** The tokens as JSON entries [管理番号, [住所 tokens], [lot tokens]] — the bundle's and the fleet package's (fleet/package.ts) form. */
export type FormerEntries = [string, string[], string[]][];

export function formerToEntries(former: ReadonlyMap<string, FormerPlaceTokens>): FormerEntries {
  return [...former].map(([id, t]) => [id, t.address, t.lots]);
}

/** The tokens back from their entries, or undefined when anything is not what an exporting terminal writes. */
export function formerFromEntries(entries: unknown): Map<string, FormerPlaceTokens> | undefined {
  if (!Array.isArray(entries)) return undefined;
  const former = new Map<string, FormerPlaceTokens>();
  for (const e of entries as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'string' || !RID.test(e[0]) || !tokens(e[1]) || !tokens(e[2])) return undefined;
    former.set(e[0], { address: e[1], lots: e[2] });
  }
  return former;
}

export function encodePayload(persons: readonly ProtectedPerson[], former: ReadonlyMap<string, FormerPlaceTokens>, manual: ReadonlyMap<string, ManualState> = new Map()): Buffer {
  const csv = personsToCsv(persons);
  const head = Buffer.from(`${JSON.stringify({ format: FORMAT, former: formerToEntries(former), manual: [...manual].sort(([a], [b]) => (a < b ? -1 : 1)) })}\n`, 'utf8');
  const out = Buffer.concat([head, csv]);
  csv.fill(0);
  return out;
}

/** The CSV for the importer (a view into `payload`: wiping the payload wipes it) and the tokens (absent in v1). */
export function decodePayload(payload: Buffer): { csv: Buffer; former?: Map<string, FormerPlaceTokens>; manual?: Map<string, ManualState> } {
  if (payload[0] !== 0x7b) return { csv: payload };
  const nl = payload.indexOf(0x0a);
  let parsed: unknown;
  try {
    parsed = nl > 0 ? JSON.parse(payload.subarray(0, nl).toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  const p = (parsed ?? {}) as { format?: unknown; former?: unknown; manual?: unknown };
  const former = p.format === FORMAT ? formerFromEntries(p.former) : undefined;
  if (!former) throw bundleErrors.tampered('payload');
  if (p.manual === undefined) return { csv: payload.subarray(nl + 1), former };
  if (!Array.isArray(p.manual)) throw bundleErrors.tampered('payload');
  const manual = new Map<string, ManualState>();
  for (const e of p.manual as unknown[]) {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || !RID.test(e[0]) || (e[1] !== 'active' && e[1] !== 'ended')) throw bundleErrors.tampered('payload');
    manual.set(e[0], e[1]);
  }
  return { csv: payload.subarray(nl + 1), former, manual };
}
