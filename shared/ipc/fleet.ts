/**
 * IPC channels of the fleet (issues 18, 19): this PC's mode and drop folder, the list's identity and age, a
 * package's changes waiting for two people, the rollback hold, audit segments, and the station's desk and merged
 * review. Ids, codes, counts, dates and hashes only. 管理番号 of a pending removal reach the screen only in a lead
 * or administrator session (main strips them otherwise).
 */
import { z } from 'zod';

const staffId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const PinEntrySchema = z.object({ staffId, pin }).strict();
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const terminal = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const recoveryKey = z.string().min(1).max(80);
/** A folder path typed by IT: no control characters, bounded. */
const folder = z.string().min(1).max(400).regex(/^[^\p{Cc}]*$/u);
const Empty = z.object({}).strict();
const ErrorSchema = z.object({ code: z.string(), ja: z.string(), en: z.string() });

export const FLEET_MODES = ['single', 'station', 'terminal'] as const;

export const ListAgeSchema = z.object({ days: z.number().nullable(), stale: z.boolean(), leadRequired: z.boolean() });

export const FleetStatusSchema = z.object({
  mode: z.enum(FLEET_MODES),
  /** Only for a lead or administrator session. */
  dropDir: z.string().nullable(),
  terminalId: z.string(),
  state: z.enum(['current', 'updated', 'pending-confirmation', 'rolled-back', 'retired', 'refused', 'single', 'station', 'not-enrolled']),
  unmaskAllowed: z.boolean(),
  error: ErrorSchema.nullable(),
  identity: z.object({ version: z.number(), exportDate: z.string().nullable(), contentHash: z.string().nullable(), persons: z.number() }).nullable(),
  age: ListAgeSchema,
  limits: z.object({ listAgeWarnDays: z.number(), listAgeLeadDays: z.number(), segmentOverdueDays: z.number() }),
  pending: z.object({
    version: z.number(), added: z.number(), changed: z.number(), removedCount: z.number(), shortenedCount: z.number(),
    /** 管理番号: empty unless a lead or administrator is logged in. */
    removed: z.array(z.string()), shortened: z.array(z.object({ id: z.string(), from: z.string(), to: z.string() })),
    planHash: z.string(),
  }).nullable(),
  lastCheckAt: z.string().nullable(),
  lastSegmentDay: z.string().nullable(),
  /** Whether the caller may see the ids (a lead or administrator session). */
  withIds: z.boolean(),
});
export type FleetStatusDto = z.infer<typeof FleetStatusSchema>;

const SegmentResultSchema = z.object({
  terminal: z.string(), ok: z.boolean(), fromSeq: z.number(), toSeq: z.number(), entries: z.number(),
  problems: z.array(z.object({ terminal: z.string(), kind: z.string(), seq: z.number(), ja: z.string(), en: z.string() })),
});

const CountsSchema = z.record(z.string(), z.number());
const PerDaySchema = z.array(z.object({ day: z.string(), total: z.number(), unmask: z.number(), refusal: z.number(), alarm: z.number(), photo: z.number() }));
const AnomalySchema = z.union([
  z.object({ kind: z.literal('unmask-outside-hours'), seq: z.number(), at: z.string(), actors: z.array(z.string()) }),
  z.object({ kind: z.literal('lookup-outlier'), staffId: z.string(), lookups: z.number(), median: z.number() }),
  z.object({ kind: z.literal('repeated-refusals'), staffId: z.string(), refusals: z.number() }),
]);
const PartSchema = z.object({ counts: CountsSchema, perDay: PerDaySchema, anomalies: z.array(AnomalySchema) });

export const FleetReportSchema = z.object({
  month: z.string(),
  total: PartSchema,
  terminals: z.array(PartSchema.extend({ terminal: z.string(), toSeq: z.number(), entries: z.number() })),
  staff: z.array(z.object({ staffId: z.string(), lookups: z.number(), terminals: z.array(z.object({ terminal: z.string(), lookups: z.number() })), outlier: z.boolean() })),
  /** Staff whose counted lookups across terminals passed the per-staff hourly budget in one hour of that day (issue 14). */
  budget: z.array(z.object({ staffId: z.string(), day: z.string(), kind: z.enum(['matches', 'dobTries', 'lotChecks', 'lookups']), count: z.number(), limit: z.number(), terminals: z.array(z.string()) })),
  median: z.number(),
  incidents: z.array(z.object({ terminal: z.string(), incidentId: z.string(), at: z.string(), by: z.string() })),
  reconfirmations: z.array(z.object({ staffId: z.string(), terminal: z.string(), at: z.string() })),
  coverage: z.array(z.object({ terminal: z.string(), toSeq: z.number() })),
  overdue: z.array(z.object({ terminal: z.string(), lastAt: z.string().nullable() })),
  reportHash: z.string(),
  signOff: z.object({
    lead: z.string(), second: z.string(), at: z.string(), coverage: z.array(z.object({ terminal: z.string(), toSeq: z.number() })),
    overdue: z.array(z.string()), reason: z.string().nullable(),
  }).nullable(),
});
export type FleetReportDto = z.infer<typeof FleetReportSchema>;

export const StationOverviewSchema = z.object({
  created: z.boolean(),
  packageVersion: z.number(),
  retired: z.array(z.string()),
  terminals: z.array(z.object({ terminal: z.string(), ackedSeq: z.number() })),
  overdue: z.array(z.object({ terminal: z.string(), lastAt: z.string().nullable() })),
  overdueDays: z.number(),
  imports: z.array(z.object({ name: z.string(), terminal: z.string(), fromSeq: z.number(), toSeq: z.number(), ok: z.boolean(), problems: z.array(z.object({ kind: z.string(), seq: z.number() })), importedAt: z.string() })),
});
export type StationOverview = z.infer<typeof StationOverviewSchema>;

export const fleetChannels = {
  /** The list's identity and age, the mode and the hold: for everyone (the start screen and the banner). */
  'fleet:status': { request: Empty, response: FleetStatusSchema },
  /**
   * Two administrators (different people, each with their PIN) choose station / terminal / single and the drop folder;
   * a terminal is enrolled with the recovery key.
   */
  'fleet:configure': {
    request: z.object({ mode: z.enum(FLEET_MODES), dropDir: folder.optional(), recoveryKey: recoveryKey.optional(), rootSheet: recoveryKey.optional(), first: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: FleetStatusSchema,
  },
  /** Look in the drop folder now (lead or administrator). */
  'fleet:checkNow': { request: Empty, response: FleetStatusSchema },
  /** Two people at this terminal confirm what the pending package ends (one a lead), bound to the plan hash shown. */
  'fleet:confirmPending': { request: z.object({ planHash: hash, first: PinEntrySchema, second: PinEntrySchema }).strict(), response: FleetStatusSchema },
  /** A lead and an administrator lift the rollback hold. */
  'fleet:clearRollback': { request: z.object({ lead: PinEntrySchema, admin: PinEntrySchema }).strict(), response: FleetStatusSchema },
  /** Writes this terminal's audit segment now (lead or administrator): into the drop folder, or a folder on a USB stick. */
  'fleet:writeSegment': { request: z.object({ toFolder: folder.optional() }).strict(), response: z.object({ written: z.boolean(), fromSeq: z.number(), toSeq: z.number() }) },
  /** Station: two or more administrators create the repository in the drop folder. */
  'fleet:stationCreate': { request: z.object({ recoveryKey, admins: z.array(PinEntrySchema).min(2).max(4) }).strict(), response: StationOverviewSchema },
  /** Station: one release for every terminal, signed by two administrators. */
  'fleet:release': {
    request: z.object({ recoveryKey, exportDate: day, contentHash: hash.optional(), first: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: z.object({ version: z.number(), persons: z.number() }),
  },
  'fleet:retire': { request: z.object({ terminal, first: PinEntrySchema, second: PinEntrySchema }).strict(), response: StationOverviewSchema },
  'fleet:importSegments': { request: Empty, response: z.object({ results: z.array(SegmentResultSchema) }) },
  /** Station: terminals, overdue panel, recent imports (lead or administrator). */
  'fleet:overview': { request: Empty, response: StationOverviewSchema },
  'fleet:review': { request: z.object({ month }).strict(), response: FleetReportSchema },
  'fleet:signOff': {
    request: z.object({ month, reportHash: hash, lead: PinEntrySchema, second: PinEntrySchema, overdueReason: z.string().max(400).regex(/^[^\p{Cc}]*$/u).optional() }).strict(),
    response: z.object({ month: z.string(), lead: z.string(), second: z.string(), at: z.string() }),
  },
} as const;
