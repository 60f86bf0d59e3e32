/**
 * IPC channels of staff administration (SPEC F9); merged into the one contract. An administrator proposes a
 * change, a second person confirms it at the same terminal with their own id + PIN. No response here ever
 * carries a PIN, a PIN hash, a salt or the pepper: the list is ids, names, roles and lockout counters.
 */
import { z } from 'zod';

/** 'contractor' = 委託職員: a login of its own, never combined with another role (core refuses it). */
export const STAFF_ROLES = ['clerk', 'lead', 'admin', 'contractor'] as const;
export const STAFF_CHANGE_KINDS = ['add', 'setRoles', 'resetPin', 'unlock', 'retire'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffChangeKind = (typeof STAFF_CHANGE_KINDS)[number];

const staffId = z.string().regex(/^[A-Za-z0-9_-]{2,32}$/);
/** Digits only (ASCII or full-width); the schema error never echoes what was typed. */
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const changeId = z.string().regex(/^c[0-9a-f]{16,64}$/);
const role = z.enum(STAFF_ROLES);
const roles = z.array(role).min(1).max(4);

export const StaffRowSchema = z.object({
  staffId: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  retired: z.boolean(),
  locked: z.boolean(),
  failedCount: z.number().int().nonnegative(),
}).strict();
export type StaffRowView = z.infer<typeof StaffRowSchema>;

export const StaffChangeInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), staffId, displayName: z.string().min(1).max(40), roles }).strict(),
  z.object({ kind: z.literal('setRoles'), staffId, roles }).strict(),
  z.object({ kind: z.literal('resetPin'), staffId }).strict(),
  z.object({ kind: z.literal('unlock'), staffId }).strict(),
  z.object({ kind: z.literal('retire'), staffId }).strict(),
]);
export type StaffChangeInput = z.infer<typeof StaffChangeInputSchema>;

/** What the second person is shown before typing their PIN: who proposed, exactly what changes, the check code. */
export const StaffChangeDescriptionSchema = z.object({
  changeId: z.string(),
  changeHash: z.string(),
  /** The first 8 hex digits of changeHash, grouped: the proposer's and the confirmer's screen show the same. */
  checkCode: z.string(),
  kind: z.enum(STAFF_CHANGE_KINDS),
  proposerId: z.string(),
  proposerName: z.string(),
  subjectId: z.string(),
  /** For 'add' the proposed name; otherwise the member's current name. */
  subjectName: z.string(),
  /** The member's roles now (null for 'add'), and after the change (null when roles do not change). */
  rolesBefore: z.array(role).nullable(),
  rolesAfter: z.array(role).nullable(),
  subjectLocked: z.boolean(),
  subjectFailedCount: z.number().int().nonnegative(),
  needsSubjectPin: z.boolean(),
  needsSealAuthority: z.boolean(),
  expiresAt: z.string(),
  expiresInSeconds: z.number().int().nonnegative(),
}).strict();
export type StaffChangeDescription = z.infer<typeof StaffChangeDescriptionSchema>;

export const staffChannels = {
  /** Administrators only (live session with the admin role). */
  'staff:list': { request: z.object({}).strict(), response: z.object({ staff: z.array(StaffRowSchema) }) },
  /** The proposer is the logged-in administrator, who types their PIN again. */
  'staff:propose': {
    request: z.object({ proposerId: staffId, proposerPin: pin, change: StaffChangeInputSchema }).strict(),
    response: StaffChangeDescriptionSchema,
  },
  'staff:describeChange': { request: z.object({ changeId }).strict(), response: StaffChangeDescriptionSchema },
  /** Bound to the hash the confirmer was shown; subjectPin / recoveryKey only when the description asks for them. */
  'staff:confirm': {
    request: z.object({
      changeId, changeHash: hash, confirmerId: staffId, confirmerPin: pin,
      subjectPin: pin.optional(), recoveryKey: z.string().min(1).max(80).optional(),
    }).strict(),
    response: z.object({ applied: z.literal(true), kind: z.enum(STAFF_CHANGE_KINDS), staffId: z.string() }),
  },
  'staff:cancel': { request: z.object({ changeId }).strict(), response: z.object({ cancelled: z.literal(true) }) },
  /** Any logged-in member, for their own PIN only (the staff id comes from the session, not the payload). */
  'staff:changeOwnPin': {
    request: z.object({ oldPin: pin, newPin: pin }).strict(),
    response: z.object({ changed: z.literal(true) }),
  },
} as const;
