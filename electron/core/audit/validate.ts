/**
 * The guard that keeps personal data out of the log (SPEC F10, invariant 3). An event may carry record
 * ids, staff ids, field names from a closed set, codes and counts — nothing else. The shapes are strict on
 * purpose: a developer who passes a name, a date of birth or an address by mistake gets a refused write in
 * their first test, not a name in a tamper-evident log that can never be cleaned.
 *
 * Limits (docs/audit.md): a romanised name typed into an id-shaped slot would pass; the shapes cannot know.
 */
import { isAuditAction, type AuditAction } from '../../../shared/audit/actions';
import type { AuditEvent } from '../ports';
import { auditErrors } from './errors';

/** 管理番号, case ids, proposal ids, incident ids: ASCII, no spaces. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Staff ids, terminal ids, and the fixed pseudo-actors 'system' and 'terminal'. */
export const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DETAIL_KEY = /^[a-z][A-Za-z0-9_]{0,31}$/;
/** Codes, refs, hashes, ISO timestamps, months: ASCII without spaces. */
const DETAIL_STRING = /^[A-Za-z0-9_.:+/-]{0,128}$/;
/** A calendar date alone can be a date of birth; events carry timestamps (with a time) or months instead. */
const BARE_DATE = /^(\d{2,4})[-/.](\d{1,2})[-/.](\d{1,2})$|^\d{8}$/;
/** Digit strings look like phone numbers, 宛名番号 or postal codes; counts are numbers, not strings. */
const DIGITS_ONLY = /^[+\d-]+$/;
const digitCount = (s: string): number => s.replace(/\D/g, '').length;
const FORBIDDEN_KEYS = new Set(['name', 'kana', 'dob', 'birth', 'address', 'katagaki', 'honseki', 'pin', 'phone', 'note', 'value', 'text', 'memo', 'free']);

/** Field names an event may name (what was masked, unmasked or edited), never their values. */
export const AUDIT_FIELDS = new Set([
  'id', 'atenaNo', 'name', 'kana', 'formerSurnames', 'dob', 'sex', 'address', 'katagaki', 'honseki', 'kind', 'state',
  'startDate', 'endDate', 'aitekata', 'note', 'household', 'phone', 'chiban', 'applicant', 'agent', 'policy', 'pin', 'roles',
  'formerAddress', 'workplace', 'school', 'email', 'relation',
]);

const MAX_ACTORS = 4;
const MAX_TARGETS = 32;
const MAX_DETAIL = 16;

export interface ValidEvent {
  action: AuditAction;
  actors: string[];
  targets: Array<{ recordId?: string; field?: string }>;
  detail: Record<string, string | number | boolean>;
}

export function validateEvent(e: AuditEvent): ValidEvent {
  if (typeof e?.action !== 'string' || !isAuditAction(e.action)) throw auditErrors.unknownAction(String(e?.action));
  if (!Array.isArray(e.actors) || e.actors.length === 0 || e.actors.length > MAX_ACTORS) throw auditErrors.personalData('actors');
  for (const a of e.actors) if (typeof a !== 'string' || !STAFF_ID.test(a) || BARE_DATE.test(a)) throw auditErrors.personalData('actors');
  const targets = (e.targets ?? []).map((t, i) => {
    const out: { recordId?: string; field?: string } = {};
    if (t.recordId !== undefined) {
      if (typeof t.recordId !== 'string' || !RECORD_ID.test(t.recordId) || BARE_DATE.test(t.recordId)) throw auditErrors.personalData(`targets.${i}.recordId`);
      out.recordId = t.recordId;
    }
    if (t.field !== undefined) {
      if (typeof t.field !== 'string' || !AUDIT_FIELDS.has(t.field)) throw auditErrors.personalData(`targets.${i}.field`);
      out.field = t.field;
    }
    const extra = Object.keys(t).filter((k) => k !== 'recordId' && k !== 'field');
    if (extra.length > 0 || (out.recordId === undefined && out.field === undefined)) throw auditErrors.personalData(`targets.${i}`);
    return out;
  });
  if (targets.length > MAX_TARGETS) throw auditErrors.personalData('targets');
  const detail: Record<string, string | number | boolean> = {};
  const entries = Object.entries(e.detail ?? {});
  if (entries.length > MAX_DETAIL) throw auditErrors.personalData('detail');
  for (const [k, v] of entries) {
    if (!DETAIL_KEY.test(k) || FORBIDDEN_KEYS.has(k.toLowerCase())) throw auditErrors.personalData(`detail.${DETAIL_KEY.test(k) ? k : '?'}`);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw auditErrors.personalData(`detail.${k}`);
    } else if (typeof v === 'string') {
      if (!DETAIL_STRING.test(v) || BARE_DATE.test(v) || (DIGITS_ONLY.test(v) && digitCount(v) >= 7)) {
        throw auditErrors.personalData(`detail.${k}`);
      }
    } else if (typeof v !== 'boolean') throw auditErrors.personalData(`detail.${k}`);
    detail[k] = v;
  }
  return { action: e.action, actors: [...e.actors], targets, detail };
}
