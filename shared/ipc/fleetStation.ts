/**
 * The station desk's own channels (issue 18): what a release would carry before two administrators sign it, and the
 * rotation of the lineage's signing keys. The new root key sheet is answered once, to be printed; main keeps no copy
 * of it in plain text.
 */
import { z } from 'zod';

const staffId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
const pin = z.string().regex(/^[0-9０-９]{1,32}$/);
const PinEntrySchema = z.object({ staffId, pin }).strict();

export const ReleasePreviewSchema = z.object({
  nextVersion: z.number(),
  persons: z.number(),
  staff: z.number(),
  policy: z.boolean(),
  retired: z.array(z.string()),
  /** Terminals the station has heard from (segments), not retired: how many will pick the release up. */
  terminals: z.number(),
  signers: z.array(z.string()),
  threshold: z.number(),
  rootVersion: z.number(),
  /** The drop folder the release is written into (an administrator's session only). */
  dropDir: z.string(),
});
export type ReleasePreview = z.infer<typeof ReleasePreviewSchema>;

export const fleetStationChannels = {
  'fleet:releasePreview': { request: z.object({}).strict(), response: ReleasePreviewSchema },
  /** Two administrators and the current root key sheet (the recovery key until the first rotation). */
  'fleet:rotateKeys': {
    request: z.object({ rootSecret: z.string().min(1).max(80), first: PinEntrySchema, second: PinEntrySchema }).strict(),
    response: z.object({
      rootVersion: z.number(), signers: z.array(z.string()), newRootKey: z.array(z.string().regex(/^[0-9A-Z]{4}$/)).length(9),
      /** Root is rotated but the current release was not re-signed (a write failed): the next release finishes it. */
      unfinished: z.boolean(),
    }),
  },
} as const;
