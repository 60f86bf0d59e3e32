/**
 * IPC channels of the administration screen (issue 17); merged into the one contract. Every task carries the
 * token the administrator's own PIN login returned (never the PIN again); results are counts, ids and codes —
 * the same values `CounterShield.exe --admin` prints — and file contents never cross to the renderer.
 */
import { z } from 'zod';

const staffId = z.string().min(1).max(32);
const pin = z.string().regex(/^\d{6,12}$/);
const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
const Saved = z.object({ saved: z.boolean(), location: z.string() });

export const AdminStatusSchema = z.object({
  at: z.string(),
  terminalId: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  vaultId: z.string(),
  list: z.object({ persons: z.number().int(), version: z.number().int(), lastImportAt: z.string().nullable(), ageDays: z.number().int().nullable() }),
  expiries: z.object({ expiresWithinMonth: z.number().int(), expired: z.number().int(), provisional: z.number().int() }),
  enrolled: z.array(z.object({ slotId: z.string() })),
  approverWraps: z.number().int(),
  staff: z.object({ admins: z.number().int(), leads: z.number().int(), clerks: z.number().int(), locked: z.number().int(), retired: z.number().int() }).nullable(),
  policy: z.object({ state: z.string(), revision: z.number().int(), path: z.string() }),
});
export type AdminStatusView = z.infer<typeof AdminStatusSchema>;

const FirstBad = z.object({ kind: z.string(), seq: z.number().int(), toSeq: z.number().int().optional(), ja: z.string(), en: z.string() }).nullable();

export const adminChannels = {
  /** The administrator's own staff id and PIN; a lead or clerk is refused (recorded). */
  'admin:login': {
    request: z.object({ staffId, pin }).strict(),
    response: z.object({ token, staffId: z.string(), expiresAt: z.string() }),
  },
  'admin:status': { request: z.object({ token }).strict(), response: AdminStatusSchema },
  'admin:verify': {
    request: z.object({ token }).strict(),
    response: z.object({ ok: z.boolean(), entries: z.number().int(), lastSeq: z.number().int(), problems: z.number().int(), firstBad: FirstBad }),
  },
  /** Signs the head, saves the checkpoint file and its printable paper form (PDF) where the administrator chooses. */
  'admin:checkpoint': {
    request: z.object({ token, acceptBroken: z.boolean().optional() }).strict(),
    response: z.object({ seq: z.number().int(), at: z.string(), fingerprint: z.string(), file: Saved, paper: Saved }),
  },
  'admin:support': {
    request: z.object({ token }).strict(),
    response: z.object({ entries: z.number().int(), errorCodes: z.number().int(), file: Saved }),
  },
  /**
   * The logged-in administrator's PIN is enough: the backup is encrypted to the recovery key's public half, so
   * restoring it needs the recovery key. A typed recovery key (optional) adds the full check; it stays in main.
   */
  'admin:backup': {
    request: z.object({ token, recoveryKey: z.string().min(16).max(200).optional() }).strict(),
    response: z.object({ persons: z.number().int(), createdAt: z.string(), checked: z.enum(['full', 'sealed-tags']), file: Saved }),
  },
  /** The open dialog for the backup to restore; the file stays in main (only its name and size come back). */
  'admin:restore-choose': {
    request: z.object({ token }).strict(),
    response: z.object({ chosen: z.boolean(), name: z.string(), size: z.number().int() }),
  },
  /** Restore the chosen backup: the recovery key, and a second administrator when it ends a protection. Every login ends. */
  'admin:restore': {
    request: z.object({ token, recoveryKey: z.string().min(16).max(200), second: z.object({ staffId, pin }).strict().optional() }).strict(),
    response: z.object({ removed: z.number().int(), shortened: z.number().int(), status: AdminStatusSchema }),
  },
  /** Shown once on the login screen after a restore from this screen: the backup's date and counts, no person's data. */
  'admin:restoreNotice': {
    request: z.object({}).strict(),
    response: z.object({
      notice: z.object({ backupCreatedAt: z.string().nullable(), persons: z.number().int(), removed: z.number().int(), shortened: z.number().int() }).nullable(),
    }),
  },
  'admin:progress': {
    request: z.object({}).strict(),
    response: z.object({ running: z.boolean(), task: z.string(), step: z.number().int(), steps: z.number().int() }),
  },
} as const;
