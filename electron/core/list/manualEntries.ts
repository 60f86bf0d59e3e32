/**
 * Hand entries of the protected list (SPEC F8, issue 22): add a person (a 仮支援措置 applied for at the counter
 * today must be protected before the next 住基 export), edit one, extend a period (from one month before its end,
 * by one year), end one early. Proposed by one lead or administrator, confirmed by a second one with their own
 * PIN, bound to the hash of the exact change and of the list it was made against, and written with its audit
 * entry in one transaction (Vault.writeManual). How the next import meets a hand entry: vault/manualEntries.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ProtectedPerson } from '../../../shared/domain/person';
import { oneYearLessADay } from '../import/rowToPerson';
import { isTransactional, type Actor, type AuditEvent, type AuditSink, type Clock, type StaffAuthenticator } from '../ports';
import { expiryState, localIsoDate } from '../vault/expiry';
import type { ManualWrite } from '../vault/manualWrite';
import type { PersonBody } from '../vault/records';
import type { Vault } from '../vault/vault';
import { fieldsOfBody, readEntry, SEALED_ENTRY_FIELDS, type EntryFields, type FieldProblem } from './entryFields';
import { listErrors } from './errors';
import type { PinEntry } from './listUpdate';

/** Why, as a code (the audit keeps codes, never free text that could name someone). */
export const ENTRY_REASONS = {
  add: ['counter-application', 'not-yet-exported', 'other'],
  edit: ['correction', 'other'],
  extend: ['extension-applied'],
  end: ['withdrawn', 'measure-ended', 'entered-in-error', 'other'],
} as const;
export type EntryKind = keyof typeof ENTRY_REASONS;

export type EntryChange =
  | { kind: 'add'; fields: EntryFields; reason: string }
  | { kind: 'edit'; id: string; fields: EntryFields; reason: string }
  | { kind: 'extend'; id: string; reason: string }
  | { kind: 'end'; id: string; reason: string };

export interface EntryProposal {
  proposalId: string;
  changeHash: string;
  kind: EntryKind;
  recordId: string;
  /** The period after the change (an end shows none); dates of the measure, never of a person. */
  endDate?: string;
  /** Field names the change writes (edit), so the confirmer knows what they confirm. */
  fields: string[];
  expiresAt: string;
}

export type ProposeResult = { ok: true; proposal: EntryProposal } | { ok: false; error: AppError; problems: FieldProblem[] };

interface Held { proposal: EntryProposal; write: ManualWrite; proposer: string; listVersion: number; reason: string; expires: number }

const PROPOSAL_MS = 10 * 60_000;
const ALERTS_SHOWN = 500;
export interface AlertRow { id: string; endDate: string; provisional: boolean; manual: boolean }
const STAFF_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ACTION: Record<EntryKind, AuditEvent['action']> = { add: 'record.added', edit: 'record.edited', extend: 'record.extended', end: 'record.ended' };

export interface ManualEntryDeps {
  vault: Vault;
  audit: AuditSink;
  auth: StaffAuthenticator;
  clock: Clock;
}

export class ManualEntryService {
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: ManualEntryDeps) {}

  /** The first person: their PIN, the change, a reason. Nothing is written to the list yet. */
  async propose(change: EntryChange, proposer: PinEntry): Promise<ProposeResult> {
    const who = await this.verified(proposer, change.kind);
    if (!(ENTRY_REASONS[change.kind] as readonly string[]).includes(change.reason)) return this.refusedResult(who, change.kind, listErrors.reasonRequired());
    const listVersion = await this.deps.vault.currentListVersion();
    let planned: { write: ManualWrite; recordId: string; endDate?: string; fields: string[] };
    try {
      planned = await this.plan(change);
    } catch (e) {
      if (e instanceof InvalidEntry) return { ...(await this.refusedResult(who, change.kind, listErrors.entryInvalid(e.problems.length))), problems: e.problems };
      if (e instanceof AppError) return this.refusedResult(who, change.kind, e);
      throw e;
    }
    this.sweep();
    const now = this.deps.clock().getTime();
    const proposalId = randomBytes(12).toString('hex');
    // The hash covers the whole change as main will write it, the list version it was made against and the
    // reason: a confirmation can only ever write what was proposed, onto the list it was proposed for.
    const changeHash = createHash('sha256').update(JSON.stringify({ write: planned.write, listVersion, reason: change.reason, kind: change.kind })).digest('hex');
    const proposal: EntryProposal = {
      proposalId, changeHash, kind: change.kind, recordId: planned.recordId, fields: planned.fields,
      ...(planned.endDate && { endDate: planned.endDate }), expiresAt: new Date(now + PROPOSAL_MS).toISOString(),
    };
    this.held.set(proposalId, { proposal, write: planned.write, proposer: who.staffId, listVersion, reason: change.reason, expires: now + PROPOSAL_MS });
    await this.deps.audit.append({ action: 'record.change_proposed', actors: [who.staffId], targets: [{ recordId: planned.recordId }], detail: { kind: change.kind, reason: change.reason } });
    return { ok: true, proposal };
  }

  /** The second person confirms exactly the proposal they were shown (its hash); the change and its audit entry commit together. */
  async confirm(input: { proposalId: string; changeHash: string; confirmer: PinEntry }): Promise<{ recordId: string; kind: EntryKind; endDate?: string }> {
    this.sweep();
    const h = this.held.get(input.proposalId);
    const who = await this.verified(input.confirmer, h?.proposal.kind ?? 'add');
    if (!h) throw await this.refused(who, 'add', listErrors.proposalGone());
    if (h.proposal.changeHash !== input.changeHash) throw await this.refused(who, h.proposal.kind, listErrors.proposalChanged());
    if (who.staffId === h.proposer) throw await this.refused(who, h.proposal.kind, listErrors.entrySamePerson());
    const p = h.proposal;
    const events: AuditEvent[] = [{
      action: ACTION[p.kind], actors: [h.proposer, who.staffId], targets: [{ recordId: p.recordId }, ...auditFields(p.fields).map((field) => ({ field }))],
      detail: { manual: true, reason: h.reason, proposal: `p:${p.changeHash.slice(0, 16)}` },
    }];
    const sink = this.deps.audit;
    try {
      await this.deps.vault.writeManual(h.write, { listVersion: h.listVersion, ...(isTransactional(sink) && { audit: { sink, events } }) });
    } catch (e) {
      if (e instanceof AppError) await this.refused(who, p.kind, e).catch(() => undefined);
      throw e;
    }
    // A sink that cannot join the transaction (a test double) gets the same entry after the commit.
    if (!isTransactional(sink)) for (const e of events) await sink.append(e);
    this.held.delete(input.proposalId);
    return { recordId: p.recordId, kind: p.kind, ...(p.endDate && { endDate: p.endDate }) };
  }

  /** The lead's panel: ending within a month (with the extension action) and past their end (still masked). */
  async alerts(): Promise<{ today: string; endingSoon: AlertRow[]; expired: AlertRow[]; more: number }> {
    const rows = await this.deps.vault.alertRows();
    const pick = (state: string) => rows.filter((r) => r.state === state).map(({ id, endDate, provisional, manual }) => ({ id, endDate, provisional, manual }));
    const soon = pick('expiresWithinMonth');
    const expired = pick('expired');
    const cap = (l: AlertRow[]) => l.slice(0, ALERTS_SHOWN);
    return { today: localIsoDate(this.deps.clock()), endingSoon: cap(soon), expired: cap(expired), more: Math.max(0, soon.length - ALERTS_SHOWN) + Math.max(0, expired.length - ALERTS_SHOWN) };
  }

  cancel(proposalId: string): void {
    this.held.delete(proposalId);
  }

  private async plan(change: EntryChange): Promise<{ write: ManualWrite; recordId: string; endDate?: string; fields: string[] }> {
    const { vault } = this.deps;
    if (change.kind === 'add') {
      const fields = clean(change.fields);
      // A person applied for at the counter today is 仮支援措置 until the measure is decided; 管理番号 may not
      // exist yet: a temporary one (M + date + number) is given, and the next import takes over by 宛名番号.
      if (!fields.state) fields.state = '仮支援措置';
      if (!fields.id) fields.id = await this.temporaryId();
      const read = readEntry(fields);
      if (!read.ok) throw new InvalidEntry(read.problems);
      const p = read.person;
      if (await vault.bodyOf(p.id)) throw listErrors.entryExists();
      if (p.atenaNo && (await vault.idsWithAtena(p.atenaNo)).length > 0) throw listErrors.entryAtenaExists();
      return { write: { kind: 'put', person: p }, recordId: p.id, endDate: p.endDate, fields: Object.keys(fields).sort() };
    }
    const body = await vault.bodyOf(change.id);
    if (!body) throw listErrors.entryNotFound();
    if (change.kind === 'end') return { write: { kind: 'end', id: body.id }, recordId: body.id, fields: [] };
    if (change.kind === 'extend') {
      const today = localIsoDate(this.deps.clock());
      if (expiryState(body.endDate, today) === 'active') throw listErrors.extendTooEarly(monthBefore(body.endDate));
      // One more year from the day after the end (or from today when it has already passed): no gap, no overlap.
      const base = body.endDate < today ? today : nextDay(body.endDate);
      const endDate = oneYearLessADay(base);
      const { sealedDigest: _d, ...rest } = body;
      return { write: { kind: 'putBody', body: { ...rest, endDate } }, recordId: body.id, endDate, fields: ['endDate'] };
    }
    return this.planEdit(body, change.fields);
  }

  private async planEdit(body: PersonBody, typed: EntryFields): Promise<{ write: ManualWrite; recordId: string; endDate?: string; fields: string[] }> {
    const given = clean(typed);
    delete given.id;
    const changed = Object.keys(given).sort();
    if (changed.length === 0) throw listErrors.entryNoChange();
    // The sealed fields cannot be read back (F1): they are typed again together, or kept as they are.
    const resealed = SEALED_ENTRY_FIELDS.some((f) => given[f] !== undefined);
    const merged: Record<string, string> = { ...fieldsOfBody(body), ...given };
    if (!resealed) merged.address = '—';
    const read = readEntry(merged);
    if (!read.ok) throw new InvalidEntry(read.problems.filter((x) => resealed || x.field !== '住所'));
    const p: ProtectedPerson = read.person;
    if (p.atenaNo && p.atenaNo !== body.atenaNo && (await this.deps.vault.idsWithAtena(p.atenaNo)).some((id) => id !== body.id)) throw listErrors.entryAtenaExists();
    if (resealed) return { write: { kind: 'put', person: p }, recordId: body.id, endDate: p.endDate, fields: changed };
    const { address: _a, katagaki: _k, honseki: _h, note: _n, formerAddress: _fa, formerHonseki: _fh, ...rest } = p;
    return { write: { kind: 'putBody', body: rest }, recordId: body.id, endDate: p.endDate, fields: changed };
  }

  private async temporaryId(): Promise<string> {
    const day = localIsoDate(this.deps.clock()).replace(/-/g, '');
    for (let n = 1; n < 1000; n++) {
      const id = `M${day}-${String(n).padStart(3, '0')}`;
      if (!(await this.deps.vault.bodyOf(id))) return id;
    }
    throw listErrors.busy();
  }

  private async verified(p: PinEntry, kind: EntryKind): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) {
      if (STAFF_ID_SHAPE.test(p.staffId)) await this.deps.audit.append({ action: 'record.change_refused', actors: [p.staffId], detail: { kind, code: res.error.code } });
      throw new AppError(res.error);
    }
    if (!res.actor.roles.includes('lead') && !res.actor.roles.includes('admin')) throw await this.refused(res.actor, kind, listErrors.entryRole());
    return res.actor;
  }

  private async refused(who: Actor, kind: EntryKind, error: AppError): Promise<AppError> {
    await this.deps.audit.append({ action: 'record.change_refused', actors: [who.staffId], detail: { kind, code: error.code } });
    return error;
  }

  private async refusedResult(who: Actor, kind: EntryKind, error: AppError): Promise<{ ok: false; error: AppError; problems: FieldProblem[] }> {
    return { ok: false, error: await this.refused(who, kind, error), problems: [] };
  }

  private sweep(): void {
    const now = this.deps.clock().getTime();
    for (const [id, h] of this.held) if (h.expires <= now) this.held.delete(id);
  }
}

class InvalidEntry extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('invalid entry');
  }
}

/** Blank fields are absent: the form sends what was typed, and a space is not a value. */
function clean(fields: EntryFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v ?? '').trim()]).filter(([, v]) => v !== ''));
}

/** The audit's closed set of field names: the three 相手方 columns are one field there. */
function auditFields(fields: readonly string[]): string[] {
  return [...new Set(fields.map((f) => (f.startsWith('aitekata') ? 'aitekata' : f)))].slice(0, 20);
}

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first day an extension is possible: the end date one month back (the same rule as the alerts). */
function monthBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 2, Math.min(d, last))).toISOString().slice(0, 10);
}
