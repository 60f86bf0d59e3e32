/**
 * IPC channels of the reconciliation with other systems (SPEC F18, issue 21); merged into the one contract.
 * The other system's file never crosses. Responses are codes, row numbers, counts and finding numbers, for
 * leads and administrators only; a finding's 管理番号 crosses only in the answer to `reconcile:reveal`, after
 * two people have entered their PINs.
 */
import { z } from 'zod';
import { OTHER_SYSTEMS, RECONCILE_CODES, RECONCILE_FIELDS, RESOLUTIONS } from '../mailing/reconcileCodes';
import { ImportIssuesSchema } from './setup';

const AppErrorInfo = z.object({
  code: z.string(), ja: z.string(), en: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
const keys = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const token = z.string().regex(/^[0-9a-f]{24}$/);
const system = z.enum(keys(OTHER_SYSTEMS));
const code = z.enum(keys(RECONCILE_CODES));
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const staffId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const PinEntrySchema = z.object({ staffId, pin }).strict();
const column = z.string().min(1).max(60).regex(/^[^\u0000-\u001f\u007f]+$/);
const MappingSchema = z.object(Object.fromEntries(RECONCILE_FIELDS.map((f) => [f, column.optional()])) as Record<(typeof RECONCILE_FIELDS)[number], z.ZodOptional<typeof column>>).strict();

// Strict: a run's answer that carried a 管理番号 (or anything else) would fail validation instead of reaching the screen.
const FindingSchema = z.object({ row: z.number().int(), code }).strict();
export const ReconcileStatusSchema = z.object({ red: z.number(), review: z.number(), overdue: z.number() });
export const OpenFindingSchema = z.object({
  id: z.string().regex(/^RC-[0-9a-f]{12}$/), system, code, severity: z.enum(['red', 'review']), row: z.number().int(),
  aboutPerson: z.boolean(), createdAt: z.string(), overdue: z.boolean(),
}).strict();
export type OpenFindingView = z.infer<typeof OpenFindingSchema>;
const RevealedEntrySchema = z.enum(['active', 'ended', 'gone', 'none']);
export type RevealedEntry = z.infer<typeof RevealedEntrySchema>;

export const ReconcileOutcomeSchema = z.object({
  ok: z.boolean(),
  findings: z.array(FindingSchema).max(5000),
  counts: z.object({ rows: z.number(), matched: z.number(), red: z.number(), review: z.number() }).optional(),
  added: z.number().optional(),
  alreadyOpen: z.number().optional(),
  encoding: z.enum(['utf-8', 'cp932']).optional(),
  error: AppErrorInfo.optional(),
  issues: ImportIssuesSchema,
});
export type ReconcileOutcomeView = z.infer<typeof ReconcileOutcomeSchema>;

export const reconcileChannels = {
  /** The open-file dialog in main; the renderer learns the name and the columns the usual headers give. */
  'reconcile:choose': {
    request: z.object({}).strict(),
    response: z.object({ file: z.object({ token, name: z.string().max(260), size: z.number(), mapping: MappingSchema }).nullable() }),
  },
  'reconcile:run': { request: z.object({ token, system, mapping: MappingSchema }).strict(), response: ReconcileOutcomeSchema },
  'reconcile:open': { request: z.object({}).strict(), response: z.object({ findings: z.array(OpenFindingSchema).max(5000), status: ReconcileStatusSchema }) },
  /** Counts only, for the start screen's red notice — shown to anyone logged in, like the overdue review. */
  'reconcile:status': { request: z.object({}).strict(), response: ReconcileStatusSchema.extend({ available: z.boolean() }) },
  /**
   * The finding's 管理番号 for the two people who will act on it in the other system: both PINs first, audited.
   * `entry`: the person is still on the list, their period ended since, they were deleted since (no number), or
   * the finding is about a row of the other file (no person).
   */
  'reconcile:reveal': {
    request: z.object({ findingId: z.string().regex(/^RC-[0-9a-f]{12}$/), lead: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: z.object({ findingId: z.string(), recordId: recordId.nullable(), entry: RevealedEntrySchema }),
  },
  'reconcile:resolve': {
    request: z.object({ findingId: z.string().regex(/^RC-[0-9a-f]{12}$/), resolution: z.enum(keys(RESOLUTIONS)), reference: z.string().regex(/^[A-Za-z0-9-]{1,32}$/).optional(), lead: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: ReconcileStatusSchema,
  },
} as const;
