/**
 * The monthly review (SPEC F11): the report of a finished month, its sign-off by a lead and a second person
 * (two distinct staff, PIN-verified, bound to the report's hash — the same rule as unmasking: nobody decides
 * alone), each staff member's monthly re-confirmation of the five rules, and what is overdue.
 * A review for month M is due by the end of the 7th of M+1 (the first weekly meeting).
 */
import { AppError } from '../../../shared/errors';
import type { Actor, AuditSink, Clock, StaffAuthenticator } from '../ports';
import { auditedTransaction } from '../audit/chain';
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';
import { jstDay, jstMonth, jstMonthRange, previousMonth } from '../audit/time';
import { reviewErrors } from './errors';
import { buildMonthlyReport, type MonthlyReport, type ReportOptions } from './report';

export interface PinEntry { staffId: string; pin: string }

export interface ReviewDeps {
  db: Db;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: Clock;
  /** Active staff ids (the staff service); without it, everyone who appears in the log this month. */
  listStaff?: () => Promise<string[]>;
  report?: ReportOptions;
  /** The first month reviews are owed for (install month); default: the month of the first audit entry. */
  firstMonth?: string;
}

export interface SignOff { month: string; reportHash: string; lead: string; second: string; at: string }
export interface ReviewStatus {
  overdueReviews: string[];
  /** The review that is due now (previous month) but not yet overdue. */
  dueReview: string | null;
  reconfirmationsDue: string[];
  reconfirmationsOverdue: boolean;
  month: string;
}

const MIGRATIONS = [
  `CREATE TABLE review_signoffs (month TEXT PRIMARY KEY, report_hash TEXT NOT NULL, lead TEXT NOT NULL, second TEXT NOT NULL, at TEXT NOT NULL);
   CREATE TABLE review_reconfirmations (staff_id TEXT NOT NULL, month TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (staff_id, month));`,
];
const DUE_DAY = 7;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class MonthlyReview {
  private constructor(private readonly deps: ReviewDeps) {}

  static async open(deps: ReviewDeps): Promise<MonthlyReview> {
    await migrateSubsystem(deps.db, 'review', MIGRATIONS);
    return new MonthlyReview(deps);
  }

  report(month: string): Promise<MonthlyReport> {
    if (!MONTH.test(month)) throw reviewErrors.badMonth();
    return buildMonthlyReport(this.deps.db, month, this.deps.report);
  }

  async signOff(input: { month: string; reportHash: string; lead: PinEntry; second: PinEntry }): Promise<SignOff> {
    const { month } = input;
    if (!MONTH.test(month) || month >= jstMonth(this.deps.clock())) throw reviewErrors.badMonth();
    if (input.lead.staffId === input.second.staffId) return this.refuse([input.lead.staffId], reviewErrors.twoPeople(), month);
    const lead = await this.verified(input.lead, month);
    const second = await this.verified(input.second, month);
    if (!lead.roles.includes('lead') && !lead.roles.includes('admin')) return this.refuse([lead.staffId, second.staffId], reviewErrors.leadRequired(), month);
    if (await this.signOffFor(month)) throw reviewErrors.alreadySigned(month);
    const current = await this.report(month);
    if (current.reportHash !== input.reportHash) return this.refuse([lead.staffId, second.staffId], reviewErrors.reportChanged(), month);
    const at = this.deps.clock().toISOString();
    // The sign-off and its entry in one transaction (SPEC invariant 7): neither is ever there without the other.
    await auditedTransaction(this.deps.db, this.deps.audit,
      () => this.deps.db.run('INSERT INTO review_signoffs (month, report_hash, lead, second, at) VALUES (?, ?, ?, ?, ?)', [month, current.reportHash, lead.staffId, second.staffId, at]),
      () => [{ action: 'review.signed', actors: [lead.staffId, second.staffId], detail: { month, reportHash: current.reportHash } }]);
    return { month, reportHash: current.reportHash, lead: lead.staffId, second: second.staffId, at };
  }

  async signOffFor(month: string): Promise<SignOff | null> {
    const r = await this.deps.db.get<{ month: string; report_hash: string; lead: string; second: string; at: string }>('SELECT * FROM review_signoffs WHERE month = ?', [month]);
    return r ? { month: r.month, reportHash: r.report_hash, lead: r.lead, second: r.second, at: r.at } : null;
  }

  /** A staff member re-confirms the five rules for the current month with their own PIN. */
  async reconfirm(input: PinEntry & { month: string }): Promise<{ at: string }> {
    if (input.month !== jstMonth(this.deps.clock())) throw reviewErrors.notCurrentMonth();
    const actor = await this.verified(input, input.month);
    const at = this.deps.clock().toISOString();
    await auditedTransaction(this.deps.db, this.deps.audit,
      () => this.deps.db.run('INSERT OR IGNORE INTO review_reconfirmations (staff_id, month, at) VALUES (?, ?, ?)', [actor.staffId, input.month, at]),
      () => [{ action: 'review.reconfirmed', actors: [actor.staffId], detail: { month: input.month, rules: 5 } }]);
    return { at };
  }

  async reconfirmations(month: string): Promise<Array<{ staffId: string; at: string | null }>> {
    const done = new Map((await this.deps.db.all<{ staff_id: string; at: string }>('SELECT staff_id, at FROM review_reconfirmations WHERE month = ?', [month])).map((r) => [r.staff_id, r.at]));
    const staff = await this.staff(month);
    return [...new Set([...staff, ...done.keys()])].sort().map((staffId) => ({ staffId, at: done.get(staffId) ?? null }));
  }

  async status(): Promise<ReviewStatus> {
    const now = this.deps.clock();
    const month = jstMonth(now);
    const first = this.deps.firstMonth ?? (await this.firstLoggedMonth()) ?? month;
    const signed = new Set((await this.deps.db.all<{ month: string }>('SELECT month FROM review_signoffs')).map((r) => r.month));
    const overdue: string[] = [];
    let dueReview: string | null = null;
    const today = jstDay(now);
    for (let m = previousMonth(month), n = 0; m >= first && n < 24; m = previousMonth(m), n++) {
      if (signed.has(m)) continue;
      const deadline = `${jstDay(jstMonthRange(m).end)}`.slice(0, 8) + String(DUE_DAY).padStart(2, '0');
      if (today > deadline) overdue.push(m);
      else dueReview = m;
    }
    const recon = await this.reconfirmations(month);
    return {
      month, overdueReviews: overdue.sort(), dueReview,
      reconfirmationsDue: recon.filter((r) => r.at === null).map((r) => r.staffId),
      reconfirmationsOverdue: Number(today.slice(8)) > DUE_DAY && recon.some((r) => r.at === null),
    };
  }

  private async staff(month: string): Promise<string[]> {
    if (this.deps.listStaff) return this.deps.listStaff();
    const { start, end } = jstMonthRange(month);
    const rows = await this.deps.db.all<{ value: string }>("SELECT DISTINCT j.value AS value FROM audit_log, json_each(audit_log.actors) j WHERE at >= ? AND at < ? AND j.value NOT IN ('system', 'terminal')", [start.toISOString(), end.toISOString()]);
    return rows.map((r) => r.value);
  }

  private async firstLoggedMonth(): Promise<string | null> {
    const r = await this.deps.db.get<{ at: string }>('SELECT at FROM audit_log ORDER BY seq LIMIT 1');
    return r ? jstMonth(new Date(r.at)) : null;
  }

  private async verified(p: PinEntry, month: string): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) {
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(p.staffId)) await this.deps.audit.append({ action: 'review.refused', actors: [p.staffId], detail: { code: res.error.code, month } });
      throw new AppError(res.error);
    }
    return res.actor;
  }

  private async refuse(actors: string[], err: AppError, month: string): Promise<never> {
    await this.deps.audit.append({ action: 'review.refused', actors, detail: { code: err.code, month } });
    throw err;
  }
}
