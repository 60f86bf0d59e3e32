/**
 * Our list against another system's suppression list (SPEC F18, issue 21), on the blind indexes and the
 * roster's body fields (宛名番号, periods) — no sealed field opened. A row is identified by 管理番号, then
 * 宛名番号, then name + birth date; every active person here that no row identifies is red.
 */
import { parseDate } from '../../../shared/text/date';
import type { MailingDirectory } from '../mailing/check';
import type { AddressProbeLedger } from '../mailing/probeLedger';
import type { TableRow } from '../mailing/table';
import type { ReconcileCode } from './codes';
import type { ReconcileField } from './mapping';

export interface RosterEntry {
  id: string;
  atenaNo?: string;
  startDate: string;
  endDate: string;
}

/**
 * One finding: a row of their file (row number), and the 管理番号 here when a row or a missing row is about a
 * person on the list (row 0: the person is missing from their file). The 管理番号 stays in main and is never
 * stored: the store keeps an opaque reference (vault/recordRef.ts) that only its two-PIN reveal resolves.
 */
export interface Finding {
  code: ReconcileCode;
  row: number;
  recordId?: string;
}

export interface Comparison {
  findings: Finding[];
  counts: { rows: number; matched: number; red: number; review: number };
}

const digits = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/** Rows compared between two progress reports; main yields there so the screen's progress call is answered. */
const PROGRESS_EVERY = 500;

export async function compareLists(
  rows: readonly TableRow<ReconcileField>[],
  roster: readonly RosterEntry[],
  dir: MailingDirectory,
  today: string,
  ledger: AddressProbeLedger,
  onProgress?: (done: number, total: number) => void,
): Promise<Comparison> {
  const byId = new Map(roster.map((r) => [r.id, r]));
  const byAtena = new Map(roster.filter((r) => r.atenaNo).map((r) => [digits(r.atenaNo!), r]));
  const covered = new Set<string>();
  const findings: Finding[] = [];
  let matched = 0;
  for (const [i, r] of rows.entries()) {
    if (i % PROGRESS_EVERY === 0) {
      onProgress?.(i, rows.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const c = r.cells;
    if (r.badText) {
      findings.push({ code: 'ROW_INCOMPLETE', row: r.line });
      continue;
    }
    let person = (c.recordId && byId.get(c.recordId.normalize('NFKC'))) || (c.atenaNo && byAtena.get(digits(c.atenaNo))) || undefined;
    if (!person && c.name && c.dob) {
      const o = dir.match({ name: c.name, ...(c.kana && { kana: c.kana }), dob: c.dob });
      const certain = o.decision === 'match' ? o.ids.filter((id) => o.matchedKeys.find((k) => k.id === id)?.keys.includes('dob')) : [];
      if (certain.length === 1) person = byId.get(certain[0]!);
      else if (o.ids.length > 0) {
        findings.push({ code: 'POSSIBLE_MATCH', row: r.line });
        continue;
      }
    }
    if (!person) {
      const identifiable = c.recordId || c.atenaNo || (c.name && c.dob);
      findings.push({ code: identifiable ? 'SUPPRESSED_NOT_PROTECTED' : 'ROW_INCOMPLETE', row: r.line });
      continue;
    }
    matched++;
    covered.add(person.id);
    const start = c.startDate ? parseDate(c.startDate) : undefined;
    const end = c.endDate ? parseDate(c.endDate) : undefined;
    if ((start && !start.ok) || (end && !end.ok)) findings.push({ code: 'ROW_INCOMPLETE', row: r.line, recordId: person.id });
    else if ((start?.ok && start.iso > person.startDate) || (end?.ok && end.iso < person.endDate)) findings.push({ code: 'PERIOD_MISMATCH', row: r.line, recordId: person.id });
    // The address is compared under the mailing check's ledger: a reconciliation file is no way around its limit.
    if (c.address && ledger.take(person.id, dir.addressToken(c.address))) {
      const a = dir.matchAddress(person.id, c.address);
      if (a === 'former') findings.push({ code: 'STALE_ADDRESS', row: r.line, recordId: person.id });
      else if (a === 'other') findings.push({ code: 'ADDRESS_DIFFERS', row: r.line, recordId: person.id });
    }
  }
  for (const p of roster) if (p.endDate >= today && !covered.has(p.id)) findings.push({ code: 'PROTECTED_NOT_SUPPRESSED', row: 0, recordId: p.id });
  onProgress?.(rows.length, rows.length);
  const red = findings.filter((f) => f.code === 'PROTECTED_NOT_SUPPRESSED' || f.code === 'PERIOD_MISMATCH').length;
  return { findings, counts: { rows: rows.length, matched, red, review: findings.length - red } };
}
