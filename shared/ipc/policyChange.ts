/**
 * IPC channels of the two-administrator policy change (SPEC F5); merged into the one contract.
 * The renderer sends only the fields an administrator may change: the fixed safety fields are not
 * part of the request at all, so no screen can even express a looser value. Bounds are checked in
 * main by CameraPolicySchema, where a refusal is audited.
 */
import { z } from 'zod';
import { EffectivePolicySchema, MASKABLE_FIELDS } from '../policy/cameraPolicy';

const staffId = z.string().min(1).max(32);
const pin = z.string().regex(/^\d{6,12}$/);
const proposalId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const policyHash = z.string().regex(/^[0-9a-f]{64}$/);

/** The fields a change may touch; everything else in CameraPolicy is fixed (see cameraPolicy.ts). */
export const CHANGEABLE_FIELDS = ['idleLockSeconds', 'unmaskGrantTtlSeconds', 'maskedFields', 'label'] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];
/** Changes to these reach the session and unmask services only when the app restarts (they read them at start). */
export const RESTART_FIELDS: readonly ChangeableField[] = ['idleLockSeconds', 'unmaskGrantTtlSeconds'];

export const PolicyChangeInputSchema = z
  .object({
    idleLockSeconds: z.number().int(),
    unmaskGrantTtlSeconds: z.number().int(),
    maskedFields: z.array(z.enum(MASKABLE_FIELDS)).max(MASKABLE_FIELDS.length),
    label: z.string().max(80),
  })
  .strict();
export type PolicyChangeInput = z.infer<typeof PolicyChangeInputSchema>;

const FieldValueSchema = z.union([z.number(), z.string(), z.array(z.enum(MASKABLE_FIELDS))]);

export const PolicyProposalViewSchema = z.object({
  proposalId,
  /** Staff id of the proposing administrator: the approver must be someone else. Never a PIN. */
  proposedBy: z.string(),
  /** The full SHA-256 the approval is bound to; the renderer sends back exactly what it was shown. */
  policyHash,
  /** The first 8 hex digits, grouped, for the two administrators to read aloud and compare. */
  checkCode: z.string().regex(/^[0-9A-F]{4}-[0-9A-F]{4}$/),
  expiresAt: z.string(),
  /** Only the fields that differ from the policy in force now, before → after. */
  changes: z.array(z.object({ field: z.enum(CHANGEABLE_FIELDS), before: FieldValueSchema, after: FieldValueSchema })),
  restartNeeded: z.boolean(),
});
export type PolicyProposalView = z.infer<typeof PolicyProposalViewSchema>;

export const policyChangeChannels = {
  /** Administrator A proposes, with their own staff id and PIN. */
  'policy:propose': {
    request: z.object({ staffId, pin, change: PolicyChangeInputSchema }).strict(),
    response: PolicyProposalViewSchema,
  },
  /** What administrator B is shown before approving: the newest open proposal, or none. */
  'policy:pending': { request: z.object({}).strict(), response: z.object({ proposal: PolicyProposalViewSchema.nullable() }) },
  /** Administrator B (a different person) approves the exact proposal by its hash, with their own PIN. */
  'policy:approve': {
    request: z.object({ proposalId, policyHash, staffId, pin }).strict(),
    response: z.object({ revision: z.number().int().positive(), effective: EffectivePolicySchema, restartNeeded: z.boolean() }),
  },
} as const;

export function checkCode(hash: string): string {
  const h = hash.slice(0, 8).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}`;
}
