/**
 * IPC channels of first-run setup and terminal enrolment (SPEC F9, F13); merged into the one contract.
 * The list file never crosses: main reads it from a dialog and the renderer holds a token. The recovery key
 * crosses once, to be shown, and only until it is confirmed; no response ever carries a PIN.
 */
import { z } from 'zod';

const AppErrorInfo = z.object({
  code: z.string(), ja: z.string(), en: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const SETUP_STAGES = [
  'key-protection-unavailable', 'admins', 'recovery-key', 'policy', 'first-import', 'complete', 'enrolment-required', 'error',
] as const;

export const SetupStatusSchema = z.object({
  stage: z.enum(SETUP_STAGES),
  restarted: z.boolean(),
  errorCode: z.string().optional(),
  /** Why enrolment is asked for (issue 16): a new or reset OS account, or a data folder copied from another PC. */
  enrolReason: z.enum(['new-account', 'copied-folder']).optional(),
  /** This PC offers enrolment with an administrator's 職員番号 + PIN (its machine-scope secret works); else the recovery key. */
  pinEnrolment: z.boolean().optional(),
});
export type SetupStatusView = z.infer<typeof SetupStatusSchema>;

/** Loose on purpose: the core checks PINs and ids and answers with the Japanese rule that was broken. */
const AdminSchema = z.object({
  staffId: z.string().min(1).max(32),
  displayName: z.string().min(1).max(80),
  pin: z.string().min(1).max(32),
  pinConfirm: z.string().min(1).max(32),
}).strict();

const token = z.string().regex(/^[0-9a-f]{24}$/);

/** Row-level import messages (row, column name, code): never a value from the file. At most 100 cross. */
export const ImportIssuesSchema = z.array(z.object({ row: z.number(), column: z.string().optional(), code: z.string(), ja: z.string(), en: z.string() })).max(100);

export const ImportOutcomeSchema = z.object({
  ok: z.boolean(),
  committed: z.boolean(),
  summary: z.object({
    added: z.number(), changed: z.number(), removed: z.number(), shortened: z.number(), unchanged: z.number(), total: z.number(),
    planHash: z.string(),
  }).optional(),
  encoding: z.enum(['utf-8', 'cp932']).optional(),
  error: AppErrorInfo.optional(),
  issues: ImportIssuesSchema,
});
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

export const ImportProgressSchema = z.object({
  running: z.boolean(), phase: z.enum(['idle', 'parse', 'compare', 'index', 'write']), done: z.number(), total: z.number(),
});

export const setupChannels = {
  'setup:status': { request: z.object({}).strict(), response: SetupStatusSchema },
  'setup:createAdmins': { request: z.object({ admins: z.tuple([AdminSchema, AdminSchema]) }).strict(), response: SetupStatusSchema },
  /** The recovery key in groups, for the one screen that shows it; refused once it is confirmed. */
  'setup:recoveryKey': { request: z.object({}).strict(), response: z.object({ groups: z.array(z.string().regex(/^[0-9A-Z]{4}$/)).length(9) }) },
  /** Main prints the sheet (HTML made in main); nothing is saved by the app. */
  'setup:printRecoverySheet': { request: z.object({}).strict(), response: z.object({ printed: z.boolean() }) },
  'setup:confirmRecoveryKey': { request: z.object({ lastGroups: z.string().max(40) }).strict(), response: SetupStatusSchema },
  'setup:reviewPolicy': { request: z.object({}).strict(), response: SetupStatusSchema },
  'setup:chooseList': {
    request: z.object({}).strict(),
    response: z.object({ file: z.object({ token, name: z.string().max(260), size: z.number() }).nullable() }),
  },
  'setup:importDryRun': { request: z.object({ token }).strict(), response: ImportOutcomeSchema },
  'setup:importCommit': {
    request: z.object({ token, planHash: z.string().regex(/^[0-9a-f]{64}$/), staffId: z.string().min(1).max(32), pin: z.string().min(1).max(32) }).strict(),
    response: z.object({ outcome: ImportOutcomeSchema, status: SetupStatusSchema }),
  },
  'setup:importProgress': { request: z.object({}).strict(), response: ImportProgressSchema },
  /**
   * Another OS account on this PC (issue 16): an administrator's id + PIN alone, through their enrolment slot, which
   * opens only on this PC. The usual way; the recovery key below is the fallback (another PC, no slot here).
   */
  'enrol:submitPin': {
    request: z.object({ staffId: z.string().min(1).max(32), pin: z.string().min(1).max(32) }).strict(),
    response: SetupStatusSchema,
  },
  /** Another OS account or PC: the recovery key, then an administrator's id + PIN. */
  'enrol:submit': {
    request: z.object({ recoveryKey: z.string().min(1).max(80), staffId: z.string().min(1).max(32), pin: z.string().min(1).max(32) }).strict(),
    response: SetupStatusSchema,
  },
} as const;
