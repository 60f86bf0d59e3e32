/**
 * IPC channels of sessions and the two-operator unmask (SPEC F4, F9); merged into the one contract.
 * Only one response in this file can carry a protected value: 'unmask:take', which main answers once per
 * grant, to the session that asked, before the grant expires. Everything else is ids, field names, codes.
 */
import { z } from 'zod';
import { SEALED_FIELDS } from '../domain/person';
import { UNMASK_REASON_CODES, UNMASK_REASON_TEXT_MAX } from '../domain/unmask';

const staffId = z.string().regex(/^[A-Za-z0-9_-]{2,32}$/);
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const opaqueId = z.string().regex(/^[cgqs][0-9a-f]{16,64}$/);
/** Digits only (ASCII or full-width); the schema error never echoes what was typed. */
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const field = z.enum(SEALED_FIELDS);
const role = z.enum(['clerk', 'lead', 'admin', 'contractor']);

export const SessionViewSchema = z.object({
  staffId: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  idleSeconds: z.number().int().positive(),
  idleRemainingSeconds: z.number().int().nonnegative(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const RequestDescriptionSchema = z.object({
  requestId: z.string(),
  requesterId: z.string(),
  requesterName: z.string(),
  recordId: z.string(),
  field,
  reasonCode: z.enum(UNMASK_REASON_CODES),
  reasonText: z.string().optional(),
  ttlSeconds: z.number().int().positive(),
  createdAt: z.string(),
  expiresInSeconds: z.number().int().nonnegative(),
  requestHash: z.string(),
  /** The case the request comes from (issue 14): what the lead must see besides the 管理番号 and field. */
  form: z.string().optional(),
  applicantKind: z.string().optional(),
  caseReason: z.string().optional(),
});
export type RequestDescriptionView = z.infer<typeof RequestDescriptionSchema>;

const decision = z.object({ requestId: opaqueId, requestHash: hash, approverId: staffId, approverPin: pin }).strict();

export const unmaskChannels = {
  'session:login': { request: z.object({ staffId, pin }).strict(), response: SessionViewSchema },
  'session:current': { request: z.object({}).strict(), response: z.object({ session: SessionViewSchema.nullable() }) },
  /** Keyboard or mouse activity in the clerk's window postpones the idle lock. */
  'session:activity': { request: z.object({}).strict(), response: z.object({ session: SessionViewSchema.nullable() }) },
  'session:logout': { request: z.object({}).strict(), response: z.object({ locked: z.literal(true) }) },
  /** The masked panel of a record matched in the clerk's open case: which sealed fields exist — names only. */
  'unmask:maskedRecord': {
    request: z.object({ caseId, recordId }).strict(),
    response: z.object({ recordId: z.string(), fields: z.array(field) }),
  },
  'unmask:request': {
    request: z.object({
      caseId, recordId, field, reasonCode: z.enum(UNMASK_REASON_CODES), reasonText: z.string().max(UNMASK_REASON_TEXT_MAX).optional(), pin,
    }).strict(),
    response: z.object({ requestId: z.string(), requestHash: z.string(), expiresInSeconds: z.number().int().nonnegative() }),
  },
  'unmask:describe': { request: z.object({ requestId: opaqueId }).strict(), response: RequestDescriptionSchema },
  'unmask:approve': {
    request: decision,
    response: z.object({ grantId: z.string(), recordId: z.string(), field, ttlSeconds: z.number().int().positive() }),
  },
  'unmask:refuse': { request: decision, response: z.object({ refused: z.literal(true) }) },
  'unmask:cancel': { request: z.object({ requestId: opaqueId }).strict(), response: z.object({ cancelled: z.literal(true) }) },
  /** The one response that carries a protected value: once per grant, to the requesting session, before expiry. */
  'unmask:take': {
    request: z.object({ grantId: opaqueId }).strict(),
    response: z.object({ grantId: z.string(), recordId: z.string(), field, value: z.string().max(2000), remainingMs: z.number().int().nonnegative() }),
  },
  /** The clerk's window gives a value back early (navigation, case close, countdown reached zero). */
  'unmask:release': {
    request: z.object({ grantId: opaqueId, reason: z.enum(['navigation', 'case-close', 'released']) }).strict(),
    response: z.object({ released: z.literal(true) }),
  },
} as const;
