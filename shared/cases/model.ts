/**
 * The counter forms (SPEC F7) and what the renderer may know of a case. Everything here crosses IPC,
 * so it is zod: main parses what it sends, and nothing in it is a protected value — masked fields
 * are placeholders made in main (SPEC F3), never values the renderer hides.
 */
import { z } from 'zod';

export const FORM_KINDS = ['tenseki', 'juminhyo', 'fuhyo', 'koseki'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** 本人 / 代理人 / 士業 / 第三者 — a 代理人 or 士業 asking about a protected person needs lead review. */
export const APPLICANT_KINDS = ['self', 'agent', 'professional', 'third'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/**
 * How the request reached us (SPEC F19): 窓口 / 郵送 / 電話 / 代理人・士業 / 他部署照会. Chosen when the case opens and
 * fixed for its life: a postal or phone request matching a protected person stops for the lead (岡山市 2024 by post;
 * 浜田市, 日立市 by phone), and a phone case carries the refusal script.
 */
export const CASE_CHANNELS = ['counter', 'post', 'phone', 'agent', 'department'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** Channels with nobody at the counter to check an ID against: a match there always stops for the lead. */
export const REMOTE_CHANNELS: readonly CaseChannel[] = ['post', 'phone'];

/** Fields a person on a form carries besides name, reading and birth date; the policy masks them. */
export const PERSON_FIELDS = ['address', 'katagaki', 'honseki', 'household', 'phone'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const MASK_PLACEHOLDER = '●●●●';

const text = (max: number) => z.string().max(max).regex(/^[^\p{Cc}\u202a-\u202e\u2066-\u2069]*$/u, 'control characters');

export const PersonInputSchema = z
  .object({
    name: text(60).optional(),
    kana: text(80).optional(),
    dob: text(30).optional(),
    relation: text(20).optional(),
    fields: z.partialRecord(z.enum(PERSON_FIELDS), text(200)).optional(),
  })
  .strict();
export type PersonInput = z.infer<typeof PersonInputSchema>;

export const FieldViewSchema = z.discriminatedUnion('masked', [
  z.object({ masked: z.literal(false), value: z.string() }),
  z.object({ masked: z.literal(true), placeholder: z.literal(MASK_PLACEHOLDER) }),
]);

export const ExpiryStateSchema = z.enum(['active', 'expiresWithinMonth', 'expired']);

export const PersonViewSchema = z.object({
  slot: z.string(),
  role: z.enum(['applicant', 'subject']),
  name: z.string(),
  kana: z.string(),
  dob: z.string(),
  /** 和暦 display of the typed birth date, or an error message when it is not a date. */
  dobDisplay: z.string(),
  dobError: z.object({ ja: z.string(), en: z.string() }).nullable(),
  relation: z.string(),
  /**
   * A `possible` says no more than that (issue 14): not why (a date or a reading one slip away), which the
   * matcher knows per candidate — their union told a clerk how many people a name hits and which field
   * matched on whom, and a "date differs in part" while walking dates says the walk is close.
   */
  decision: z.enum(['match', 'possible', 'none']),
  /** 管理番号 of matched protected persons — ids, never values. */
  recordIds: z.array(z.string()),
  /** Each matched record's period state: expiry never unmasks. */
  expiry: z.array(z.object({ recordId: z.string(), state: ExpiryStateSchema, provisional: z.boolean() })),
  protected: z.boolean(),
  fields: z.record(z.enum(PERSON_FIELDS), FieldViewSchema),
});
export type PersonView = z.infer<typeof PersonViewSchema>;

/**
 * remoteChannel: a 郵送 / 電話 case matched a protected person — stops the case until the lead attends.
 * contractorStop: a case opened by a 委託職員 matched anything — stops until a 職員 takes the case over.
 */
export const WARNING_KINDS = ['protected', 'aitekata', 'newHonsekiLot', 'agentReview', 'expiry', 'remoteChannel', 'contractorStop'] as const;
/** Warnings that stop every change to the case until they are cleared. */
export const STOPPING_WARNINGS: readonly WarningKind[] = ['aitekata', 'remoteChannel', 'contractorStop'];
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WarningSchema = z.object({
  id: z.string(),
  kind: z.enum(WARNING_KINDS),
  slot: z.string().nullable(),
  recordIds: z.array(z.string()),
  /** A lead must attend (own ID + PIN) to clear it; otherwise the clerk acknowledges. */
  needsLead: z.boolean(),
  cleared: z.boolean(),
  clearedBy: z.string().nullable(),
});
export type CaseWarning = z.infer<typeof WarningSchema>;

/**
 * A temporary release of this case (一時解除, SPEC F20, issue 22) as the issuing clerk sees it: who approved, whom and
 * what it covers (管理番号, the document, the fields it lifts), when it ends — or when and why it ended. `slot`: the
 * person card it lifts now (null when it lifts nothing: ended, or the card no longer matches exactly that person).
 */
export const ReleaseViewSchema = z.object({
  id: z.string().max(40),
  recordId: z.string().max(64),
  form: z.enum(FORM_KINDS),
  reason: z.string().max(40),
  issuedAt: z.string().max(40),
  endsAt: z.string().max(40),
  approvers: z.array(z.object({ staffId: z.string().max(32), name: z.string().max(60) })).length(2),
  fields: z.array(z.enum(PERSON_FIELDS)),
  slot: z.string().nullable(),
  endedAt: z.string().max(40).nullable(),
  cause: z.string().max(20).nullable(),
});
export type ReleaseView = z.infer<typeof ReleaseViewSchema>;

export const CaseViewSchema = z.object({
  caseId: z.string(),
  form: z.enum(FORM_KINDS),
  applicantKind: z.enum(APPLICANT_KINDS),
  channel: z.enum(CASE_CHANNELS),
  /** True while the case is held by a 委託 login (not yet taken over by a 職員). */
  contractor: z.boolean(),
  applicant: PersonViewSchema,
  persons: z.array(PersonViewSchema),
  newHonseki: z.string(),
  /** True while a stopping warning (STOPPING_WARNINGS) waits: every change to the case is refused. */
  stopped: z.boolean(),
  hasProtected: z.boolean(),
  warnings: z.array(WarningSchema),
  leadCalledAt: z.string().nullable(),
  releases: z.array(ReleaseViewSchema).max(20),
});
export type CaseView = z.infer<typeof CaseViewSchema>;
