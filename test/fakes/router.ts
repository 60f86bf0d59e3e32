/**
 * The real IPC router over a real test core, called as the app's own main frame, recording every response
 * so a test can byte-search what the renderer would have received. Test-only.
 */
import { createAppRouter, type AppContext } from '../../electron/ipc';
import { coreContext } from '../../electron/ipc/coreContext';
import type { TestCore } from './core';
import { testPolicyContext } from './policy';

export type IpcResult = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

const ORIGIN = 'app://countershield';
const MAIN_FRAME = { url: `${ORIGIN}/index.html`, isMainFrame: true };

export function recordingRouter(core: TestCore | null) {
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'absent', staffCount: () => 0, policy: testPolicyContext(),
    ...(core ? coreContext(core) : {}),
  };
  const r = createAppRouter(ctx, ORIGIN);
  const log: { channel: string; response: unknown }[] = [];
  const call = async (channel: string, payload: unknown): Promise<IpcResult> => {
    const response = (await r.dispatch(MAIN_FRAME, { channel, payload })) as IpcResult;
    log.push({ channel, response });
    return response;
  };
  const login = (s: { staffId: string; pin: string }) => call('session:login', { staffId: s.staffId, pin: s.pin });
  return { call, log, login };
}
