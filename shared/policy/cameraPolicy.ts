/**
 * The camera-policy lock (SPEC F5) as data. It lives in shared/ because both sides need the one
 * schema: main validates the machine-wide file with it, and the IPC contract parses what the admin
 * screen is shown with it — so nobody keeps a second, drifting copy.
 *
 * Per-field rule (docs/IT.md has the same table for IT):
 * | field                 | default            | what a policy file may do                      | why |
 * |-----------------------|--------------------|------------------------------------------------|-----|
 * | photography           | 'forbidden'        | nothing else exists                            | the 2023 incident: a photographed form |
 * | contentProtection     | true               | cannot be turned off                           | the only defence against screen recorders and remote-support tools; no counter task needs a capture |
 * | permissions           | 'deny-all'         | nothing else exists                            | a counter app never needs camera, mic or screen sharing |
 * | printUnmasked         | false              | cannot be turned on                            | paper leaves the building; the redacted print path is the only one |
 * | copyUnmasked          | false              | cannot be turned on                            | a clipboard outlives the case and the grant |
 * | noPhotoBanner         | true               | cannot be turned off                           | the clerk needs the rule in front of them when asked |
 * | customerDisplayNotice | true               | cannot be turned off                           | the notice deters the request before it is made |
 * | idleLockSeconds       | 300                | shorten to 60; never longer than 300           | an unattended unlocked counter PC is the cheapest leak |
 * | unmaskGrantTtlSeconds | 60                 | shorten to 15; never longer than 60            | a shown address must disappear on its own (F4) |
 * | maskedFields          | address, katagaki, honseki, household, phone | add fields; never remove a default | F3: anything the policy names is masked too |
 * | label                 | ''                 | free text for IT (not a safety field)          | tells IT which policy this is |
 * | lookupLimits          | LOOKUP_LIMITS      | lower each; never higher (optional in a file)   | bounds a walk over inputs (issue 14, invariant 6) |
 * | fleetLimits           | FLEET_LIMITS       | lower each; never higher (optional in a file)   | a stale list or a silent PC is how a flag goes missing (issues 18, 19) |
 * The defaults are therefore both the fallback and the loosest a file can ever be: a missing,
 * unreadable, invalid or tampered file yields them, and no file can yield anything looser.
 */
import { z } from 'zod';

export const DEFAULT_MASKED_FIELDS = ['address', 'katagaki', 'honseki', 'household', 'phone'] as const;
/** Fields a policy may add to the masked set (names only — the values never leave main). */
export const MASKABLE_FIELDS = [...DEFAULT_MASKED_FIELDS, 'note', 'formerAddress', 'workplace', 'school', 'email', 'aitekata'] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];

export const POLICY_BOUNDS = {
  idleLockSeconds: { min: 60, max: 300 },
  unmaskGrantTtlSeconds: { min: 15, max: 60 },
} as const;

/**
 * How many lookups a case and a staff member (per rolling hour) may make before main refuses and asks for
 * the lead (issue 14). The defaults are the strictest *and* the loosest: a file may only lower them. A
 * birth-date walk over one month needs up to 31 tries, a 番 walk dozens; a clerk's typos need two or three.
 */
export const LOOKUP_LIMITS = Object.freeze({
  matchesPerCase: 400,
  matchesPerStaffHour: 2000,
  dobTriesPerCase: 4,
  dobTriesPerStaffHour: 12,
  lotChecksPerCase: 5,
  lotChecksPerStaffHour: 15,
  lookupsPerStaffHour: 30,
});
export type LookupLimits = { -readonly [K in keyof typeof LOOKUP_LIMITS]: number };

/**
 * The fleet's time limits (issues 18, 19), in whole days. listAgeWarnDays: past it a red banner on every screen and
 * match result says the list may be out of date. listAgeLeadDays: past it a case opens only with a lead's PIN.
 * segmentOverdueDays: a terminal that has sent no audit segment for longer is overdue on the lead's panel and the
 * fleet review cannot be signed without a recorded reason. A file may only shorten them.
 */
export const FLEET_LIMITS = Object.freeze({ listAgeWarnDays: 7, listAgeLeadDays: 14, segmentOverdueDays: 3 });
export type FleetLimits = { -readonly [K in keyof typeof FLEET_LIMITS]: number };

const limit = (max: number) => z.number().int().min(1).max(max);
export const LookupLimitsSchema = z
  .object(Object.fromEntries(Object.entries(LOOKUP_LIMITS).map(([k, v]) => [k, limit(v)])) as { [K in keyof LookupLimits]: ReturnType<typeof limit> })
  .strict();

export const FleetLimitsSchema = z
  .object({ listAgeWarnDays: limit(FLEET_LIMITS.listAgeWarnDays), listAgeLeadDays: limit(FLEET_LIMITS.listAgeLeadDays), segmentOverdueDays: limit(FLEET_LIMITS.segmentOverdueDays) })
  .strict();

export const CameraPolicySchema = z
  .object({
    photography: z.literal('forbidden'),
    contentProtection: z.literal(true),
    permissions: z.literal('deny-all'),
    printUnmasked: z.literal(false),
    copyUnmasked: z.literal(false),
    noPhotoBanner: z.literal(true),
    customerDisplayNotice: z.literal(true),
    idleLockSeconds: z.number().int().min(POLICY_BOUNDS.idleLockSeconds.min).max(POLICY_BOUNDS.idleLockSeconds.max),
    unmaskGrantTtlSeconds: z.number().int().min(POLICY_BOUNDS.unmaskGrantTtlSeconds.min).max(POLICY_BOUNDS.unmaskGrantTtlSeconds.max),
    maskedFields: z
      .array(z.enum(MASKABLE_FIELDS))
      .max(MASKABLE_FIELDS.length)
      .refine((fs) => new Set(fs).size === fs.length, 'duplicate field')
      .refine((fs) => DEFAULT_MASKED_FIELDS.every((d) => fs.includes(d)), 'a default masked field was removed'),
    // Control characters are refused so a label cannot forge lines in a log or a screen.
    label: z.string().max(80).regex(/^[^\p{Cc}]*$/u),
    /** Optional in a file: an older file without it gets the defaults. */
    lookupLimits: LookupLimitsSchema.optional(),
    /** Optional in a file: an older file without it gets the defaults. */
    fleetLimits: FleetLimitsSchema.optional(),
  })
  .strict();
export type CameraPolicy = z.infer<typeof CameraPolicySchema>;

export const DEFAULT_CAMERA_POLICY: CameraPolicy = Object.freeze({
  photography: 'forbidden',
  contentProtection: true,
  permissions: 'deny-all',
  printUnmasked: false,
  copyUnmasked: false,
  noPhotoBanner: true,
  customerDisplayNotice: true,
  idleLockSeconds: 300,
  unmaskGrantTtlSeconds: 60,
  maskedFields: [...DEFAULT_MASKED_FIELDS],
  label: '',
  lookupLimits: { ...LOOKUP_LIMITS },
  fleetLimits: { ...FLEET_LIMITS },
}) as CameraPolicy;

/**
 * What applies when no verified file is in force — missing, unreadable, invalid, tampered, rolled back or not
 * yet verifiable (SPEC F5: fail closed). Stricter than the defaults a file is bounded by: the shortest idle
 * lock and grant a file could set (issue 14: a deleted file must not loosen anything).
 */
export const STRICT_CAMERA_POLICY: CameraPolicy = Object.freeze({
  ...DEFAULT_CAMERA_POLICY,
  idleLockSeconds: POLICY_BOUNDS.idleLockSeconds.min,
  unmaskGrantTtlSeconds: POLICY_BOUNDS.unmaskGrantTtlSeconds.min,
  maskedFields: [...DEFAULT_MASKED_FIELDS],
  lookupLimits: { ...LOOKUP_LIMITS },
  fleetLimits: { ...FLEET_LIMITS },
}) as CameraPolicy;

/** The fleet limits in force: the file's, each no longer than the default (and the second list limit never before the first). */
export function fleetLimitsOf(p: Pick<CameraPolicy, 'fleetLimits'>): FleetLimits {
  const out = { ...FLEET_LIMITS } as FleetLimits;
  for (const k of Object.keys(FLEET_LIMITS) as (keyof FleetLimits)[]) {
    const v = p.fleetLimits?.[k];
    if (typeof v === 'number' && Number.isInteger(v)) out[k] = Math.max(1, Math.min(v, FLEET_LIMITS[k]));
  }
  out.listAgeLeadDays = Math.max(out.listAgeLeadDays, out.listAgeWarnDays);
  return out;
}

/** The limits in force: the file's, each no higher than the default, or the defaults. */
export function lookupLimitsOf(p: Pick<CameraPolicy, 'lookupLimits'>): LookupLimits {
  const out = { ...LOOKUP_LIMITS } as LookupLimits;
  for (const k of Object.keys(LOOKUP_LIMITS) as (keyof LookupLimits)[]) {
    const v = p.lookupLimits?.[k];
    if (typeof v === 'number' && Number.isInteger(v)) out[k] = Math.max(1, Math.min(v, LOOKUP_LIMITS[k]));
  }
  return out;
}

/**
 * The merge rule, applied after the schema as a second, independent guard: each safety field is
 * the stricter of the file's value and the default. If the schema is ever loosened by mistake, the
 * effective policy still cannot be looser than the defaults.
 */
export function tightenToDefaults(p: CameraPolicy): CameraPolicy {
  const d = DEFAULT_CAMERA_POLICY;
  const extra: unknown[] = Array.isArray(p.maskedFields) ? p.maskedFields : [];
  const fields = new Set<string>([...d.maskedFields, ...extra.filter((f): f is string => typeof f === 'string')]);
  return {
    ...d,
    idleLockSeconds: stricterSeconds(p.idleLockSeconds, d.idleLockSeconds, POLICY_BOUNDS.idleLockSeconds.min),
    unmaskGrantTtlSeconds: stricterSeconds(p.unmaskGrantTtlSeconds, d.unmaskGrantTtlSeconds, POLICY_BOUNDS.unmaskGrantTtlSeconds.min),
    maskedFields: MASKABLE_FIELDS.filter((f) => fields.has(f)),
    label: typeof p.label === 'string' ? p.label.slice(0, 80) : '',
    lookupLimits: lookupLimitsOf(p),
    fleetLimits: fleetLimitsOf(p),
  };
}

function stricterSeconds(value: unknown, dflt: number, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return dflt;
  return Math.max(min, Math.min(value, dflt));
}

/** Where the effective policy came from and why — shown on the start screen and the admin screen. */
export const POLICY_STATES = ['ok', 'missing', 'unreadable', 'invalid', 'tampered', 'unverified', 'rolled-back'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];

export const EffectivePolicySchema = z.object({
  policy: CameraPolicySchema,
  source: z.enum(['file', 'defaults']),
  state: z.enum(POLICY_STATES),
  /** Revision of the approved file in force; 0 when the defaults are in force. */
  revision: z.number().int().nonnegative(),
  /** The machine-wide path that was read (not a secret: IT needs it to find the file). */
  path: z.string(),
  messageJa: z.string(),
  messageEn: z.string(),
});
export type EffectivePolicy = z.infer<typeof EffectivePolicySchema>;
