/**
 * The one IPC contract between renderer and main (STYLE: "one way in").
 * Every renderer→main call is `{ channel, payload }` sent over a single Electron channel; main
 * validates the envelope, the sender frame, the channel and the payload against these schemas,
 * and parses its own response through the response schema too, so a handler cannot leak a field
 * the contract does not name. Adding a feature = one entry here, one handler, one renderer call.
 */
import { z } from 'zod';
import { caseChannels } from './cases';
import { unmaskChannels } from './unmask';
import { leadsChannels } from './leads';
import { setupChannels } from './setup';
import { listChannels } from './list';
import { staffChannels } from './staff';
import { EffectivePolicySchema } from '../policy/cameraPolicy';
import { policyChangeChannels } from './policyChange';
import { adminChannels } from './admin';
import { mailingChannels } from './mailing';
import { reconcileChannels } from './reconcile';
import { fleetChannels } from './fleet';
import { fleetStationChannels } from './fleetStation';

/** The single Electron IPC channel the preload uses; everything else is rejected. */
export const IPC_CHANNEL = 'countershield:invoke';

export const LockStateSchema = z.object({
  /** Every request that is not the app's own scheme is cancelled (SPEC F5, invariant 5). */
  networkBlocked: z.boolean(),
  /** Every window has OS content protection (screen capture/recording shows black). */
  contentProtection: z.boolean(),
  /** Camera, microphone, display capture and every other permission are denied. */
  permissionsDenied: z.boolean(),
  /** Where these facts were read from: the Electron main process or the test harness standing in for it. */
  source: z.enum(['electron-main', 'test-harness']),
  /**
   * What this OS cannot do at all, so the start screen can say why a lock is red rather than leave IT guessing:
   * Linux has no capture protection (setContentProtection is Windows/macOS only) and no OS screen-lock event.
   */
  platformLimits: z.array(z.enum(['no-capture-protection', 'no-os-lock-event'])).optional(),
});
export type PlatformLimit = NonNullable<z.infer<typeof LockStateSchema>['platformLimits']>[number];
export type LockState = z.infer<typeof LockStateSchema>;

export const AppStatusSchema = z.object({
  version: z.string(),
  terminalLabel: z.string(),
  language: z.enum(['ja', 'en']),
  vault: z.enum(['absent', 'locked', 'open', 'error']),
  staffCount: z.number().int().nonnegative(),
  locks: LockStateSchema,
  /** The OS clock was seen earlier than the latest audit entry (issue 15): times since then cannot be trusted. */
  clock: z.object({ backwards: z.boolean(), lastEntryAt: z.string().nullable() }).optional(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const AppErrorInfoSchema = z.object({
  code: z.string(),
  ja: z.string(),
  en: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const EmptySchema = z.object({}).strict();

export const contract = {
  'app:status': { request: EmptySchema, response: AppStatusSchema },
  'prefs:setLanguage': {
    request: z.object({ language: z.enum(['ja', 'en']) }).strict(),
    response: z.object({ language: z.enum(['ja', 'en']) }),
  },
  /** The camera policy in force and where it came from (SPEC F5). No key, no MAC: nothing secret. */
  'policy:effective': { request: EmptySchema, response: EffectivePolicySchema },
  /** 「撮影を求められた」: main appends an audit event; the renderer only learns the reference. */
  'policy:photoRequested': {
    request: z.object({ caseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() }).strict(),
    response: z.object({ ref: z.string(), recordedAt: z.string() }),
  },
  ...policyChangeChannels,
  ...caseChannels,
  ...unmaskChannels,
  ...leadsChannels,
  ...setupChannels,
  ...listChannels,
  ...staffChannels,
  ...adminChannels,
  ...mailingChannels,
  ...reconcileChannels,
  ...fleetChannels,
  ...fleetStationChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The envelope on the wire. */
export const EnvelopeSchema = z.object({ channel: z.string().max(64), payload: z.unknown() }).strict();

export type IpcResponse<T> =
  | { ok: true; value: T }
  | { ok: false; error: z.infer<typeof AppErrorInfoSchema> };
