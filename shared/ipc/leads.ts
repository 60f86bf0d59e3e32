/**
 * IPC channels for team leads (SPEC F10–F12): the audit viewer and verify, the monthly review, the incident
 * record, and the overview the start screen shows. Merged into the one contract. Every response is ids,
 * codes, counts and times — except incident free text, which only goes renderer → main (it is written by a
 * lead and stored encrypted; nothing here sends it back).
 */
import { z } from 'zod';

const staffId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
/** Digits only (ASCII or full-width); the schema error never echoes what was typed. */
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const PinEntrySchema = z.object({ staffId, pin }).strict();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const recordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const incidentId = z.string().regex(/^INC-[0-9]{6}-[A-Z0-9]{4}$/);
const iso = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'date');
const text = (max: number) => z.string().min(1).max(max);
const Empty = z.object({}).strict();

export const AuditFilterSchema = z.object({
  fromDay: day.optional(), toDay: day.optional(), actor: staffId.optional(),
  action: z.string().regex(/^[a-z_.]{1,48}$/).optional(), recordId: recordId.optional(),
  /** 端末番号 (issue 19): at the station, one terminal of the merged audit. */
  terminal: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
}).strict();

const AuditRowSchema = z.object({
  seq: z.number(), at: z.string(), terminal: z.string(), actors: z.array(z.string()), action: z.string(),
  actionJa: z.string(), actionEn: z.string(),
  targets: z.array(z.object({ recordId: z.string().optional(), field: z.string().optional() })),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

const ProblemSchema = z.object({ kind: z.string(), seq: z.number(), toSeq: z.number().optional(), ja: z.string(), en: z.string() });

const ClockSchema = z.object({
  kind: z.enum(['sokuho', 'kakuho']), dueAt: z.string(), remainingMs: z.number(), dayNumber: z.number(),
  state: z.enum(['ok', 'warning', 'overdue', 'done']),
});

const AnomalySchema = z.union([
  z.object({ kind: z.literal('unmask-outside-hours'), seq: z.number(), at: z.string(), actors: z.array(z.string()) }),
  z.object({ kind: z.literal('lookup-outlier'), staffId: z.string(), lookups: z.number(), median: z.number() }),
  z.object({ kind: z.literal('repeated-refusals'), staffId: z.string(), refusals: z.number() }),
]);

export const MonthlyReportSchema = z.object({
  month: z.string(),
  counts: z.record(z.string(), z.number()),
  perDay: z.array(z.object({ day: z.string(), total: z.number(), unmask: z.number(), refusal: z.number(), alarm: z.number(), photo: z.number() })),
  anomalies: z.array(AnomalySchema),
  /** Temporary releases of the month and when each ended (SPEC F20, issue 22): ids, times, codes. */
  releases: z.array(z.object({
    release: z.string(), recordId: z.string(), grantedAt: z.string().nullable(), endsAt: z.string().nullable(), endedAt: z.string().nullable(), cause: z.string().nullable(),
  })).optional(),
  reportHash: z.string(),
  signOff: z.object({ lead: z.string(), second: z.string(), at: z.string() }).nullable(),
});
export type MonthlyReportDto = z.infer<typeof MonthlyReportSchema>;

export const LeadsOverviewSchema = z.object({
  available: z.boolean(),
  overdueReviews: z.array(z.string()),
  dueReview: z.string().nullable(),
  /** Staff ids only for a lead or admin session; the count for everyone. */
  reconfirmationsDue: z.array(z.string()),
  reconfirmationsDueCount: z.number(),
  reconfirmationsOverdue: z.boolean(),
  /** The incident id only for a lead or admin session. */
  /** At the station also every terminal's incidents (issue 19), with the 端末番号 where each was recorded. */
  // approximate: a terminal's incident whose awareness time is not in its entries, counted from the entry's own time.
  incidentClocks: z.array(ClockSchema.extend({ incidentId: z.string().optional(), terminal: z.string().optional(), approximate: z.literal(true).optional() })),
  brokenChain: z.object({ breaks: z.number(), first: ProblemSchema.pick({ kind: true, seq: true }) }).nullable(),
  /** Repeated wrong PINs on this terminal across staff ids (issue 14): someone may be locking staff out. */
  pinAlert: z.object({ failures: z.number(), since: z.string() }).nullable(),
});
export type LeadsOverview = z.infer<typeof LeadsOverviewSchema>;

export const IncidentCreateSchema = z.object({
  discoveredAt: iso, disclosedAt: iso, what: text(4000), toWhom: text(1000), how: text(1000),
  improperPurpose: z.boolean(), recordIds: z.array(recordId).max(20), by: PinEntrySchema,
}).strict();

export const leadsChannels = {
  /** What the start screen shows leads: overdue reviews, re-confirmations, incident clocks, a broken chain. */
  'leads:overview': { request: Empty, response: LeadsOverviewSchema },
  /**
   * At the station `merged` is true: the rows are the station's chain and every terminal's accepted segments, and
   * `terminals` are the 端末番号 they can be filtered by.
   */
  'audit:query': { request: AuditFilterSchema, response: z.object({ rows: z.array(AuditRowSchema), merged: z.boolean(), terminals: z.array(z.string()) }) },
  /** CSV (Excel, formula-safe) or printable HTML (for PDF); main saves the file and says where. */
  'audit:export': {
    request: z.object({ format: z.enum(['csv', 'html']), filter: AuditFilterSchema }).strict(),
    response: z.object({ fileName: z.string(), location: z.string(), rows: z.number() }),
  },
  'audit:verify': {
    request: Empty,
    response: z.object({ ok: z.boolean(), entries: z.number(), lastSeq: z.number(), problems: z.array(ProblemSchema) }),
  },
  'audit:acknowledgeBroken': {
    request: z.object({ first: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: z.object({ acknowledged: z.number() }),
  },
  'review:report': { request: z.object({ month }).strict(), response: MonthlyReportSchema },
  'review:signOff': {
    request: z.object({ month, reportHash: hash, lead: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: z.object({ month: z.string(), lead: z.string(), second: z.string(), at: z.string() }),
  },
  'review:reconfirmations': {
    request: z.object({ month }).strict(),
    response: z.object({
      rules: z.array(z.object({ id: z.string(), ja: z.string(), en: z.string() })),
      staff: z.array(z.object({ staffId: z.string(), at: z.string().nullable() })),
    }),
  },
  'review:reconfirm': { request: z.object({ month, staffId, pin }).strict(), response: z.object({ at: z.string() }) },
  'incident:list': {
    request: Empty,
    response: z.object({
      incidents: z.array(z.object({
        id: z.string(), createdAt: z.string(), discoveredAt: z.string(), improperPurpose: z.boolean(),
        clocks: z.array(ClockSchema), contacts: z.number(), corrections: z.number(),
      })),
    }),
  },
  'incident:create': { request: IncidentCreateSchema, response: z.object({ id: z.string() }) },
  'incident:update': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('correction'), id: incidentId, text: text(4000), by: PinEntrySchema }).strict(),
      z.object({ kind: z.literal('contact'), id: incidentId, method: text(100), text: text(4000), by: PinEntrySchema }).strict(),
      z.object({ kind: z.enum(['sokuho', 'kakuho']), id: incidentId, by: PinEntrySchema }).strict(),
    ]),
    response: z.object({ id: z.string() }),
  },
} as const;
