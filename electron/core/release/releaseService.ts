/**
 * Temporary release (一時解除, SPEC F20, issue 22): for one person, one document kind, one request (case), a
 * reason and an end a few hours away, approved by two people (a lead and the 支援措置 officer, each with their
 * own PIN). Releases that were "temporarily" lifted and never restored (伊万里市), or made for a list that missed
 * someone (目黒区 2025), are the incidents this answers: a release names exactly one 管理番号, and it ends by
 * itself — whatever happens to the process or the clock.
 *
 * "Ends by itself" is decided on every read, not by a timer alone: a release is active only while
 * - its end has not come (wall clock), and the clock has not gone back before its start or behind the highest
 *   time this vault has seen (a clock set back would otherwise stretch it),
 * - in this process, no more time has passed since it was first seen than its length (monotonic clock),
 * - its row is unaltered (a keyed MAC: an end edited in the database ends it instead of stretching it),
 * - the terminal is not stopped (ProtectionGate: chain break, rolled-back policy, the fleet's rollback hold).
 * Every release that stops being active is recorded as ended, with the cause, the first time it is seen so:
 * at start, on the sweep timer, or on any read — so the review lists every release and when it ended.
 * A rolled-back folder can bring back an early-ended release only until its original end (hours), and only
 * until the fleet's rollback hold or the chain check notices the rollback (FLEET.md).
 */
import { randomBytes } from 'node:crypto';
import { FORM_KINDS, type FormKind } from '../../../shared/cases/model';
import { AppError } from '../../../shared/errors';
import { isTransactional, type Actor, type AuditEvent, type AuditSink, type Clock, type StaffAuthenticator } from '../ports';
import type { Db } from '../vault/db';
import { hmac, sameBytes } from '../vault/keys';
import { migrateSubsystem } from '../vault/schema';
import { releaseErrors } from './errors';

export const RELEASE_REASONS = ['court-order', 'own-request', 'public-agency', 'other'] as const;
export const MAX_RELEASE_HOURS = 8;
/** A clock this far behind the highest time seen counts as set back (NTP steps are seconds). */
const CLOCK_BACK_MS = 5 * 60_000;

/** `case-closed`: the one request it was for is over (the case closed, the session locked or logged out). */
export type EndCause = 'expired' | 'ended-early' | 'clock-back' | 'tampered' | 'stopped' | 'monotonic' | 'case-closed';

export interface Release {
  id: string;
  recordId: string;
  form: FormKind;
  caseId: string;
  reason: string;
  issuedAt: string;
  endsAt: string;
  approvers: [string, string];
  /** The issuing clerk: the release applies to this clerk's case only ('' on a row from before this column). */
  clerk: string;
}

/** A release as the issuing clerk's case shows it: in force, or ended with when and why. */
export interface ReleaseStatus extends Release {
  endedAt: string | null;
  cause: EndCause | null;
}

interface Row { id: string; record_id: string; form: string; case_id: string; reason: string; issued_at: string; ends_at: string; approvers: string; mac: Buffer; clerk: string; ended_at: string | null; end_cause: string | null }

export interface ReleaseDeps {
  db: Db;
  /** The vault's service key 'releases'. */
  key: Buffer;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: Clock;
  /** Whether a 管理番号 is on the list (ids only). */
  exists(recordId: string): Promise<boolean>;
  /** Fail closed: a stopped terminal has no release in force. */
  stopped(): Promise<unknown>;
  /** Monotonic milliseconds (performance.now in the app); a test passes its own. */
  monotonic?: () => number;
}

export class ReleaseService {
  private readonly firstSeen = new Map<string, number>();
  private readonly mono: () => number;

  private constructor(private readonly d: ReleaseDeps) {
    this.mono = d.monotonic ?? (() => performance.now());
  }

  static async open(d: ReleaseDeps): Promise<ReleaseService> {
    await migrateSubsystem(d.db, 'releases', [
      `CREATE TABLE releases (id TEXT PRIMARY KEY, record_id TEXT NOT NULL, form TEXT NOT NULL, case_id TEXT NOT NULL, reason TEXT NOT NULL,
         issued_at TEXT NOT NULL, ends_at TEXT NOT NULL, approvers TEXT NOT NULL, mac BLOB NOT NULL, ended_at TEXT, end_cause TEXT);
       CREATE TABLE release_clock (k INTEGER PRIMARY KEY CHECK (k = 1), high_ms INTEGER NOT NULL, mac BLOB NOT NULL);`,
      // The issuing clerk (the release unmasks in that clerk's case only), bound by the row's MAC.
      `ALTER TABLE releases ADD COLUMN clerk TEXT NOT NULL DEFAULT '';
       CREATE INDEX releases_case ON releases (case_id);`,
    ]);
    const s = new ReleaseService(d);
    // At start: whatever ended while the app was closed is recorded as ended now (never silently lost).
    await s.sweep();
    return s;
  }

  /**
   * Two approvers, one person, one form kind, one case, hours not days. `clerk` is the issuing clerk (the case's
   * holder, checked by the caller against the open case); neither approver may be that clerk (no self-approval).
   */
  async grant(input: { recordId: string; form: FormKind; caseId: string; reason: string; hours: number; clerk?: string; lead: { staffId: string; pin: string }; officer: { staffId: string; pin: string } }): Promise<Release> {
    if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > MAX_RELEASE_HOURS) throw releaseErrors.hours();
    if (!(RELEASE_REASONS as readonly string[]).includes(input.reason)) throw releaseErrors.reason();
    if (!FORM_KINDS.includes(input.form)) throw releaseErrors.reason();
    if (input.lead.staffId.trim() === input.officer.staffId.trim()) throw releaseErrors.twoPeople();
    const clerk = input.clerk ?? '';
    if (clerk && (input.lead.staffId.trim() === clerk || input.officer.staffId.trim() === clerk)) throw releaseErrors.selfApproval();
    const a = await this.approver(input.lead);
    const b = await this.approver(input.officer);
    if (a.staffId === b.staffId) throw releaseErrors.twoPeople();
    if (clerk && (a.staffId === clerk || b.staffId === clerk)) throw releaseErrors.selfApproval();
    if (await this.d.stopped()) throw releaseErrors.stopped();
    if (!(await this.d.exists(input.recordId))) throw releaseErrors.notFound();
    await this.sweep();
    if ((await this.activeRows()).some((r) => r.record_id === input.recordId)) throw releaseErrors.alreadyActive();
    const now = this.d.clock();
    const release: Release = {
      id: randomBytes(12).toString('hex'), recordId: input.recordId, form: input.form, caseId: input.caseId, reason: input.reason,
      issuedAt: now.toISOString(), endsAt: new Date(now.getTime() + input.hours * 3_600_000).toISOString(), approvers: [a.staffId, b.staffId], clerk,
    };
    const event: AuditEvent = {
      action: 'release.granted', actors: [a.staffId, b.staffId], targets: [{ recordId: release.recordId }],
      detail: { release: release.id, record: release.recordId, form: release.form, case: release.caseId, hours: input.hours, reason: release.reason, endsAt: release.endsAt, ...(clerk && { clerk }) },
    };
    await this.inTransaction([event], async () => {
      await this.d.db.run('INSERT INTO releases (id, record_id, form, case_id, reason, issued_at, ends_at, approvers, clerk, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        release.id, release.recordId, release.form, release.caseId, release.reason, release.issuedAt, release.endsAt, release.approvers.join(','), release.clerk, this.mac(release),
      ]);
    });
    this.firstSeen.set(release.id, this.mono());
    await this.noteTime(now.getTime());
    return release;
  }

  /** The releases in force for one case (the issuing clerk's screen); anything due is ended first. */
  async forCase(caseId: string): Promise<Release[]> {
    await this.sweep();
    return (await this.activeRows()).filter((r) => r.case_id === caseId).map(toRelease);
  }

  /** Whether this person's fields are released for this form in this case right now. */
  async inForce(recordId: string, form: FormKind, caseId: string): Promise<boolean> {
    return (await this.forCase(caseId)).some((r) => r.recordId === recordId && r.form === form);
  }

  /**
   * Every release made for this case, in force or ended (with when and why), for the issuing clerk's case screen.
   * Due ends are recorded first. A case that never had one costs one indexed read, no write (the keystroke path).
   */
  async history(caseId: string): Promise<ReleaseStatus[]> {
    const any = await this.d.db.get<{ n: number }>('SELECT 1 AS n FROM releases WHERE case_id = ? LIMIT 1', [caseId]);
    if (!any) return [];
    await this.sweep();
    const rows = await this.d.db.all<Row>('SELECT * FROM releases WHERE case_id = ? ORDER BY issued_at', [caseId]);
    return rows.map((r) => ({ ...toRelease(r), endedAt: r.ended_at, cause: (r.end_cause as EndCause | null) ?? null }));
  }

  /** The request is over: its case closed (or the session that held it ended). Recorded like any other end. */
  async endForCase(caseId: string): Promise<void> {
    const any = await this.d.db.get<{ n: number }>('SELECT 1 AS n FROM releases WHERE case_id = ? AND ended_at IS NULL LIMIT 1', [caseId]);
    if (!any) return;
    for (const row of (await this.activeRows()).filter((r) => r.case_id === caseId)) await this.end(row, 'case-closed', ['system']);
  }

  /** A lead ends a release before its time (the document was issued, or the request withdrawn). */
  async endEarly(id: string, by: { staffId: string; pin: string }): Promise<void> {
    const who = await this.approver(by);
    await this.sweep();
    const row = (await this.activeRows()).find((r) => r.id === id);
    if (!row) throw releaseErrors.gone();
    await this.end(row, 'ended-early', [who.staffId]);
  }

  /**
   * Ends every release that is no longer in force, each with its cause and its own audit entry. Called at
   * start, by the terminal's timer and before every read.
   */
  async sweep(): Promise<number> {
    const nowMs = this.d.clock().getTime();
    const high = await this.highWater();
    const stopped = await this.d.stopped().catch(() => true);
    let ended = 0;
    for (const row of await this.activeRows()) {
      const cause = this.causeToEnd(row, nowMs, high, !!stopped);
      if (cause) {
        await this.end(row, cause, ['system']);
        ended++;
      }
    }
    await this.noteTime(nowMs);
    return ended;
  }

  private causeToEnd(row: Row, nowMs: number, high: number | null, stopped: boolean): EndCause | null {
    if (!sameBytes(row.mac, this.mac(toRelease(row)))) return 'tampered';
    const issued = Date.parse(row.issued_at);
    const ends = Date.parse(row.ends_at);
    if (nowMs < issued - CLOCK_BACK_MS || (high !== null && nowMs < high - CLOCK_BACK_MS)) return 'clock-back';
    if (nowMs >= ends) return 'expired';
    const seen = this.firstSeen.get(row.id);
    if (seen === undefined) this.firstSeen.set(row.id, this.mono());
    else if (this.mono() - seen >= ends - issued) return 'monotonic';
    if (stopped) return 'stopped';
    return null;
  }

  private async end(row: Row, cause: EndCause, actors: string[]): Promise<void> {
    const at = this.d.clock().toISOString();
    await this.inTransaction([{ action: 'release.ended', actors, targets: [{ recordId: row.record_id }], detail: { release: row.id, record: row.record_id, cause, case: row.case_id, endedAt: at } }], async () => {
      await this.d.db.run('UPDATE releases SET ended_at = ?, end_cause = ? WHERE id = ? AND ended_at IS NULL', [at, cause, row.id]);
    });
    this.firstSeen.delete(row.id);
  }

  private async inTransaction(events: AuditEvent[], write: () => Promise<void>): Promise<void> {
    const sink = this.d.audit;
    if (isTransactional(sink)) {
      await this.d.db.transaction(async () => {
        await write();
        await sink.appendInTransaction(events);
      });
      return;
    }
    // A sink that cannot join the transaction (a test double) gets the same entries after the write.
    await write();
    for (const e of events) await sink.append(e);
  }

  private activeRows(): Promise<Row[]> {
    return this.d.db.all<Row>('SELECT * FROM releases WHERE ended_at IS NULL ORDER BY issued_at');
  }

  private mac(r: Release): Buffer {
    const fields = [r.id, r.recordId, r.form, r.caseId, r.reason, r.issuedAt, r.endsAt, r.approvers.join(',')];
    // v2 binds the issuing clerk: a clerk column rewritten to another staff member ends the release as tampered.
    return r.clerk ? hmac(this.d.key, 'release/v2', ...fields, r.clerk) : hmac(this.d.key, 'release/v1', ...fields);
  }

  /** The highest time seen, MACed: a row removed or lowered behind the app's back counts as no record (null). */
  private async highWater(): Promise<number | null> {
    const row = await this.d.db.get<{ high_ms: number; mac: Buffer }>('SELECT high_ms, mac FROM release_clock WHERE k = 1');
    if (!row || !sameBytes(row.mac, hmac(this.d.key, 'release-clock', String(row.high_ms)))) return null;
    return row.high_ms;
  }

  private async noteTime(nowMs: number): Promise<void> {
    const high = await this.highWater();
    if (high !== null && high >= nowMs) return;
    await this.d.db.run('INSERT INTO release_clock (k, high_ms, mac) VALUES (1, ?, ?) ON CONFLICT(k) DO UPDATE SET high_ms = excluded.high_ms, mac = excluded.mac', [nowMs, hmac(this.d.key, 'release-clock', String(nowMs))]);
  }

  private async approver(p: { staffId: string; pin: string }): Promise<Actor> {
    const r = await this.d.auth.verifyPin(p.staffId, p.pin);
    if (!r.ok) throw new AppError(r.error);
    if (!r.actor.roles.includes('lead') && !r.actor.roles.includes('admin')) throw releaseErrors.role();
    return r.actor;
  }
}

function toRelease(r: Row): Release {
  const [a = '', b = ''] = r.approvers.split(',');
  return { id: r.id, recordId: r.record_id, form: r.form as FormKind, caseId: r.case_id, reason: r.reason, issuedAt: r.issued_at, endsAt: r.ends_at, approvers: [a, b], clerk: r.clerk ?? '' };
}
