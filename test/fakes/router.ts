/**
 * The real IPC router over a real test core, called as the app's own main frame, recording every response
 * so a test can byte-search what the renderer would have received. Test-only.
 */
import { createAppRouter, type AppContext } from '../../electron/ipc';
import { coreContext } from '../../electron/ipc/coreContext';
import type { TestCore } from './core';
import { testPolicyContext } from './policy';
import { CaseService } from '../../electron/core/cases/caseService';
import { DEFAULT_MASKED_FIELDS } from '../../shared/policy/cameraPolicy';
import { testClock } from '../clock';

export type IpcResult = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

const ORIGIN = 'app://countershield';
const MAIN_FRAME = { url: `${ORIGIN}/index.html`, isMainFrame: true };

export function recordingRouter(core: TestCore | null) {
  const ctx: AppContext = {
    version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
    locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' }),
    vaultState: () => 'absent', staffCount: () => 0, policy: testPolicyContext(),
    ...(core ? coreContext(core) : {}),
    // The case workspace over the same core: an unmask needs a record matched in an open case (issue 14).
    ...(core ? { cases: { service: new CaseService({ lookup: () => core.vault, audit: core.audit, auth: core.staff, clock: testClock, maskedFields: () => DEFAULT_MASKED_FIELDS }), clerk: () => core.sessions.currentStaffId(), clerkRoles: () => core.sessions.currentRoles(), sessions: core.sessions, saveApplicantCopy: async () => ({ saved: false, location: '' }) } } : {}),
  };
  const r = createAppRouter(ctx, ORIGIN);
  const log: { channel: string; response: unknown }[] = [];
  const call = async (channel: string, payload: unknown): Promise<IpcResult> => {
    const response = (await r.dispatch(MAIN_FRAME, { channel, payload })) as IpcResult;
    log.push({ channel, response });
    return response;
  };
  const login = (s: { staffId: string; pin: string }) => call('session:login', { staffId: s.staffId, pin: s.pin });
  /** Opens a case and matches one person by name + birth date (the sample's D0001 by default); returns the case id. */
  const matchedCase = async (person: { name: string; dob: string } = { name: '伊藤　蒼', dob: '1970-02-05' }): Promise<string> => {
    const v = (await call('case:open', { form: 'juminhyo', channel: 'counter' })).value as { caseId: string; persons: { slot: string }[] };
    await call('case:updatePerson', { caseId: v.caseId, slot: v.persons[0]!.slot, input: person });
    return v.caseId;
  };
  return { call, log, login, matchedCase };
}
