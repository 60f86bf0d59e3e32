/**
 * The station as the app serves it, for the tests that drive it through the IPC router: the app's router with a
 * fleet context (the sender check included), and the station's FleetRuntime over the fleet's station vault.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { openAuditChain, type AuditChain } from '../../../electron/core/audit';
import { FleetRuntime, type FleetTimers } from '../../../electron/core/fleet/runtime';
import type { Actor, AuditSink, StaffAuthenticator } from '../../../electron/core/ports';
import { OWASP_MIN } from '../../../electron/core/staff/pinHash';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { testPolicyContext } from '../../fakes/policy';
import { tempDir } from '../vault/helpers';
import { fakedSystemClock } from '../../clock';
import type { Fleet } from './helpers';

export const ORIGIN = 'app://countershield';
/** Pick-ups run when the test says so. */
export const noTimers: FleetTimers = { every: () => () => undefined };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the router answers any channel; each assertion names the fields it reads
export type Answer = { ok: boolean; value?: any; error?: { code: string; ja: string } };

/** The app's router over `rt`, with `who.current` as the signed-in actor; a call from the app's own main frame. */
export function stationRouter(rt: FleetRuntime, who: { current: Actor | null }, staffCount = 5) {
  const ctx = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'open', staffCount: () => staffCount, policy: testPolicyContext(),
    fleet: { runtime: rt, actor: async () => who.current },
  } as AppContext;
  const r = createAppRouter(ctx, ORIGIN);
  return async (channel: string, payload: unknown = {}) => (await r.dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, { channel, payload })) as Answer;
}

/** The station's runtime (terminal id T-0000000a) in a data folder of its own, over `audit`. */
export async function openStationRuntime(f: Fleet, audit: AuditSink, auth: StaffAuthenticator): Promise<FleetRuntime> {
  const dir = tempDir('cs-fleet-station-');
  return FleetRuntime.open({
    vault: f.stationVault, dataDir: dir, terminalId: 'T-0000000a', machineFile: join(dir, 'marks.json'), policyPath: join(dir, 'policy.json'),
    audit, auth, clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers: noTimers, argon2: OWASP_MIN,
  });
}

/** The station vault's own audit chain (closed by the test's afterEach). */
export const openStationChain = (f: Fleet): Promise<AuditChain> =>
  openAuditChain(f.stationVault, { dataDir: f.stationDir, terminal: 'T-0000000a', clock: fakedSystemClock, dailyCheckpoint: false });

/**
 * Date pinned at `start` for each test (only Date faked: sqlite, Argon2id and the file system keep real timers); the
 * station's chain and the fleet the test keeps in the returned object are closed after it.
 */
export function stationTestState(start: Date): { fleet?: Fleet; chain?: AuditChain } {
  const s: { fleet?: Fleet; chain?: AuditChain } = {};
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
  });
  afterEach(async () => {
    await s.chain?.close().catch(() => undefined);
    await s.fleet?.close();
    delete s.chain;
    delete s.fleet;
    vi.useRealTimers();
  });
  return s;
}
