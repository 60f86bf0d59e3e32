/**
 * The case workspace in main (SPEC F3, F6, F7). The renderer sends what the clerk types; main matches
 * it live against the blind index, decides which fields are masked, raises the warnings that answer
 * the real mistakes, and returns a view that never holds a protected value. Cases live in memory only:
 * forms are working documents, and closing a case leaves nothing but audit metadata.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { formatWareki, parseDate } from '../../../shared/text/date';
import {
  MASK_PLACEHOLDER,
  PERSON_FIELDS,
  REMOTE_CHANNELS,
  STOPPING_WARNINGS,
  type ApplicantKind,
  type CaseChannel,
  type CaseView,
  type CaseWarning,
  type FormKind,
  type PersonField,
  type PersonInput,
  type PersonView,
  type WarningKind,
} from '../../../shared/cases/model';
import { LOOKUP_LIMITS, type LookupLimits } from '../../../shared/policy/cameraPolicy';
import { addressLotKeys } from '../../../shared/text/address';
import type { MatchOutcome, MatchQuery } from '../matching';
import { isTransactional, type Actor, type AuditSink, type Clock, type StaffAuthenticator } from '../ports';
import { isContractor, isShokuin } from '../staff/roles';
import { caseErrors } from './errors';
import { emptyCounts, LookupLedger, type CaseCounts, type LimitHit, type LookupKind } from './lookupLedger';
import type { LookupStore } from './lookupStore';
import { countedTransaction } from '../audit/binding';
import { auditedTransaction } from '../audit/chain';
import { RELEASE_FIELDS } from '../../../shared/cases/releaseFields';
import { CaseReleaseState, type CaseReleases } from './caseReleases';

/** What the case service needs of the vault: blind-index lookups and period states — never sealed fields. */
export interface ProtectedLookup {
  match(query: MatchQuery): MatchOutcome;
  matchLot(text: string): string[];
  person(id: string): Promise<{ expiry: 'active' | 'expiresWithinMonth' | 'expired'; state: string }>;
}

export interface CaseServiceDeps {
  lookup: () => ProtectedLookup | null;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: Clock;
  /** The policy's masked field set (F3: "and anything the policy names"). */
  maskedFields: () => readonly string[];
  /** The policy's lookup limits (issue 14); the strict defaults when absent. */
  limits?: () => LookupLimits;
  /** The lookup counts in the vault (lookupStore.ts); without it they live in memory (unit tests). */
  store?: LookupStore;
  /** Stored counts were reset outside the app (restore()): the terminal records it as a break. */
  onCountsReset?: (staffId: string) => void | Promise<void>;
  /** Stored counts are behind the audit chain (an older copy put back): recorded before the counts are rebuilt. */
  onCountsRolledBack?: (staffId: string) => void | Promise<void>;
  newId?: () => string;
  /** Temporary releases (SPEC F20, issue 22): what this case's releases lift (caseReleases.ts); none without. */
  releases?: () => CaseReleases | undefined;
}

/** What a case's row in the vault holds: who, which form, how many lookups — no value typed. */
interface StoredCase { clerk: string; form: FormKind; counts: CaseCounts }
const HOUR_MS = 3_600_000;
/** Live matches per `case.lookup_counted` entry: what a put-back row can regain at most, per kill (docs/audit.md). */
export const MATCH_ENTRY_EVERY = 20;
/** How far back restore() looks for cases opened and never closed (bounds the scan of the log at open). */
const WEEK_MS = 7 * 24 * HOUR_MS;

/** What an unmask request may say about the case it comes from (issue 14: the lead sees what it is for). */
export interface EarnedRecord {
  form: FormKind;
  applicantKind: ApplicantKind;
  /** Why the case involves this person: their role on the form and the warnings raised. */
  caseReason: string;
}

interface PersonState {
  slot: string;
  role: 'applicant' | 'subject';
  name: string;
  kana: string;
  dob: string;
  relation: string;
  fields: Partial<Record<PersonField, string>>;
  outcome: MatchOutcome;
  expiry: PersonView['expiry'];
}

interface CaseState {
  id: string;
  form: FormKind;
  applicantKind: ApplicantKind;
  channel: CaseChannel;
  clerk: string;
  /** Opened by a 委託 login and not yet taken over: any match stops the case for a 職員 (SPEC F19). */
  contractor: boolean;
  applicant: PersonState;
  persons: PersonState[];
  newHonseki: string;
  /** Matched persons whose place + lot the new 本籍 shares — kept in main; the renderer sees a flag. */
  newHonsekiIds: string[];
  cleared: Map<string, string>;
  leadCalledAt: string | null;
  counts: CaseCounts;
  /** Birth dates (ISO) and lot keys already tried: re-typing one costs nothing, a new one is counted. */
  triedDobs: Set<string>;
  triedLots: Set<string>;
  /** This case's temporary releases, re-read on every call (caseReleases.ts). */
  rel: CaseReleaseState;
}

const NONE: MatchOutcome = { decision: 'none', ids: [], aitekataOf: [], matchedKeys: [], reasons: [] };
const MAX_CASES = 8;
const MAX_PERSONS = 20;

export class CaseService {
  private readonly cases = new Map<string, CaseState>();
  /** Period states by 管理番号; cleared when the last case closes so a list update is seen by the next case. */
  private readonly periods = new Map<string, PersonView['expiry'][number]>();
  private slotSeq = 0;
  private readonly ledger: LookupLedger;

  constructor(private readonly deps: CaseServiceDeps) {
    this.ledger = new LookupLedger({ clock: deps.clock, limits: deps.limits ?? (() => ({ ...LOOKUP_LIMITS })), ...(deps.store && { store: deps.store }) });
  }

  /**
   * At open (issue 14): the staff windows come back from the vault; a window edited outside the app, or missing
   * for a clerk the audit log shows opening a case in the last hour, is a reset — reported, and that clerk's
   * hour counts as used up. A case the app never closed (a kill) is closed now with its counts, so every
   * lookup reaches the audit log and the monthly review.
   */
  async restore(): Promise<void> {
    const store = this.deps.store;
    if (!store) return;
    const staff = await store.all('staff');
    this.ledger.load(staff.rows);
    const known = new Set([...staff.rows.map((r) => r.id), ...staff.tampered]);
    const since = new Date(this.deps.clock().getTime() - HOUR_MS).toISOString();
    const missing = (await store.activeSince(since)).filter((id) => !known.has(id));
    for (const id of [...staff.tampered, ...missing]) {
      await this.ledger.exhaust(id);
      await this.deps.onCountsReset?.(id);
    }
    // An older copy of a clerk's window put back (issue 14): recorded first, then the hour counts as used up.
    for (const id of (await store.behindChain('staff', staff.rows)).keys()) {
      await this.deps.onCountsRolledBack?.(id);
      await this.ledger.exhaust(id);
    }
    const cases = await store.all('case');
    const casesBehind = await store.behindChain('case', cases.rows);
    // A case opened and never closed whose row is gone: its counts were deleted outside the app.
    const held = new Set([...cases.rows.map((r) => r.id), ...cases.tampered]);
    const unclosed = await store.unclosedSince(new Date(this.deps.clock().getTime() - WEEK_MS).toISOString());
    for (const [caseId, clerk] of unclosed) {
      if (held.has(caseId)) continue;
      await this.ledger.exhaust(clerk);
      await this.deps.onCountsReset?.(clerk);
    }
    for (const r of cases.rows) {
      const b = r.body as StoredCase;
      let counts = b.counts;
      const later = casesBehind.get(r.id);
      if (later) {
        // The case's row was put back: its counts come from the chain's newest entry for it, never lower.
        await this.deps.onCountsRolledBack?.(b.clerk);
        await this.ledger.exhaust(b.clerk);
        counts = Object.fromEntries(Object.entries(b.counts).map(([k, n]) => [k, Math.max(n, Number(later[k]) || 0)])) as CaseCounts;
      }
      await auditedTransaction(store.db, this.deps.audit, () => store.remove('case', r.id), () => [
        { action: 'case.closed', actors: [b.clerk], detail: { case: r.id, form: b.form, ...counts, interrupted: true } },
      ]);
    }
    for (const id of cases.tampered) {
      await store.remove('case', id);
      await this.deps.onCountsReset?.('unknown');
    }
  }

  /** The case's counts (and the clerk's window, written by the ledger) in one transaction: one fsync a keystroke. */
  private persisted<T>(c: CaseState, work: () => Promise<T>): Promise<T> {
    const store = this.deps.store;
    if (!store) return work();
    return store.db.transaction(async () => {
      const out = await work();
      await store.save('case', c.id, { clerk: c.clerk, form: c.form, counts: c.counts } satisfies StoredCase);
      return out;
    });
  }

  /** `roles` are the session's: a 委託 login's case stops at any match (SPEC F19). */
  async open(form: FormKind, clerk: string, opts: { channel?: CaseChannel; roles?: readonly string[] } = {}): Promise<CaseView> {
    if (this.cases.size >= MAX_CASES) throw caseErrors.tooMany();
    const id = (this.deps.newId ?? randomUUID)();
    const channel = opts.channel ?? 'counter';
    const contractor = isContractor(opts.roles ?? []);
    const c: CaseState = {
      id,
      form,
      // A 代理人・士業 request is an agent's from the start: the lead reviews it if it names a protected person.
      applicantKind: channel === 'agent' ? 'agent' : 'self',
      channel,
      clerk,
      contractor,
      applicant: this.blank('applicant'),
      persons: [this.blank('subject')],
      newHonseki: '',
      newHonsekiIds: [],
      cleared: new Map(),
      leadCalledAt: null,
      counts: emptyCounts(),
      triedDobs: new Set(),
      triedLots: new Set(),
      rel: new CaseReleaseState(),
    };
    this.cases.set(id, c);
    const store = this.deps.store;
    const opened = { case: id, form, channel, ...(contractor && { contractor: true }) };
    if (!store) await this.deps.audit.append({ action: 'case.opened', actors: [clerk], detail: opened });
    else {
      // The case's row, the clerk's window row and the entry together: `counted` tells restore() that a clerk
      // with this entry in the last hour must have a window row (a missing one was deleted outside the app).
      // The entry first: the rows written after it name it (audit/binding.ts).
      await countedTransaction(store.db, this.deps.audit, [{ action: 'case.opened', actors: [clerk], detail: { ...opened, counted: true } }], async () => {
        await this.persisted(c, async () => this.ledger.touch(clerk));
      });
    }
    return this.view(c);
  }

  get(caseId: string): CaseView {
    return this.view(this.state(caseId));
  }

  async setApplicantKind(caseId: string, kind: ApplicantKind): Promise<CaseView> {
    const c = this.mutable(caseId);
    await this.syncReleases(c);
    c.applicantKind = kind;
    return this.view(c);
  }

  async addPerson(caseId: string): Promise<CaseView> {
    const c = this.mutable(caseId);
    await this.syncReleases(c);
    if (c.persons.length >= MAX_PERSONS) throw caseErrors.tooManyPersons();
    c.persons.push(this.blank('subject'));
    return this.view(c);
  }

  async removePerson(caseId: string, slot: string): Promise<CaseView> {
    const c = this.mutable(caseId);
    await this.syncReleases(c);
    const i = c.persons.findIndex((p) => p.slot === slot);
    if (i < 0) throw caseErrors.unknownSlot();
    c.persons.splice(i, 1);
    await this.settleReleases(c);
    return this.view(c);
  }

  /** Live matching as the clerk types (F2, F7). A value typed into a masked field is refused, never kept. */
  async updatePerson(caseId: string, slot: string, input: PersonInput): Promise<CaseView> {
    const c = this.mutable(caseId);
    const p = slot === c.applicant.slot ? c.applicant : c.persons.find((x) => x.slot === slot);
    if (!p) throw caseErrors.unknownSlot();
    await this.syncReleases(c);
    // Counted and limited before anything is matched, so a refusal never depends on what the answer would be.
    await this.countMatch(c, p, input);
    if (input.name !== undefined) p.name = input.name;
    if (input.kana !== undefined) p.kana = input.kana;
    if (input.dob !== undefined) p.dob = input.dob;
    if (input.relation !== undefined) p.relation = input.relation;
    await this.rematch(c, p);
    await this.checkLot(c);
    if (input.fields) {
      const masked = this.maskedFor(c, p);
      for (const [f, v] of Object.entries(input.fields) as [PersonField, string][]) {
        if (masked.has(f)) {
          if (v !== '') {
            await this.deps.audit.append({ action: 'case.masked_input_refused', actors: [c.clerk], targets: p.outcome.ids.map((recordId) => ({ recordId, field: f })), detail: { case: c.id } });
            throw caseErrors.maskedField();
          }
          continue;
        }
        p.fields[f] = v;
      }
    }
    return this.view(c);
  }

  /**
   * A new 本籍 (転籍届 or any form that names one) on the place + lot of a person matched in this case is
   * flagged for the lead (F6). Only persons the case already matched are looked at, the answer is a flag
   * without ids, and each new lot tried is counted: otherwise walking 番 after 番 reads a hidden address.
   */
  async setNewHonseki(caseId: string, text: string): Promise<CaseView> {
    const c = this.mutable(caseId);
    await this.syncReleases(c);
    await this.checkLot(c, text);
    return this.view(c);
  }

  /**
   * The unmask door (issue 14): a record may be looked at or asked for only when it was matched — name and
   * birth date, not a name alone — in a case this clerk has open. Null otherwise, whatever the reason.
   */
  earnedRecord(caseId: string, clerk: string, recordId: string): EarnedRecord | null {
    const c = this.cases.get(caseId);
    if (!c || c.clerk !== clerk) return null;
    const p = [c.applicant, ...c.persons].find((x) => x.outcome.decision === 'match' && x.outcome.ids.includes(recordId));
    if (!p) return null;
    const kinds = [...new Set(this.warnings(c).filter((w) => w.slot === p.slot || w.slot === null).map((w) => w.kind))];
    return { form: c.form, applicantKind: c.applicantKind, caseReason: [p.role, ...kinds].join('+') };
  }

  /** One masked-record view, counted against the case (when it is this clerk's) and the clerk's hourly limit. */
  async countRecordLookup(caseId: string, clerk: string): Promise<void> {
    const c = this.cases.get(caseId);
    if (c && c.clerk === clerk) return this.take(c, 'lookups');
    const store = this.deps.store;
    const take = () => this.ledger.take(clerk, 'lookups', undefined, () => this.counted(clerk, 'lookups'));
    const hit = store ? await store.db.transaction(take) : await take();
    if (!hit) return;
    await this.deps.audit.append({ action: 'lookup.limit_reached', actors: [clerk], detail: { kind: hit.kind, scope: hit.scope } });
    throw caseErrors.lookupLimit(hit.scope);
  }

  /**
   * The case as it stands now (the issuing clerk's screen asks when a release's end comes): the case's releases are
   * re-read first, so one that ended re-masks here even if the clerk typed nothing since.
   */
  async refresh(caseId: string): Promise<CaseView> {
    const c = this.state(caseId);
    await this.syncReleases(c);
    return this.view(c);
  }

  /**
   * Whom a temporary release may name (issue 22): exactly one person matched by name and birth date in this clerk's
   * open case, never one held by a 委託 login. Null otherwise, whatever the reason — the 管理番号 is typed text.
   */
  releaseTarget(caseId: string, clerk: string, recordId: string): { form: FormKind; contractor: boolean } | null {
    const c = this.cases.get(caseId);
    if (!c || c.clerk !== clerk) return null;
    const p = [c.applicant, ...c.persons].find((x) => x.outcome.decision === 'match' && x.outcome.ids.length === 1 && x.outcome.ids[0] === recordId && x.outcome.aitekataOf.length === 0);
    return p ? { form: c.form, contractor: c.contractor } : null;
  }

  /** The clerk acknowledges a warning that does not need a lead; audited. */
  async acknowledge(caseId: string, warningId: string): Promise<CaseView> {
    const c = this.state(caseId);
    await this.syncReleases(c);
    const w = this.warnings(c).find((x) => x.id === warningId);
    if (!w) throw caseErrors.unknownWarning();
    // さいたま市 2024: a 委託 clerk clicked through the 発行抑制 message. Nothing is theirs to acknowledge.
    if (c.contractor) return this.refuseContractor(c, 'acknowledge', w.kind);
    if (w.needsLead) throw caseErrors.leadRequired();
    if (!w.cleared) {
      c.cleared.set(w.id, c.clerk);
      await this.deps.audit.append({ action: 'case.warning_acknowledged', actors: [c.clerk], targets: w.recordIds.map((recordId) => ({ recordId })), detail: { case: c.id, warning: w.kind } });
    }
    return this.view(c);
  }

  /** A lead attends with their own ID + PIN — the second person the town's report asked for (F4, F6). */
  async leadAttend(caseId: string, warningId: string, staffId: string, pin: string): Promise<CaseView> {
    const c = this.state(caseId);
    await this.syncReleases(c);
    const w = this.warnings(c).find((x) => x.id === warningId);
    if (!w) throw caseErrors.unknownWarning();
    // A lead's clearance on a 委託 login's case would let the 委託 carry on with a protected person: a 職員 takes it over first.
    if (c.contractor) return this.refuseContractor(c, 'leadAttend', w.kind);
    const res = await this.deps.auth.verifyPin(staffId, pin);
    if (!res.ok) {
      await this.deps.audit.append({ action: 'case.lead_attend_refused', actors: [c.clerk, staffId.slice(0, 64)], detail: { case: c.id, warning: w.kind, code: res.error.code } });
      throw new AppError(res.error);
    }
    if (!res.actor.roles.includes('lead') || res.actor.staffId === c.clerk) {
      await this.deps.audit.append({ action: 'case.lead_attend_refused', actors: [c.clerk, res.actor.staffId], detail: { case: c.id, warning: w.kind, code: 'E_CASE_NOT_LEAD' } });
      throw caseErrors.notLead();
    }
    c.cleared.set(w.id, res.actor.staffId);
    await this.deps.audit.append({ action: 'case.lead_attended', actors: [c.clerk, res.actor.staffId], targets: w.recordIds.map((recordId) => ({ recordId })), detail: { case: c.id, warning: w.kind } });
    return this.view(c);
  }

  /**
   * A 職員 takes over a case a 委託 login held (SPEC F19). `actor` is who the PIN check proved; the session switch
   * is the caller's (the handler), so this only refuses, reassigns and records. From here the case's warnings are
   * the 職員's to acknowledge or to take to the lead, as on any case.
   */
  async takeOver(caseId: string, actor: Actor): Promise<CaseView> {
    const c = this.state(caseId);
    if (!c.contractor) throw caseErrors.notContractorCase();
    if (!isShokuin(actor.roles) || actor.staffId === c.clerk) {
      await this.deps.audit.append({ action: 'case.takeover_refused', actors: [c.clerk, actor.staffId], detail: { case: c.id, code: 'E_CASE_NOT_SHOKUIN' } });
      throw caseErrors.notShokuin();
    }
    const from = c.clerk;
    c.clerk = actor.staffId;
    c.contractor = false;
    await this.deps.audit.append({ action: 'case.taken_over', actors: [from, actor.staffId], targets: this.protectedIds(c).map((recordId) => ({ recordId })), detail: { case: c.id, channel: c.channel } });
    return this.view(c);
  }

  /**
   * The phone refusal script was read to the caller (SPEC F19): one audit entry with a reference the clerk can
   * quote to the lead, like a photo request — and nothing about the caller or what they asked.
   */
  async recordPhoneRefusal(caseId: string, ref: string): Promise<{ ref: string; recordedAt: string }> {
    const c = this.state(caseId);
    if (c.channel !== 'phone') throw caseErrors.notPhoneCase();
    const recordedAt = this.deps.clock().toISOString();
    await this.deps.audit.append({ action: 'case.phone_refused', actors: [c.clerk], targets: [{ recordId: c.id }], detail: { case: c.id, ref, at: recordedAt } });
    return { ref, recordedAt };
  }

  /** Whether the case is still held by the 委託 login that opened it (the takeover handler asks before a PIN check). */
  heldByContractor(caseId: string): boolean {
    return this.state(caseId).contractor;
  }

  /** One action to call the lead; making the applicant wait is the correct response (F4). */
  async callLead(caseId: string): Promise<CaseView> {
    const c = this.state(caseId);
    await this.syncReleases(c);
    c.leadCalledAt = this.deps.clock().toISOString();
    await this.deps.audit.append({ action: 'case.lead_called', actors: [c.clerk], targets: this.protectedIds(c).map((recordId) => ({ recordId })), detail: { case: c.id } });
    return this.view(c);
  }

  /** Closing wipes the case; only the audit row says it existed (F7). */
  async close(caseId: string): Promise<void> {
    const c = this.cases.get(caseId);
    if (!c) return;
    this.cases.delete(caseId);
    // The one request a release was for is over: it ends now (recorded), whatever time it had left.
    await this.deps.releases?.()?.endForCase(c.id).catch(() => undefined);
    if (this.cases.size === 0) this.periods.clear();
    // Every lookup is recorded (invariant 6): counts only, per case and staff member, no values. The case's
    // row goes with the entry, in one transaction: a kill leaves the row, and restore() closes it.
    const closed = { action: 'case.closed', actors: [c.clerk], detail: { case: c.id, form: c.form, protected: this.protectedIds(c).length, ...c.counts } };
    const store = this.deps.store;
    if (store) await auditedTransaction(store.db, this.deps.audit, () => store.remove('case', c.id), () => [closed]);
    else await this.deps.audit.append(closed);
  }

  /** Closes the cases one staff member holds (the 委託 login's, when a 職員 takes one over). */
  async closeOf(staffId: string): Promise<void> {
    for (const [id, c] of [...this.cases]) if (c.clerk === staffId) await this.close(id);
  }

  /** Closes every case (idle lock, logout). */
  async closeAll(): Promise<void> {
    for (const id of [...this.cases.keys()]) await this.close(id);
  }

  /** The case as the applicant copy may show it: masked fields stay placeholders whatever grants exist. */
  redactedForCopy(caseId: string): CaseView {
    const c = this.state(caseId);
    // F7: the copy never holds a protected value — a release lifts the case view, never the applicant copy.
    const v = this.view(c, { forCopy: true });
    if (v.warnings.some((w) => !w.cleared)) throw caseErrors.warningsOpen();
    return v;
  }

  openCaseIds(): string[] {
    return [...this.cases.keys()];
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────

  private blank(role: PersonState['role']): PersonState {
    return { slot: `p${++this.slotSeq}`, role, name: '', kana: '', dob: '', relation: '', fields: {}, outcome: NONE, expiry: [] };
  }

  private state(caseId: string): CaseState {
    const c = this.cases.get(caseId);
    if (!c) throw caseErrors.notFound();
    return c;
  }

  /** A stopped case (相手方 alarm, 郵送・電話 match, 委託 match) takes no changes until it is cleared. */
  private mutable(caseId: string): CaseState {
    const c = this.state(caseId);
    const open = this.warnings(c).filter((w) => STOPPING_WARNINGS.includes(w.kind) && !w.cleared);
    if (open.some((w) => w.kind === 'contractorStop')) throw caseErrors.contractorStop();
    if (open.length) throw caseErrors.stopped(open.some((w) => w.kind === 'aitekata') ? 'A' : 'B');
    return c;
  }

  private async refuseContractor(c: CaseState, step: string, warning: string): Promise<never> {
    await this.deps.audit.append({ action: 'case.contractor_refused', actors: [c.clerk], detail: { case: c.id, step, warning } });
    throw caseErrors.contractorStop();
  }

  /**
   * The chain's record of a counted lookup (issue 14), written in the transaction of its rows and before them, so a
   * row put back from an older copy is behind it (lookupStore.ts). Each step of the three walks is one entry; live
   * matches (every keystroke) one entry per MATCH_ENTRY_EVERY, so the log does not grow by a row a keystroke.
   * The case's running counts travel with it: a put-back case row is rebuilt from them.
   */
  private async counted(clerk: string, kind: LookupKind, c?: CaseState): Promise<void> {
    const audit = this.deps.audit;
    if (!this.deps.store || !isTransactional(audit)) return;
    if (kind === 'matches' && (c?.counts.matches ?? 0) % MATCH_ENTRY_EVERY !== 0) return;
    await audit.appendInTransaction([{
      action: 'case.lookup_counted', actors: [clerk],
      detail: { kind, n: kind === 'matches' ? MATCH_ENTRY_EVERY : 1, ...(c && { case: c.id, ...c.counts }) },
    }]);
  }

  private async take(c: CaseState, kind: LookupKind): Promise<void> {
    const hit: LimitHit | null = await this.persisted(c, () => this.ledger.take(c.clerk, kind, c.counts, () => this.counted(c.clerk, kind, c)));
    if (!hit) return;
    await this.deps.audit.append({ action: 'lookup.limit_reached', actors: [c.clerk], detail: { case: c.id, kind: hit.kind, scope: hit.scope, ...c.counts } });
    throw caseErrors.lookupLimit(hit.scope);
  }

  /**
   * Every live match is counted; a complete birth date not yet tried in this case, matched with a name that
   * has candidates, is counted again as a date try — that is the walk that turns `possible` into `match` and
   * yields a birth date.
   */
  private async countMatch(c: CaseState, p: PersonState, input: PersonInput): Promise<void> {
    const name = input.name ?? p.name;
    const kana = input.kana ?? p.kana;
    const dob = input.dob ?? p.dob;
    if (!name.trim() && !kana.trim()) return;
    await this.take(c, 'matches');
    // Whichever field changed: a date typed first and the name after (or the name cleared and retyped) tries
    // the date as surely as typing the date on the name — the date is what is counted, once per case.
    if (!dob.trim()) return;
    const parsed = parseDate(dob);
    if (!parsed.ok || c.triedDobs.has(parsed.iso)) return;
    const lookup = this.deps.lookup();
    const byName = lookup?.match({ name: name || undefined, kana: kana || undefined, role: p.role === 'applicant' ? 'applicant' : 'subject' });
    if (!byName || (byName.ids.length === 0 && byName.aitekataOf.length === 0)) return;
    await this.take(c, 'dobTries');
    c.triedDobs.add(parsed.iso);
  }

  /** The lot check against the persons this case matched; re-run when the text or the matches change. */
  private async checkLot(c: CaseState, text: string = c.newHonseki): Promise<void> {
    const matched = new Set([c.applicant, ...c.persons].filter((p) => p.outcome.decision === 'match').flatMap((p) => p.outcome.ids));
    const keys = text.trim() && matched.size ? addressLotKeys(text) : [];
    for (const k of keys) {
      if (c.triedLots.has(k)) continue;
      await this.take(c, 'lotChecks');
      c.triedLots.add(k);
    }
    c.newHonseki = text;
    const ids = keys.length ? (this.deps.lookup()?.matchLot(text) ?? []).filter((id) => matched.has(id)) : [];
    if (ids.length && ids.join() !== c.newHonsekiIds.join()) {
      await this.deps.audit.append({ action: 'case.new_honseki_lot_hit', actors: [c.clerk], targets: ids.map((recordId) => ({ recordId, field: 'address' })), detail: { case: c.id } });
    }
    c.newHonsekiIds = ids;
  }

  private async rematch(c: CaseState, p: PersonState): Promise<void> {
    const lookup = this.deps.lookup();
    const has = p.name.trim() || p.kana.trim();
    const before = p.outcome;
    p.outcome = lookup && has ? lookup.match({ name: p.name || undefined, kana: p.kana || undefined, dob: p.dob || undefined, role: p.role === 'applicant' ? 'applicant' : 'subject' }) : NONE;
    const ids = [...new Set([...p.outcome.ids, ...p.outcome.aitekataOf])];
    p.expiry = [];
    // A period state per candidate would tell a `possible` card how many people it stands for.
    if (lookup && p.outcome.decision === 'match') {
      for (const id of p.outcome.ids) p.expiry.push(await this.periodOf(lookup, id));
    }
    // A release that now applies to this slot is recorded before its fields are lifted (caseReleases.ts).
    await this.settleReleases(c);
    // A protected value typed before the match arrived is dropped, not kept behind the mask.
    const masked = this.maskedFor(c, p);
    for (const f of PERSON_FIELDS) if (masked.has(f)) delete p.fields[f];
    const key = (o: MatchOutcome) => `${o.decision}|${o.ids.join()}|${o.aitekataOf.join()}`;
    if (ids.length && key(before) !== key(p.outcome)) {
      await this.deps.audit.append({
        action: p.outcome.aitekataOf.length ? 'lookup.aitekata_hit' : 'lookup.hit',
        actors: [c.clerk],
        targets: ids.map((recordId) => ({ recordId })),
        detail: { case: c.id, decision: p.outcome.decision, role: p.role, keys: p.outcome.matchedKeys.flatMap((k) => k.keys).filter((k, i, a) => a.indexOf(k) === i).join('+') },
      });
    }
  }

  /**
   * A record's period state, read once per case: matching runs on every keystroke, and decrypting the same
   * record body again each time would put a database read on the hot path for nothing.
   */
  private async periodOf(lookup: ProtectedLookup, id: string): Promise<PersonView['expiry'][number]> {
    let hit = this.periods.get(id);
    if (!hit) {
      const rec = await lookup.person(id).catch(() => null);
      // A record we cannot read is treated as active protection: expiry never unmasks, and neither does an error.
      hit = { recordId: id, state: rec?.expiry ?? 'active', provisional: rec?.state === '仮支援措置' };
      if (rec) this.periods.set(id, hit);
    }
    return hit;
  }

  /** The policy's fields for a matched person, less what a release recorded for this slot lifts (never for a copy). */
  private maskedFor(c: CaseState, p: PersonState, opts: { forCopy?: boolean } = {}): Set<string> {
    if (!p.outcome.ids.length) return new Set();
    const masked = new Set(this.deps.maskedFields());
    if (opts.forCopy || !c.rel.recorded(c, p)) return masked;
    for (const f of c.rel.lifted(c, p, masked)) masked.delete(f);
    return masked;
  }

  private async syncReleases(c: CaseState): Promise<void> {
    await c.rel.refresh(this.deps.releases?.(), c, [c.applicant, ...c.persons], this.deps.audit, new Set(this.deps.maskedFields()));
  }

  private async settleReleases(c: CaseState): Promise<void> {
    await c.rel.settle(c, [c.applicant, ...c.persons], this.deps.audit, new Set(this.deps.maskedFields()));
  }

  private protectedIds(c: CaseState): string[] {
    return [...new Set([c.applicant, ...c.persons].flatMap((p) => [...p.outcome.ids, ...p.outcome.aitekataOf]).concat(c.newHonsekiIds))];
  }

  private warnings(c: CaseState): CaseWarning[] {
    const out: CaseWarning[] = [];
    // The warning id binds an acknowledgement to what the clerk was shown: earned ids, or only "possible" —
    // never the candidates behind a `possible` card, nor the victims behind a 相手方 alarm.
    const add = (kind: WarningKind, slot: string | null, recordIds: string[], needsLead: boolean, bound: string = recordIds.join(',')) => {
      const id = `${kind}:${slot ?? '-'}:${bound}`;
      out.push({ id, kind, slot, recordIds, needsLead, cleared: c.cleared.has(id), clearedBy: c.cleared.get(id) ?? null });
    };
    if (c.applicant.outcome.aitekataOf.length) add('aitekata', c.applicant.slot, [], true, 'alarm');
    const subjects = [c.applicant, ...c.persons];
    const protectedSubjects = subjects.filter((p) => p.outcome.ids.length);
    for (const p of protectedSubjects) add('protected', p.slot, this.earned(p), false, this.earned(p).join(',') || 'possible');
    if (c.newHonsekiIds.length) add('newHonsekiLot', null, [], true, 'lot');
    if ((c.applicantKind === 'agent' || c.applicantKind === 'professional') && protectedSubjects.length) {
      const ids = protectedSubjects.flatMap((p) => this.earned(p));
      add('agentReview', null, ids, true, `${ids.join(',')}|${protectedSubjects.map((p) => p.slot).join(',')}`);
    }
    for (const p of protectedSubjects) {
      const ending = p.expiry.filter((e) => e.state !== 'active').map((e) => e.recordId);
      if (ending.length) add('expiry', p.slot, ending, false);
    }
    // Nobody at the counter to show an ID: a possible match by post or phone is a match, and it waits for the lead.
    if (REMOTE_CHANNELS.includes(c.channel) && protectedSubjects.length) {
      const ids = protectedSubjects.flatMap((p) => this.earned(p));
      add('remoteChannel', null, ids, true, `${c.channel}|${ids.join(',')}|${protectedSubjects.map((p) => p.slot).join(',')}`);
    }
    // A 委託 login decides nothing: any match (protected, possible, 相手方, the new 本籍's lot) hands the case to a 職員.
    if (c.contractor && out.length) add('contractorStop', null, [], true, 'contractor');
    return out;
  }

  /** The 管理番号 a person's match earned: name and birth date, not a name alone. */
  private earned(p: PersonState): string[] {
    return p.outcome.decision === 'match' ? [...p.outcome.ids].sort() : [];
  }

  private view(c: CaseState, opts: { forCopy?: boolean } = {}): CaseView {
    const warnings = this.warnings(c);
    const slots = [c.applicant, ...c.persons];
    return {
      caseId: c.id,
      form: c.form,
      applicantKind: c.applicantKind,
      channel: c.channel,
      contractor: c.contractor,
      applicant: this.personView(c, c.applicant, opts),
      persons: c.persons.map((p) => this.personView(c, p, opts)),
      newHonseki: c.newHonseki,
      stopped: warnings.some((w) => STOPPING_WARNINGS.includes(w.kind) && !w.cleared),
      hasProtected: this.protectedIds(c).length > 0,
      warnings,
      leadCalledAt: c.leadCalledAt,
      releases: opts.forCopy ? [] : c.rel.list.slice(-20).map((r) => ({
        id: r.id, recordId: r.recordId, form: r.form, reason: r.reason, issuedAt: r.issuedAt, endsAt: r.endsAt,
        approvers: r.approvers.map((staffId) => ({ staffId, name: c.rel.names.get(staffId) ?? staffId })),
        fields: RELEASE_FIELDS[r.form].filter((f) => this.deps.maskedFields().includes(f)),
        slot: slots.find((p) => r.endedAt === null && c.rel.recorded(c, p) && p.outcome.ids[0] === r.recordId)?.slot ?? null,
        endedAt: r.endedAt, cause: r.cause,
      })),
    };
  }

  private personView(c: CaseState, p: PersonState, opts: { forCopy?: boolean } = {}): PersonView {
    const masked = this.maskedFor(c, p, opts);
    const parsed = p.dob.trim() ? parseDate(p.dob) : null;
    const fields = Object.fromEntries(
      PERSON_FIELDS.map((f) => [f, masked.has(f) ? { masked: true as const, placeholder: MASK_PLACEHOLDER } : { masked: false as const, value: p.fields[f] ?? '' }]),
    ) as PersonView['fields'];
    return {
      slot: p.slot,
      role: p.role,
      name: p.name,
      kana: p.kana,
      dob: p.dob,
      dobDisplay: parsed?.ok ? formatWareki(parsed.iso) : '',
      dobError: parsed && !parsed.ok ? { ja: parsed.ja, en: parsed.en } : null,
      relation: p.relation,
      decision: p.outcome.decision,
      recordIds: this.earned(p),
      expiry: p.expiry,
      protected: p.outcome.ids.length > 0,
      fields,
    };
  }
}
