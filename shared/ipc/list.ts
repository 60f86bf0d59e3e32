/**
 * IPC channels of the routine list update and the list bundle (SPEC F8, F13); merged into the one contract.
 * The file never crosses: main reads it from a dialog and the renderer holds a token. Responses carry counts,
 * 管理番号 and row-level codes only — never a name, address or date of birth. The recovery key crosses once,
 * renderer → main, for an export, and is never sent back.
 */
import { z } from 'zod';
import { ImportIssuesSchema, ImportProgressSchema } from './setup';

const AppErrorInfo = z.object({
  code: z.string(), ja: z.string(), en: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const token = z.string().regex(/^[0-9a-f]{24}$/);
const staffId = z.string().min(1).max(32);
const pin = z.string().min(1).max(32);
const PinEntrySchema = z.object({ staffId, pin }).strict();
/** 管理番号 as the 住基 export writes them; the shape keeps anything but an id out of the response. */
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ListPlanSchema = z.object({
  ok: z.boolean(),
  committed: z.boolean(),
  kind: z.enum(['csv', 'bundle']),
  /** When a bundle was made (its signed header), so the administrator can tell an old stick from a new one. */
  bundleCreatedAt: z.string().max(40).optional(),
  summary: z.object({
    added: z.number(), changed: z.number(), removed: z.number(), shortened: z.number(), unchanged: z.number(), total: z.number(),
    planHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Who would lose or have a shorter protection: 管理番号 only, at most 500 each (the counts are complete). */
    removedIds: z.array(recordId).max(500),
    shortenedIds: z.array(recordId).max(500),
    needsTwoPeople: z.boolean(),
    /** Hand entries (issue 22): kept because the file lacks them, taken over by 住基's row, or ended by hand but back. */
    manualKeptIds: z.array(recordId).max(500),
    manualTakenOverIds: z.array(recordId).max(500),
    manualReturningIds: z.array(recordId).max(500),
  }).optional(),
  encoding: z.enum(['utf-8', 'cp932']).optional(),
  error: AppErrorInfo.optional(),
  issues: ImportIssuesSchema,
});
export type ListPlanView = z.infer<typeof ListPlanSchema>;

/**
 * A hand entry's form (issue 22): the 住基 columns a counter can know, as typed. Main reads them with the
 * importer's row rules; nothing typed is ever sent back.
 */
const typed = z.string().max(1000);
export const EntryFieldsSchema = z.object({
  id: typed, atenaNo: typed, name: typed, kana: typed, formerSurnames: typed, dob: typed, sex: typed, address: typed, katagaki: typed,
  honseki: typed, kind: typed, state: typed, startDate: typed, endDate: typed, note: typed, aitekata1Name: typed, aitekata1Kana: typed, aitekata1Dob: typed,
}).partial().strict();
const reason = z.string().max(40);
export const EntryChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), fields: EntryFieldsSchema, reason }).strict(),
  z.object({ kind: z.literal('edit'), id: recordId, fields: EntryFieldsSchema, reason }).strict(),
  z.object({ kind: z.literal('extend'), id: recordId, reason }).strict(),
  z.object({ kind: z.literal('end'), id: recordId, reason }).strict(),
]);
export type EntryChangeInput = z.infer<typeof EntryChangeSchema>;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const EntryProposalSchema = z.object({
  proposalId: token, changeHash: z.string().regex(/^[0-9a-f]{64}$/), kind: z.enum(['add', 'edit', 'extend', 'end']), recordId,
  endDate: isoDay.optional(), fields: z.array(z.string().max(40)).max(40), expiresAt: z.string().max(40),
});
export type EntryProposalView = z.infer<typeof EntryProposalSchema>;
/** One alert row for the lead (issue 22): 管理番号, the measure's end and state — never a name. */
export const ExpiryRowSchema = z.object({ id: recordId, endDate: isoDay, provisional: z.boolean(), manual: z.boolean() });

/** A temporary release (一時解除, SPEC F20): one 管理番号 — never a list — one form kind, one case, 1–8 hours. */
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const ReleaseSchema = z.object({
  id: token, recordId, form: z.enum(['tenseki', 'juminhyo', 'fuhyo', 'koseki']), caseId, reason: z.string().max(40),
  issuedAt: z.string().max(40), endsAt: z.string().max(40), approvers: z.tuple([staffId, staffId]),
});

export const listChannels = {
  /** An open-file dialog in main (住基 CSV or .csbundle); the renderer learns the name, size and kind. */
  'list:choose': {
    request: z.object({}).strict(),
    response: z.object({ file: z.object({ token, name: z.string().max(260), size: z.number(), kind: z.enum(['csv', 'bundle']) }).nullable() }),
  },
  'list:dryRun': { request: z.object({ token }).strict(), response: ListPlanSchema },
  /** All or nothing; `second` is required by core when the plan removes anyone or shortens a period. */
  'list:commit': {
    request: z.object({ token, planHash: z.string().regex(/^[0-9a-f]{64}$/), first: PinEntrySchema, second: PinEntrySchema.optional() }).strict(),
    response: ListPlanSchema,
  },
  'list:progress': { request: z.object({}).strict(), response: ImportProgressSchema },
  /** Main makes the encrypted, signed bundle and saves it through a save dialog; the renderer learns only the file name. `second`: a lead, for the sealed fields, when the administrator is not one. */
  'list:exportBundle': {
    request: z.object({ first: PinEntrySchema, second: PinEntrySchema.optional(), recoveryKey: z.string().min(1).max(80).optional() }).strict(),
    response: z.object({ saved: z.boolean(), location: z.string().max(260), persons: z.number(), fileName: z.string().max(260) }),
  },
  /** The first lead or administrator proposes a hand entry with their PIN; the form's problems come back by field. */
  'list:entryPropose': {
    request: z.object({ change: EntryChangeSchema, proposer: PinEntrySchema }).strict(),
    response: z.object({
      ok: z.boolean(), proposal: EntryProposalSchema.optional(), error: AppErrorInfo.optional(),
      problems: z.array(z.object({ field: z.string().max(40), code: z.string(), ja: z.string(), en: z.string() })).max(40),
    }),
  },
  /** A second lead or administrator confirms exactly the proposal (its hash) with their own PIN. */
  'list:entryConfirm': {
    request: z.object({ proposalId: token, changeHash: z.string().regex(/^[0-9a-f]{64}$/), confirmer: PinEntrySchema }).strict(),
    response: z.object({ recordId, kind: z.enum(['add', 'edit', 'extend', 'end']), endDate: isoDay.optional() }),
  },
  'list:entryCancel': { request: z.object({ proposalId: token }).strict(), response: z.object({ cancelled: z.literal(true) }) },
  /** The lead's alerts: periods ending within a month, and those past their end (still masked). Lead or admin session. */
  'list:expiries': {
    request: z.object({}).strict(),
    response: z.object({ today: isoDay, endingSoon: z.array(ExpiryRowSchema).max(500), expired: z.array(ExpiryRowSchema).max(500), more: z.number() }),
  },
  /** Two approvers at the issuing clerk's terminal, each with their own PIN. */
  'list:releaseGrant': {
    request: z.object({
      recordId, form: z.enum(['tenseki', 'juminhyo', 'fuhyo', 'koseki']), caseId, reason: z.string().max(40), hours: z.number().int().min(1).max(8),
      lead: PinEntrySchema, officer: PinEntrySchema,
    }).strict(),
    response: ReleaseSchema,
  },
  /** The releases in force for one case (the issuing clerk's case shows them); anything due has ended first. */
  'list:releases': { request: z.object({ caseId }).strict(), response: z.object({ releases: z.array(ReleaseSchema).max(20) }) },
  'list:releaseEnd': { request: z.object({ id: token, by: PinEntrySchema }).strict(), response: z.object({ ended: z.literal(true) }) },
} as const;
