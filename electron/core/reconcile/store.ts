/**
 * Reconciliation findings kept until resolved (SPEC F18, issue 21): red on the lead panel, a reminder while
 * open, and a resolution only by two people with their own PINs (a lead or admin and a second staff member,
 * as the monthly sign-off) who name what was done in the other system. The other system's file is never kept:
 * a finding is a code, a row number and, when it is about a person here, an opaque record reference (never the
 * 管理番号: "results keep row numbers and codes only" — a "missing there" finding has no row to point at), all
 * sealed under a service key; only its id, state, severity and times are in the clear, so the panel can count
 * red findings without opening anything. Findings stored before references existed are rewritten on open.
 *
 * The lead panel shows a finding by its number (RC-…), never by 管理番号: a lead alone at a screen must not
 * learn who is protected (F4's rule: one person does not decide, or see, alone). The 管理番号 the two need to
 * act in the other system is shown only after both have entered their PINs (reveal): only then is the reference
 * resolved against the current roster, and that is audited. A person deleted since says so; one ended says so.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditEvent, Clock, StaffAuthenticator, TransactionalAuditSink } from '../ports';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { localIsoDate } from '../vault/expiry';
import { hmac } from '../vault/keys';
import { RecordRefs, type RosterPerson } from '../vault/recordRef';
import { migrateSubsystem } from '../vault/schema';
import { RECONCILE_CODES, RESOLUTIONS, type OtherSystem, type ReconcileCode, type Resolution } from './codes';
import type { Comparison, Finding } from './compare';

const MIGRATIONS = [
  `CREATE TABLE reconcile_findings (
     id TEXT PRIMARY KEY, dedupe TEXT NOT NULL, severity TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('open','resolved')),
     created_at TEXT NOT NULL, resolved_at TEXT, body BLOB NOT NULL);
   CREATE INDEX reconcile_open ON reconcile_findings (state, dedupe);`,
];
/** A red finding open this long is overdue: the reminder turns into an alert on the lead panel. */
export const REMIND_AFTER_DAYS = 3;
const DAY_MS = 86_400_000;

export interface PinEntry { staffId: string; pin: string }

/** `ref`: the person here (RecordRefs). `recordId` only in findings stored before references; migrated on open. */
interface Body { system: OtherSystem; code: ReconcileCode; row: number; ref?: string; recordId?: string; resolution?: Resolution; reference?: string; by?: string[] }

/** What a reveal found: the person still on the list, ended since the reconcile, deleted since, or no person (a row). */
export type RevealedEntry = 'active' | 'ended' | 'gone' | 'none';
type Deps = { db: Db; serviceKey: Buffer; audit: TransactionalAuditSink; auth: StaffAuthenticator; clock: Clock; roster: () => Promise<readonly RosterPerson[]>; newId?: () => string };

export interface OpenFinding {
  id: string;
  system: OtherSystem;
  code: ReconcileCode;
  severity: 'red' | 'review';
  row: number;
  /** Whether the finding is about a person on the list (its 管理番号 is revealed only to two people). */
  aboutPerson: boolean;
  createdAt: string;
  overdue: boolean;
}

export const reconcileErrors = {
  twoPeople: () => new AppError({ code: 'E_RECONCILE_TWO_PEOPLE', ja: '管理番号の表示と解消には2名の職員が必要です。別の職員が確認者2の欄に自分の職員番号と暗証番号を入力してください。', en: 'Showing the record number and resolving need two different staff members: another staff member enters their own staff ID and PIN as person 2.' }),
  leadRequired: () => new AppError({ code: 'E_RECONCILE_LEAD', ja: '1人目は班長または管理者である必要があります。', en: 'The first person must be a lead or an administrator.' }),
  notFound: () => new AppError({ code: 'E_RECONCILE_NOT_FOUND', ja: '対象の不一致が見つからないか、すでに解消されています。画面を更新してください。', en: 'No such open finding; refresh the screen.' }),
  resolution: () => new AppError({ code: 'E_RECONCILE_RESOLUTION', ja: '相手のシステムで行ったことを選び、処理番号は半角英数字とハイフン（32文字まで）で入力してください。', en: 'Choose what was done; the reference is up to 32 letters, digits or hyphens.' }),
};

export class ReconcileStore {
  private readonly refs: RecordRefs;

  private constructor(private readonly deps: Deps & { key: Buffer }) {
    this.refs = new RecordRefs(deps.key);
  }

  static async open(deps: Deps): Promise<ReconcileStore> {
    await migrateSubsystem(deps.db, 'reconcile', MIGRATIONS);
    const store = new ReconcileStore({ ...deps, key: deps.serviceKey });
    await store.replaceStoredIds();
    return store;
  }

  /**
   * Findings stored before references (issue 21) kept a sealed 管理番号; rewrite each to its reference, all in
   * one transaction (a crash leaves all old or all new; both open). Idempotent: nothing to do the next time.
   */
  private async replaceStoredIds(): Promise<void> {
    await this.deps.db.transaction(async () => {
      const rows = await this.deps.db.all<{ id: string; body: Buffer }>('SELECT id, body FROM reconcile_findings');
      for (const r of rows) {
        const { recordId, ...rest } = this.unseal(r.id, r.body);
        if (recordId === undefined) continue;
        await this.deps.db.run('UPDATE reconcile_findings SET body = ? WHERE id = ?', [this.seal(r.id, { ...rest, ref: this.refs.of(recordId) }), r.id]);
      }
    });
  }

  /**
   * Records a run's findings and its audit entry in one transaction. A finding already open (same system, code,
   * row or person) is not added twice, so re-running the same file does not pile up reminders.
   */
  async record(system: OtherSystem, comparison: Comparison, staffId: string, encoding: string): Promise<{ added: number; alreadyOpen: number }> {
    let out = { added: 0, alreadyOpen: 0 };
    await this.deps.db.transaction(async () => {
      const r = await this.recordInTransaction(system, comparison, staffId, encoding);
      out = r;
      await this.deps.audit.appendInTransaction([r.event]);
    });
    return out;
  }

  /** The findings' writes, inside the caller's transaction; the caller appends the returned entry in the same one. */
  async recordInTransaction(system: OtherSystem, comparison: Comparison, staffId: string, encoding: string): Promise<{ added: number; alreadyOpen: number; event: AuditEvent }> {
    const now = this.deps.clock().toISOString();
    let added = 0;
    let alreadyOpen = 0;
    for (const f of comparison.findings) {
      const dedupe = this.dedupe(system, f);
      const open = await this.deps.db.get<{ id: string }>("SELECT id FROM reconcile_findings WHERE state = 'open' AND dedupe = ?", [dedupe]);
      if (open) {
        alreadyOpen++;
        continue;
      }
      const id = (this.deps.newId ?? (() => `RC-${randomBytes(6).toString('hex')}`))();
      const body: Body = { system, code: f.code, row: f.row, ...(f.recordId && { ref: this.refs.of(f.recordId) }) };
      await this.deps.db.run('INSERT INTO reconcile_findings (id, dedupe, severity, state, created_at, body) VALUES (?, ?, ?, ?, ?, ?)', [id, dedupe, RECONCILE_CODES[f.code].severity, 'open', now, this.seal(id, body)]);
      added++;
    }
    return { added, alreadyOpen, event: { action: 'reconcile.imported', actors: [staffId], detail: { system, encoding, ...comparison.counts, added, alreadyOpen } } };
  }

  async openFindings(): Promise<OpenFinding[]> {
    const now = this.deps.clock().getTime();
    const rows = await this.deps.db.all<{ id: string; severity: string; created_at: string; body: Buffer }>("SELECT id, severity, created_at, body FROM reconcile_findings WHERE state = 'open' ORDER BY severity, created_at, id");
    return rows.map((r) => {
      const b = this.unseal(r.id, r.body);
      const overdue = r.severity === 'red' && now - Date.parse(r.created_at) > REMIND_AFTER_DAYS * DAY_MS;
      return { id: r.id, system: b.system, code: b.code, severity: r.severity as OpenFinding['severity'], row: b.row, aboutPerson: b.ref !== undefined, createdAt: r.created_at, overdue };
    });
  }

  /** For the lead panel and the start screen: counts only. */
  async status(): Promise<{ red: number; review: number; overdue: number }> {
    const open = await this.openFindings();
    return { red: open.filter((f) => f.severity === 'red').length, review: open.filter((f) => f.severity === 'review').length, overdue: open.filter((f) => f.overdue).length };
  }

  /** Two people, PIN-verified, distinct; the first a lead or admin; they name what was done (a closed set). */
  async resolve(input: { findingId: string; resolution: string; reference?: string; lead: PinEntry; second: PinEntry }): Promise<void> {
    if (!(input.resolution in RESOLUTIONS) || (input.reference !== undefined && !/^[A-Za-z0-9-]{1,32}$/.test(input.reference))) throw reconcileErrors.resolution();
    const { lead, second } = await this.twoPeople(input.lead, input.second);
    const row = await this.deps.db.get<{ body: Buffer }>("SELECT body FROM reconcile_findings WHERE id = ? AND state = 'open'", [input.findingId]);
    if (!row) throw reconcileErrors.notFound();
    const body = this.unseal(input.findingId, row.body);
    const entry = await this.entryOf(body);
    const resolution = input.resolution as Resolution;
    const done: Body = { ...body, resolution, ...(input.reference && { reference: input.reference }), by: [lead.staffId, second.staffId] };
    const now = this.deps.clock().toISOString();
    await this.deps.db.transaction(async () => {
      await this.deps.db.run("UPDATE reconcile_findings SET state = 'resolved', resolved_at = ?, body = ? WHERE id = ? AND state = 'open'", [now, this.seal(input.findingId, done), input.findingId]);
      await this.deps.audit.appendInTransaction([{
        action: 'reconcile.resolved', actors: [lead.staffId, second.staffId],
        ...('recordId' in entry && { targets: [{ recordId: entry.recordId }] }),
        detail: { finding: input.findingId, system: body.system, code: body.code, resolution, entry: entry.state },
      }]);
    });
  }

  /**
   * The 管理番号 of an open finding, for the two people who will act on it in the other system: both PINs
   * first (the same rule as the resolution), then the number, with an audit entry naming it. Nothing before.
   */
  async reveal(input: { findingId: string; lead: PinEntry; second: PinEntry }): Promise<{ recordId: string | null; entry: RevealedEntry }> {
    const { lead, second } = await this.twoPeople(input.lead, input.second);
    const row = await this.deps.db.get<{ body: Buffer }>("SELECT body FROM reconcile_findings WHERE id = ? AND state = 'open'", [input.findingId]);
    if (!row) throw reconcileErrors.notFound();
    const body = this.unseal(input.findingId, row.body);
    const entry = await this.entryOf(body);
    const recordId = 'recordId' in entry ? entry.recordId : null;
    await this.deps.audit.append({
      action: 'reconcile.revealed', actors: [lead.staffId, second.staffId],
      ...(recordId && { targets: [{ recordId }] }),
      detail: { finding: input.findingId, system: body.system, code: body.code, entry: entry.state },
    });
    return { recordId, entry: entry.state };
  }

  /** The person a finding names, resolved today — only ever called after twoPeople. */
  private async entryOf(body: Body): Promise<{ state: 'active' | 'ended'; recordId: string } | { state: 'gone' | 'none' }> {
    if (body.ref === undefined) return { state: 'none' };
    const r = this.refs.resolve(body.ref, await this.deps.roster(), localIsoDate(this.deps.clock()));
    return r.state === 'gone' ? r : { state: r.state, recordId: r.recordId };
  }

  /** Two people, PIN-verified, distinct; the first a lead or admin. Refusals are audited. */
  private async twoPeople(first: PinEntry, other: PinEntry): Promise<{ lead: Actor; second: Actor }> {
    if (first.staffId === other.staffId) return this.refuse([first.staffId.slice(0, 64)], reconcileErrors.twoPeople());
    const lead = await this.verified(first);
    const second = await this.verified(other);
    if (lead.staffId === second.staffId) return this.refuse([lead.staffId], reconcileErrors.twoPeople());
    if (!lead.roles.includes('lead') && !lead.roles.includes('admin')) return this.refuse([lead.staffId, second.staffId], reconcileErrors.leadRequired());
    return { lead, second };
  }

  private dedupe(system: OtherSystem, f: Finding): string {
    // Keyed: the clear column must not let anyone with the file test whether a 管理番号 has a finding.
    return hmac(this.deps.key, 'dedupe', system, f.code, f.recordId ?? `row:${f.row}`).toString('hex').slice(0, 32);
  }

  private seal(id: string, body: Body): Buffer {
    return aead.seal(this.deps.key, Buffer.from(JSON.stringify(body), 'utf8'), `cs/v1|reconcile|${id}`);
  }

  private unseal(id: string, blob: Buffer): Body {
    return JSON.parse(aead.open(this.deps.key, blob, `cs/v1|reconcile|${id}`, 'reconcile-finding').toString('utf8')) as Body;
  }

  private async verified(p: PinEntry): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) {
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(p.staffId)) await this.deps.audit.append({ action: 'reconcile.resolve_refused', actors: [p.staffId], detail: { code: res.error.code } });
      throw new AppError(res.error);
    }
    return res.actor;
  }

  private async refuse(actors: string[], err: AppError): Promise<never> {
    await this.deps.audit.append({ action: 'reconcile.resolve_refused', actors, detail: { code: err.code } });
    throw err;
  }
}
