/**
 * IPC channels of the mailing check (SPEC F17, issue 21); merged into the one contract. The batch never
 * crosses: main reads it from a dialog and the renderer holds a token. Responses are row numbers, decisions,
 * codes and counts — never a value from the batch or the list, never a 管理番号.
 */
import { z } from 'zod';
import { MAIL_CODES } from '../mailing/codes';
import { departmentCode, mailMappingSchema } from '../mailing/mapping';
import { ImportIssuesSchema } from './setup';

const AppErrorInfo = z.object({
  code: z.string(), ja: z.string(), en: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
const token = z.string().regex(/^[0-9a-f]{24}$/);
const code = z.enum(Object.keys(MAIL_CODES) as [keyof typeof MAIL_CODES, ...(keyof typeof MAIL_CODES)[]]);
const MappingSchema = z.record(z.string(), z.string().max(60));

export const MailingOutcomeSchema = z.object({
  ok: z.boolean(),
  results: z.array(z.object({ row: z.number().int(), decision: z.enum(['stop', 'review', 'ok']), code })).max(100_000),
  summary: z.object({ rows: z.number(), stop: z.number(), review: z.number(), ok: z.number() }).optional(),
  encoding: z.enum(['utf-8', 'cp932']).optional(),
  error: AppErrorInfo.optional(),
  issues: ImportIssuesSchema,
});
export type MailingOutcomeView = z.infer<typeof MailingOutcomeSchema>;

/** Rows done of rows in the file, for the running mailing check or reconciliation (the screen polls it). */
export const WorkProgressSchema = z.object({
  running: z.boolean(), phase: z.enum(['idle', 'mailing', 'reconcile']), done: z.number().int().min(0), total: z.number().int().min(0),
});
export type WorkProgressView = z.infer<typeof WorkProgressSchema>;

export const mailingChannels = {
  /** The department's remembered column mapping (column names only), or null when none is set yet. */
  'mailing:mapping': { request: z.object({ department: departmentCode }).strict(), response: z.object({ mapping: MappingSchema.nullable() }) },
  /** Saving a mapping changes what every later check reads: a lead or administrator, audited. */
  'mailing:saveMapping': { request: z.object({ department: departmentCode, mapping: mailMappingSchema }).strict(), response: z.object({ mapping: MappingSchema }) },
  'mailing:choose': {
    request: z.object({}).strict(),
    response: z.object({ file: z.object({ token, name: z.string().max(260), size: z.number() }).nullable() }),
  },
  'mailing:check': { request: z.object({ token, department: departmentCode }).strict(), response: MailingOutcomeSchema },
  'mailing:progress': { request: z.object({}).strict(), response: WorkProgressSchema },
  /** Main writes the last result's report (row numbers, codes, counts) through a save dialog. */
  'mailing:saveReport': { request: z.object({}).strict(), response: z.object({ location: z.string().max(260) }) },
} as const;
