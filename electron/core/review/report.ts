/**
 * The month's report (SPEC F11): what happened, in counts a lead can discuss at the first weekly meeting,
 * and the anomalies worth a question. Built from the audit log alone (ids, codes, counts), so the report
 * itself can be hashed, signed off and shown without any personal data.
 */
import { createHash } from 'node:crypto';
import { AUDIT_ACTIONS, isAuditAction } from '../../../shared/audit/actions';
import type { Db } from '../vault/db';
import { jstDay, jstMonthRange } from '../audit/time';
import { DEFAULT_OFFICE_HOURS, withinOfficeHours, type OfficeHours } from './officeHours';

export interface DayCounts { day: string; total: number; unmask: number; refusal: number; alarm: number; photo: number }

export type Anomaly =
  | { kind: 'unmask-outside-hours'; seq: number; at: string; actors: string[] }
  | { kind: 'lookup-outlier'; staffId: string; lookups: number; median: number }
  | { kind: 'repeated-refusals'; staffId: string; refusals: number };

export interface MonthlyReport {
  month: string;
  counts: {
    unmaskRequested: number; unmaskApproved: number; unmaskRefused: number; unmaskExpired: number;
    aitekataAlarms: number; otherAlarms: number; photoRequests: number;
    pinFailures: number; pinLocks: number; imports: number; removalsConfirmed: number; recordsEnded: number;
    lookups: number; lookupLimits: number; liveMatches: number; incidents: number; chainBreaks: number;
    /** 電話でのお断り (SPEC F19); present only when non-zero, so a month without one hashes as it did before. */
    phoneRefusals?: number;
    /** 一時解除 (SPEC F20, issue 22); present only when non-zero, like phoneRefusals. */
    releasesGranted?: number;
  };
  /** Every temporary release granted or ended this month and when it ended (null: not ended yet); present only when any. */
  releases?: ReleaseLine[];
  perDay: DayCounts[];
  anomalies: Anomaly[];
  /** SHA-256 of the canonical report (everything above): what the two sign-off PINs are bound to. */
  reportHash: string;
}

export interface ReleaseLine { release: string; recordId: string; grantedAt: string | null; endsAt: string | null; endedAt: string | null; cause: string | null }

/** One line per release from its release.granted / release.ended entries (ids, times and codes only). */
function releaseLines(rows: readonly ReportRow[]): ReleaseLine[] {
  const by = new Map<string, ReleaseLine>();
  for (const r of rows) {
    if (r.action !== 'release.granted' && r.action !== 'release.ended') continue;
    const d = JSON.parse(r.detail) as Record<string, unknown>;
    const id = String(d.release ?? '');
    const line = by.get(id) ?? { release: id, recordId: String(d.record ?? ''), grantedAt: null, endsAt: null, endedAt: null, cause: null };
    if (r.action === 'release.granted') Object.assign(line, { grantedAt: r.at, endsAt: typeof d.endsAt === 'string' ? d.endsAt : null });
    else Object.assign(line, { endedAt: typeof d.endedAt === 'string' ? d.endedAt : r.at, cause: typeof d.cause === 'string' ? d.cause : null });
    by.set(id, line);
  }
  return [...by.values()];
}

export interface ReportOptions { officeHours?: OfficeHours; outlierFactor?: number; outlierMinimum?: number; refusalRepeat?: number }

export interface ReportRow { seq: number; at: string; actors: string; action: string; detail: string }
type Row = ReportRow;

/** What counts as one clerk's lookups for the outlier check: hits and masked record views. */
const LOOKUPS = ['lookup.hit', 'lookup.possible', 'record.lookup', 'lookup.limit_reached'];

/**
 * A closed case carries its own counts (issue 14): birth dates tried on a name with candidates, lots checked
 * for a matched person. Those are the walks that read a birth date or an address, so they count as lookups.
 * Masked-record views are already rows of their own (record.lookup).
 */
function caseLookups(r: Row): number {
  if (r.action !== 'case.closed') return 0;
  const d = JSON.parse(r.detail) as Record<string, unknown>;
  return (Number(d.dobTries) || 0) + (Number(d.lotChecks) || 0);
}
const liveMatches = (r: Row): number => (r.action === 'case.closed' ? Number((JSON.parse(r.detail) as Record<string, unknown>).matches) || 0 : 0);
export const lookupWeight = (r: Row): number => (LOOKUPS.includes(r.action) ? 1 : 0) + caseLookups(r);

export async function buildMonthlyReport(db: Db, month: string, opts: ReportOptions = {}): Promise<MonthlyReport> {
  const { start, end } = jstMonthRange(month);
  const rows = await db.all<Row>('SELECT seq, at, actors, action, detail FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq', [start.toISOString(), end.toISOString()]);
  return reportFromRows(rows, month, opts);
}

/** The same report from rows already read (the station's merged fleet review builds one per terminal and one in total). */
export function reportFromRows(rows: readonly ReportRow[], month: string, opts: ReportOptions = {}): MonthlyReport {
  const { start, end } = jstMonthRange(month);
  const count = (...actions: string[]): number => rows.filter((r) => actions.includes(r.action)).length;
  const counts: MonthlyReport['counts'] = {
    unmaskRequested: count('unmask.requested'), unmaskApproved: count('unmask.approved'), unmaskRefused: count('unmask.refused'), unmaskExpired: count('unmask.request.expired'),
    aitekataAlarms: count('lookup.aitekata_hit'), otherAlarms: count('case.new_honseki_lot_hit', 'lookup.agent'), photoRequests: count('policy.photo_requested'),
    pinFailures: count('staff.pin.failed'), pinLocks: count('staff.locked'), imports: count('import.committed'), removalsConfirmed: count('import.removal_confirmed'),
    recordsEnded: count('record.ended'), lookups: rows.reduce((n, r) => n + lookupWeight(r), 0), lookupLimits: count('lookup.limit_reached'),
    liveMatches: rows.reduce((n, r) => n + liveMatches(r), 0), incidents: count('incident.recorded'), chainBreaks: count('audit.chain_broken'),
    ...(count('case.phone_refused') > 0 && { phoneRefusals: count('case.phone_refused') }),
    ...(count('release.granted') > 0 && { releasesGranted: count('release.granted') }),
  };
  const releases = releaseLines(rows);

  const days = new Map<string, DayCounts>();
  for (let t = start.getTime(); t < end.getTime(); t += 86_400_000) {
    const day = jstDay(new Date(t));
    days.set(day, { day, total: 0, unmask: 0, refusal: 0, alarm: 0, photo: 0 });
  }
  for (const r of rows) {
    const d = days.get(jstDay(new Date(r.at)));
    if (!d) continue;
    d.total++;
    const cat = isAuditAction(r.action) ? AUDIT_ACTIONS[r.action].category : undefined;
    if (cat === 'unmask') d.unmask++;
    else if (cat === 'refusal') d.refusal++;
    else if (cat === 'alarm') d.alarm++;
    else if (cat === 'photo') d.photo++;
  }

  const anomalies: Anomaly[] = [];
  for (const r of rows) {
    if ((r.action === 'unmask.approved' || r.action === 'unmask.shown') && !withinOfficeHours(new Date(r.at), opts.officeHours ?? DEFAULT_OFFICE_HOURS)) {
      anomalies.push({ kind: 'unmask-outside-hours', seq: r.seq, at: r.at, actors: JSON.parse(r.actors) as string[] });
    }
  }
  const lookups = perActor(rows.filter((r) => lookupWeight(r) > 0), lookupWeight);
  const med = median([...lookups.values()]);
  for (const [staffId, n] of [...lookups].sort()) {
    // "Far above the others": more than 3× the median clerk and at least 20, so a quiet month flags nobody.
    if (n > (opts.outlierFactor ?? 3) * med && n >= (opts.outlierMinimum ?? 20)) anomalies.push({ kind: 'lookup-outlier', staffId, lookups: n, median: med });
  }
  for (const [staffId, n] of [...perActor(rows.filter((r) => r.action === 'unmask.refused'))].sort()) {
    if (n >= (opts.refusalRepeat ?? 3)) anomalies.push({ kind: 'repeated-refusals', staffId, refusals: n });
  }

  const body = { month, counts, perDay: [...days.values()], anomalies, ...(releases.length > 0 && { releases }) };
  return { ...body, reportHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}

/** The requester is the first actor of an event (the approver, when there is one, is second). */
function perActor(rows: Row[], weight: (r: Row) => number = () => 1): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const a = (JSON.parse(r.actors) as string[])[0];
    if (a) m.set(a, (m.get(a) ?? 0) + weight(r));
  }
  return m;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
