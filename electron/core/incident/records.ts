/**
 * Incident records (SPEC F12), encrypted in the vault: what was disclosed, to whom, when and how; corrections
 * of wrong information; contact with the protected person; the report clock. The free text can name people
 * and places, so the whole record is one AES-256-GCM ciphertext under a key from serviceKey('incident-records'),
 * bound to its id (AAD); only the id and creation time are in the clear. Audit rows carry the id only.
 */
import { auditedTransaction } from '../audit/chain';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditSink, Clock, StaffAuthenticator } from '../ports';
import * as aead from '../vault/aead';
import type { Db } from '../vault/db';
import { hkdf } from '../vault/keys';
import { migrateSubsystem } from '../vault/schema';
import { RECORD_ID } from '../audit/validate';
import { reportClocks, type ReportClock, type ReportKind } from './deadlines';
import { incidentErrors } from './errors';

export interface IncidentInput {
  /** When the town became aware (starts the report clock). ISO timestamp. */
  discoveredAt: string;
  /** When and how it was disclosed, what, and to whom — free text, encrypted. */
  disclosedAt: string;
  what: string;
  toWhom: string;
  how: string;
  improperPurpose: boolean;
  /** 管理番号 of the protected persons concerned (ids only). */
  recordIds: string[];
}

export interface Note { at: string; by: string; text: string }
export interface Contact extends Note { method: string }

export interface Incident extends IncidentInput {
  id: string;
  createdAt: string;
  createdBy: string;
  corrections: Note[];
  contacts: Contact[];
  sokuhoAt?: string;
  kakuhoAt?: string;
}

export interface IncidentSummary { id: string; createdAt: string; discoveredAt: string; improperPurpose: boolean; clocks: ReportClock[]; contacts: number; corrections: number }

export interface PinEntry { staffId: string; pin: string }

export interface IncidentDeps { db: Db; serviceKey: Buffer; audit: AuditSink; auth: StaffAuthenticator; clock: Clock; newId?: () => string }

const MIGRATIONS = ['CREATE TABLE incident_records (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body BLOB NOT NULL);'];
const MAX_TEXT = 4000;

export class IncidentLog {
  private constructor(private readonly deps: IncidentDeps, private readonly key: Buffer) {}

  static async open(deps: IncidentDeps): Promise<IncidentLog> {
    await migrateSubsystem(deps.db, 'incident', MIGRATIONS);
    return new IncidentLog(deps, hkdf(deps.serviceKey, Buffer.alloc(0), 'countershield/v1/incident/record'));
  }

  async create(input: IncidentInput, by: PinEntry): Promise<Incident> {
    const actor = await this.lead(by);
    checkInput(input);
    const now = this.deps.clock().toISOString();
    const id = (this.deps.newId ?? newIncidentId)(this.deps.clock());
    const inc: Incident = { ...input, recordIds: [...input.recordIds], id, createdAt: now, createdBy: actor.staffId, corrections: [], contacts: [] };
    // The record and its entry in one transaction (SPEC invariant 7). The entry carries when the town became aware
    // (a time, not a person's date): the station runs this incident's report clock from it (fleet/fleetIncidents.ts).
    await auditedTransaction(this.deps.db, this.deps.audit,
      () => this.deps.db.run('INSERT INTO incident_records (id, created_at, body) VALUES (?, ?, ?)', [id, now, this.seal(inc)]),
      () => [{ action: 'incident.recorded', actors: [actor.staffId], targets: [{ recordId: id }, ...input.recordIds.map((r) => ({ recordId: r }))], detail: { improperPurpose: input.improperPurpose, discoveredAt: new Date(input.discoveredAt).toISOString() } }]);
    return inc;
  }

  async addCorrection(id: string, text: string, by: PinEntry): Promise<Incident> {
    return this.update(id, by, 'correction', (inc, who, at) => ({ ...inc, corrections: [...inc.corrections, { at, by: who, text: checkText(text, 'text') }] }));
  }

  async addContact(id: string, contact: { method: string; text: string; at?: string }, by: PinEntry): Promise<Incident> {
    return this.update(id, by, 'contact', (inc, who, at) => ({ ...inc, contacts: [...inc.contacts, { at: contact.at ?? at, by: who, method: checkText(contact.method, 'method'), text: checkText(contact.text, 'text') }] }));
  }

  async markReported(id: string, kind: ReportKind, by: PinEntry): Promise<Incident> {
    return this.update(id, by, kind, (inc, _who, at) => (kind === 'sokuho' ? { ...inc, sokuhoAt: at } : { ...inc, kakuhoAt: at }), 'incident.reported');
  }

  async get(id: string): Promise<Incident> {
    const row = await this.deps.db.get<{ body: Buffer }>('SELECT body FROM incident_records WHERE id = ?', [id]);
    if (!row) throw incidentErrors.notFound();
    return this.open(id, row.body);
  }

  async list(): Promise<IncidentSummary[]> {
    const rows = await this.deps.db.all<{ id: string; body: Buffer }>('SELECT id, body FROM incident_records ORDER BY created_at DESC');
    const now = this.deps.clock();
    return rows.map((r) => {
      const i = this.open(r.id, r.body);
      return { id: i.id, createdAt: i.createdAt, discoveredAt: i.discoveredAt, improperPurpose: i.improperPurpose, clocks: reportClocks(i, now), contacts: i.contacts.length, corrections: i.corrections.length };
    });
  }

  /** Open report clocks (not yet filed), most urgent first — what the start screen counts down. */
  async deadlines(now: Date = this.deps.clock()): Promise<Array<{ incidentId: string } & ReportClock>> {
    const rows = await this.deps.db.all<{ id: string; body: Buffer }>('SELECT id, body FROM incident_records');
    const out = rows.flatMap((r) => {
      const i = this.open(r.id, r.body);
      return reportClocks(i, now).filter((c) => c.state !== 'done').map((c) => ({ incidentId: i.id, ...c }));
    });
    return out.sort((a, b) => a.remainingMs - b.remainingMs);
  }

  private async update(id: string, by: PinEntry, part: string, change: (i: Incident, who: string, at: string) => Incident, action: 'incident.updated' | 'incident.reported' = 'incident.updated'): Promise<Incident> {
    const actor = await this.lead(by);
    const current = await this.get(id);
    const next = change(current, actor.staffId, this.deps.clock().toISOString());
    await auditedTransaction(this.deps.db, this.deps.audit,
      () => this.deps.db.run('UPDATE incident_records SET body = ? WHERE id = ?', [this.seal(next), id]),
      () => [{ action, actors: [actor.staffId], targets: [{ recordId: id }], detail: { part } }]);
    return next;
  }

  private async lead(p: PinEntry): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(p.staffId, p.pin);
    if (!res.ok) throw new AppError(res.error);
    if (!res.actor.roles.includes('lead') && !res.actor.roles.includes('admin')) throw incidentErrors.leadRequired();
    return res.actor;
  }

  private seal(i: Incident): Buffer {
    return aead.seal(this.key, Buffer.from(JSON.stringify(i), 'utf8'), `cs/v1|incident|${i.id}`);
  }

  private open(id: string, body: Buffer): Incident {
    try {
      return JSON.parse(aead.open(this.key, body, `cs/v1|incident|${id}`).toString('utf8')) as Incident;
    } catch {
      throw incidentErrors.corrupt();
    }
  }
}

function checkText(s: string, field: string): string {
  if (typeof s !== 'string' || s.trim() === '' || s.length > MAX_TEXT) throw incidentErrors.invalid(field);
  return s;
}

function checkInput(i: IncidentInput): void {
  for (const f of ['discoveredAt', 'disclosedAt'] as const) if (!Number.isFinite(Date.parse(i[f]))) throw incidentErrors.invalid(f);
  for (const f of ['what', 'toWhom', 'how'] as const) checkText(i[f], f);
  if (!Array.isArray(i.recordIds) || i.recordIds.some((r) => !RECORD_ID.test(r))) throw incidentErrors.invalid('recordIds');
}

/** INC-YYYYMM-XXXX: readable aloud on the phone to the 個人情報保護委員会, and id-shaped for the audit log. */
function newIncidentId(now: Date): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `INC-${now.toISOString().slice(0, 7).replace('-', '')}-${Array.from(randomBytes(4), (b) => alphabet[b % alphabet.length]).join('')}`;
}
