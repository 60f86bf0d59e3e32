/**
 * The mailing check proper (SPEC F17, issue 21): every row of a department's outgoing batch against the
 * protected list and the 相手方 list, on the blind indexes — no sealed field is opened and no registered value,
 * 管理番号 or name leaves this function: rows come back as row number, decision and code.
 *
 *   stop    the recipient is a registered 相手方 of a person the item concerns (RECIPIENT_AITEKATA); a protected
 *           person — recipient or concerned — and the item goes elsewhere than their protected address, old
 *           address included (ADDRESS_NOT_PROTECTED); one person at two addresses in the batch (ADDRESS_CONFLICT);
 *           the day's address checks for the person used up (CHECK_LIMIT); no address to compare (ADDRESS_UNVERIFIED)
 *   review  possible matches (POSSIBLE_AITEKATA, POSSIBLE_PROTECTED), rows that cannot be checked (ROW_INCOMPLETE)
 *   ok      everything else — a protected person at their protected address included, so `ok` never tells
 *           membership
 */
import type { MatchOutcome, MatchQuery } from '../matching';
import type { AddressAgreement } from './addressIndex';
import { CODE_ORDER, MAIL_CODES, type MailCode, type MailDecision } from './codes';
import { MAX_CONCERNED, type MailField } from './mapping';
import type { AddressProbeLedger } from './probeLedger';
import type { TableRow } from './table';

/** What the check needs of the vault: blind-index lookups only. */
export interface MailingDirectory {
  match(query: MatchQuery): MatchOutcome;
  /** Whether `address` is this (matched) person's protected address — never which address it is. */
  matchAddress(id: string, address: string): AddressAgreement;
  /** A keyed token of the address, for counting distinct addresses tried (never the address). */
  addressToken(address: string): string;
}

export interface RowResult {
  row: number;
  decision: MailDecision;
  code: MailCode;
}

export interface CheckSummary {
  rows: number;
  stop: number;
  review: number;
  ok: number;
  byCode: Partial<Record<MailCode, number>>;
  /** Protected persons whose address checks hit the day's limit in this batch (a count, for the lead's alert). */
  limitHits: number;
  /** Rows sent to a protected person's 前住所 — counted for the audit trail only, never shown per row. */
  oldAddress: number;
}

interface Hits {
  certain: Set<string>;
  possible: Set<string>;
}

const empty = (): Hits => ({ certain: new Set(), possible: new Set() });

/** Per person id: certain when the decision is `match` and the birth date agreed for that id. */
function split(o: MatchOutcome, which: 'ids' | 'aitekataOf'): Hits {
  const h = empty();
  const dobKey = which === 'ids' ? 'dob' : 'aitekataDob';
  for (const id of o[which]) {
    const keys = o.matchedKeys.find((k) => k.id === id)?.keys ?? [];
    (o.decision === 'match' && keys.includes(dobKey) ? h.certain : h.possible).add(id);
  }
  return h;
}

function query(name: string | undefined, kana: string | undefined, dob: string | undefined, role: MatchQuery['role']): MatchQuery | null {
  if (!name && !kana) return null;
  return { ...(name && { name }), ...(kana && { kana }), ...(dob && { dob }), role };
}

interface Pending {
  row: number;
  codes: Set<MailCode>;
  /** Certain protected persons on the row whose address must be compared. */
  persons: string[];
  address: string;
}

/** Rows matched between two progress reports; main yields there, so the screen's progress call is answered. */
export const PROGRESS_EVERY = 500;

export async function checkBatch(
  rows: readonly TableRow<MailField>[],
  dir: MailingDirectory,
  ledger: AddressProbeLedger,
  onProgress?: (done: number, total: number) => void,
): Promise<{ results: RowResult[]; summary: CheckSummary }> {
  const pending: Pending[] = [];
  // Distinct addresses per protected person across the batch: two or more and no comparison is made at all.
  const addressesOf = new Map<string, Set<string>>();
  const firstAddress = new Map<string, string>();
  for (const [i, r] of rows.entries()) {
    if (i % PROGRESS_EVERY === 0) {
      onProgress?.(i, rows.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const c = r.cells;
    const codes = new Set<MailCode>();
    const p: Pending = { row: r.line, codes, persons: [], address: c.address ?? '' };
    pending.push(p);
    const recipientQ = query(c.recipientName, c.recipientKana, c.recipientDob, 'applicant');
    if (r.badText || !recipientQ) {
      codes.add('ROW_INCOMPLETE');
      continue;
    }
    const recipient = dir.match(recipientQ);
    const protectedHits = split(recipient, 'ids');
    const aitekata = split(recipient, 'aitekataOf');
    const concerned = empty();
    for (let n = 1; n <= MAX_CONCERNED; n++) {
      const q = query(c[`concerned${n}Name` as MailField], c[`concerned${n}Kana` as MailField], c[`concerned${n}Dob` as MailField], 'subject');
      if (!q) continue;
      const h = split(dir.match(q), 'ids');
      h.certain.forEach((id) => concerned.certain.add(id));
      h.possible.forEach((id) => concerned.possible.add(id));
    }
    for (const id of aitekata.certain) if (concerned.certain.has(id) || concerned.possible.has(id)) codes.add('RECIPIENT_AITEKATA');
    for (const id of aitekata.possible) if (concerned.certain.has(id) || concerned.possible.has(id)) codes.add('POSSIBLE_AITEKATA');
    const certain = new Set([...protectedHits.certain, ...concerned.certain]);
    if (protectedHits.possible.size + concerned.possible.size > 0) codes.add('POSSIBLE_PROTECTED');
    p.persons = [...certain];
    const token = p.address ? dir.addressToken(p.address) : '';
    for (const id of certain) {
      const set = addressesOf.get(id) ?? new Set<string>();
      set.add(token);
      addressesOf.set(id, set);
      if (!firstAddress.has(id)) firstAddress.set(id, p.address);
    }
    if (!p.address && codes.size === 0 && certain.size === 0) codes.add('ROW_INCOMPLETE');
  }

  // One comparison per protected person per batch, at most, and only within the day's limit.
  const verdict = new Map<string, MailCode | 'current' | 'former'>();
  let limitHits = 0;
  for (const [id, tokens] of addressesOf) {
    if (tokens.size > 1) {
      verdict.set(id, 'ADDRESS_CONFLICT');
      continue;
    }
    const token = [...tokens][0]!;
    if (token === '') {
      verdict.set(id, 'ADDRESS_NOT_PROTECTED');
      continue;
    }
    if (!ledger.take(id, token)) {
      verdict.set(id, 'CHECK_LIMIT');
      limitHits++;
      continue;
    }
    const a = dir.matchAddress(id, firstAddress.get(id)!);
    verdict.set(id, a === 'current' ? 'current' : a === 'former' ? 'former' : a === 'unknown' ? 'ADDRESS_UNVERIFIED' : 'ADDRESS_NOT_PROTECTED');
  }

  const summary: CheckSummary = { rows: rows.length, stop: 0, review: 0, ok: 0, byCode: {}, limitHits, oldAddress: 0 };
  const results = pending.map((p) => {
    let old = false;
    for (const id of p.persons) {
      const v = verdict.get(id)!;
      if (v === 'former') {
        old = true;
        p.codes.add('ADDRESS_NOT_PROTECTED');
      } else if (v !== 'current') p.codes.add(v);
    }
    if (old) summary.oldAddress++;
    const code = CODE_ORDER.find((k) => p.codes.has(k)) ?? 'OK';
    const decision = MAIL_CODES[code].decision;
    summary[decision]++;
    summary.byCode[code] = (summary.byCode[code] ?? 0) + 1;
    return { row: p.row, decision, code };
  });
  onProgress?.(rows.length, rows.length);
  return { results, summary };
}
