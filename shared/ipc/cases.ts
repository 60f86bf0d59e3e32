/** IPC channels of the case workspace (SPEC F3, F6, F7); merged into the one contract. */
import { z } from 'zod';
import { APPLICANT_KINDS, CASE_CHANNELS, CaseViewSchema, FORM_KINDS, PersonInputSchema } from '../cases/model';
import { SessionViewSchema } from './unmask';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const warningId = z.string().max(400);

export const caseChannels = {
  /**
   * The channel is chosen with the form (SPEC F19): no default, so no case is silently 窓口. Past the list's second
   * age limit (issue 18) a case opens only with a lead's id and PIN.
   */
  'case:open': {
    request: z.object({ form: z.enum(FORM_KINDS), channel: z.enum(CASE_CHANNELS), lead: z.object({ staffId: z.string().min(1).max(32), pin: z.string().regex(/^\d{6,12}$/) }).strict().optional() }).strict(),
    response: CaseViewSchema,
  },
  'case:setApplicantKind': { request: z.object({ caseId: id, kind: z.enum(APPLICANT_KINDS) }).strict(), response: CaseViewSchema },
  'case:addPerson': { request: z.object({ caseId: id }).strict(), response: CaseViewSchema },
  'case:removePerson': { request: z.object({ caseId: id, slot: id }).strict(), response: CaseViewSchema },
  'case:updatePerson': { request: z.object({ caseId: id, slot: id, input: PersonInputSchema }).strict(), response: CaseViewSchema },
  'case:setNewHonseki': { request: z.object({ caseId: id, text: z.string().max(200) }).strict(), response: CaseViewSchema },
  'case:acknowledge': { request: z.object({ caseId: id, warningId }).strict(), response: CaseViewSchema },
  'case:leadAttend': {
    request: z.object({ caseId: id, warningId, staffId: z.string().min(1).max(32), pin: z.string().regex(/^\d{6,12}$/) }).strict(),
    response: CaseViewSchema,
  },
  'case:callLead': { request: z.object({ caseId: id }).strict(), response: CaseViewSchema },
  /** The case as it stands (issue 22): asked when a release is granted or its end comes, so an ended one re-masks. */
  'case:refresh': { request: z.object({ caseId: id }).strict(), response: CaseViewSchema },
  /** A 職員 takes over a case a 委託 login stopped: their own id + PIN, and the terminal's session becomes theirs. */
  'case:takeOver': {
    request: z.object({ caseId: id, staffId: z.string().min(1).max(32), pin: z.string().regex(/^\d{6,12}$/) }).strict(),
    response: z.object({ view: CaseViewSchema, session: SessionViewSchema }),
  },
  /** The phone refusal script was used (SPEC F19): recorded like a photo request, with a reference to quote. */
  'case:phoneRefusal': { request: z.object({ caseId: id }).strict(), response: z.object({ ref: z.string(), recordedAt: z.string() }) },
  /** The redacted applicant copy, made and saved in main; the renderer learns only where it went. */
  'case:applicantCopy': { request: z.object({ caseId: id }).strict(), response: z.object({ saved: z.boolean(), location: z.string() }) },
  'case:close': { request: z.object({ caseId: id }).strict(), response: z.object({ closed: z.literal(true) }) },
} as const;
