/**
 * The monthly review of the whole fleet (issue 19, SPEC F11): the station's merged view of every terminal's accepted
 * segments — counts, per-day chart and anomalies per terminal and in total, staff who look up a lot across terminals,
 * staff whose counted lookups across terminals passed the per-staff hourly budget (a budget per terminal multiplied),
 * incidents and re-confirmations wherever they were recorded. The sign-off names which terminals' segments it covers
 * up to which entry, is bound to the report's hash, needs two people (the first a lead or administrator), and is
 * refused while a terminal is overdue unless the lead records why.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { reviewErrors } from '../review/errors';
import { jstMonth, jstMonthRange } from '../audit/time';
import type { Actor, AuditSink, StaffAuthenticator } from '../ports';
import { lookupWeight, median, reportFromRows, type MonthlyReport, type ReportRow } from '../review/report';
import type { Db } from '../vault/db';
import { LOOKUP_LIMITS, type LookupLimits } from '../../../shared/policy/cameraPolicy';
import { budgetExcesses, type BudgetExcess } from './budget';
import { fleetErrors } from './errors';
import { fleetRuntimeErrors } from './runtimeErrors';

export interface TerminalReport extends Omit<MonthlyReport, 'reportHash' | 'month'> { terminal: string; toSeq: number; entries: number }
export interface StaffAcross { staffId: string; lookups: number; terminals: Array<{ terminal: string; lookups: number }>; outlier: boolean }
export interface FleetReport {
  month: string;
  total: Omit<MonthlyReport, 'reportHash' | 'month'>;
  terminals: TerminalReport[];
  staff: StaffAcross[];
  /** Staff whose counted lookups across terminals passed the per-staff hourly budget (budget.ts). */
  budget: BudgetExcess[];
  median: number;
  incidents: Array<{ terminal: string; incidentId: string; at: string; by: string }>;
  reconfirmations: Array<{ staffId: string; terminal: string; at: string }>;
  /** What a sign-off covers: each terminal's segments up to this entry. */
  coverage: Array<{ terminal: string; toSeq: number }>;
  overdue: Array<{ terminal: string; lastAt: string | null }>;
  reportHash: string;
}
export interface FleetSignOff { month: string; reportHash: string; coverage: Array<{ terminal: string; toSeq: number }>; lead: string; second: string; overdue: string[]; reason: string | null; at: string }

interface Row extends ReportRow { terminal: string; targets: string }

export async function buildFleetReport(
  db: Db, month: string, overdue: FleetReport['overdue'], known: readonly string[], accepted: Readonly<Record<string, { seq: number }>> = {},
  /** The station's policy limits; the defaults (the highest a policy may set) when not given. */
  limits: LookupLimits = LOOKUP_LIMITS,
): Promise<FleetReport> {
  const { start, end } = jstMonthRange(month);
  const rows = await db.all<Row>('SELECT terminal, seq, at, actors, action, targets, detail FROM fleet_entries WHERE at >= ? AND at < ? ORDER BY terminal, seq', [start.toISOString(), end.toISOString()]);
  // What a sign-off covers: each terminal's chain up to the head the station accepted.
  const headOf = new Map(Object.entries(accepted).map(([t, h]) => [t, h.seq]));
  const terminals = [...new Set([...known, ...rows.map((r) => r.terminal)])].sort();
  const strip = ({ reportHash: _h, month: _m, ...rest }: MonthlyReport) => rest;
  const per: TerminalReport[] = terminals.map((t) => {
    const mine = rows.filter((r) => r.terminal === t);
    return { terminal: t, toSeq: headOf.get(t) ?? 0, entries: mine.length, ...strip(reportFromRows(mine, month)) };
  });
  const total = strip(reportFromRows(rows, month));

  // Staff across terminals: a clerk who looks up a lot on two PCs is an outlier on neither alone.
  const byStaff = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const w = lookupWeight(r);
    const who = (JSON.parse(r.actors) as string[])[0];
    if (!w || !who) continue;
    const m = byStaff.get(who) ?? new Map<string, number>();
    m.set(r.terminal, (m.get(r.terminal) ?? 0) + w);
    byStaff.set(who, m);
  }
  const totals = [...byStaff].map(([staffId, m]) => ({ staffId, lookups: [...m.values()].reduce((a, b) => a + b, 0), m }));
  const med = median(totals.map((t) => t.lookups));
  const staff: StaffAcross[] = totals
    .map(({ staffId, lookups, m }) => ({ staffId, lookups, terminals: [...m].sort().map(([terminal, n]) => ({ terminal, lookups: n })), outlier: lookups > 3 * med && lookups >= 20 }))
    .sort((a, b) => b.lookups - a.lookups || (a.staffId < b.staffId ? -1 : 1));

  const incidents = rows.filter((r) => r.action === 'incident.recorded').map((r) => ({
    terminal: r.terminal, at: r.at, by: (JSON.parse(r.actors) as string[])[0] ?? '',
    incidentId: (JSON.parse(r.targets) as Array<{ recordId?: string }>)[0]?.recordId ?? '',
  }));
  // A re-confirmation counts for the month it names, wherever it was done; the earliest per staff member.
  const all = await db.all<Row>("SELECT terminal, seq, at, actors, action, targets, detail FROM fleet_entries WHERE action = 'review.reconfirmed' ORDER BY at");
  const reconf = new Map<string, { staffId: string; terminal: string; at: string }>();
  for (const r of all) {
    if ((JSON.parse(r.detail) as { month?: string }).month !== month) continue;
    const staffId = (JSON.parse(r.actors) as string[])[0] ?? '';
    if (!reconf.has(staffId)) reconf.set(staffId, { staffId, terminal: r.terminal, at: r.at });
  }
  const coverage = per.map((p) => ({ terminal: p.terminal, toSeq: p.toSeq }));
  const budget = budgetExcesses(rows, limits);
  const body = { month, total, terminals: per, staff, budget, median: med, incidents, reconfirmations: [...reconf.values()].sort((a, b) => (a.staffId < b.staffId ? -1 : 1)), coverage, overdue };
  return { ...body, reportHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class FleetReviewSignOff {
  constructor(private readonly d: { db: Db; audit: AuditSink; auth: StaffAuthenticator; clock: () => Date; report: (month: string) => Promise<FleetReport> }) {}

  async signed(month: string): Promise<FleetSignOff | null> {
    const r = await this.d.db.get<{ month: string; report_hash: string; coverage: string; lead: string; second: string; overdue: string; reason: string | null; at: string }>('SELECT * FROM fleet_signoffs WHERE month = ?', [month]);
    return r ? { month: r.month, reportHash: r.report_hash, coverage: JSON.parse(r.coverage) as FleetSignOff['coverage'], lead: r.lead, second: r.second, overdue: JSON.parse(r.overdue) as string[], reason: r.reason, at: r.at } : null;
  }

  async signOff(o: { month: string; reportHash: string; lead: { staffId: string; pin: string }; second: { staffId: string; pin: string }; overdueReason?: string }): Promise<FleetSignOff> {
    if (!MONTH.test(o.month) || o.month >= jstMonth(this.d.clock())) throw reviewErrors.badMonth();
    if (o.lead.staffId === o.second.staffId) throw fleetErrors.twoPeopleRequired();
    const lead = await this.verified(o.lead);
    const second = await this.verified(o.second);
    if (!lead.roles.includes('lead') && !lead.roles.includes('admin')) throw fleetRuntimeErrors.leadRequired();
    if (await this.signed(o.month)) throw fleetRuntimeErrors.reviewSigned(o.month);
    const report = await this.d.report(o.month);
    if (report.reportHash !== o.reportHash) throw fleetRuntimeErrors.reviewChanged();
    const reason = o.overdueReason?.trim() || null;
    if (report.overdue.length > 0 && !reason) throw fleetRuntimeErrors.reviewOverdue(report.overdue.map((t) => t.terminal));
    const at = this.d.clock().toISOString();
    const overdue = report.overdue.map((t) => t.terminal);
    // Audited first: a sign-off that cannot be logged does not happen. The reason is the lead's own words: kept in
    // the sign-off row, never in the log (the log takes ids, codes and counts only).
    await this.d.audit.append({
      action: 'fleet.review_signed', actors: [lead.staffId, second.staffId], targets: overdue.slice(0, 16).map((t) => ({ recordId: t })),
      detail: { month: o.month, reportHash: report.reportHash, terminals: report.coverage.length, overdue: overdue.length, reasonGiven: reason !== null },
    });
    await this.d.db.run('INSERT INTO fleet_signoffs (month, report_hash, coverage, lead, second, overdue, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [o.month, report.reportHash, JSON.stringify(report.coverage), lead.staffId, second.staffId, JSON.stringify(overdue), reason, at]);
    return { month: o.month, reportHash: report.reportHash, coverage: report.coverage, lead: lead.staffId, second: second.staffId, overdue, reason, at };
  }

  private async verified(p: { staffId: string; pin: string }): Promise<Actor> {
    const r = await this.d.auth.verifyPin(p.staffId, p.pin);
    if (!r.ok) throw new AppError(r.error);
    return r.actor;
  }
}
