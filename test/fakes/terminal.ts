/**
 * A whole counter terminal as main composes it (Terminal.start → setup → staff), driven through the real
 * router as the app's own main frame: what an attacker with a clerk's login reaches. Two administrators,
 * two leads, two clerks (test/fakes/core STAFF), the sample list, the real audit chain. Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terminal, type TerminalPlatform } from '../../electron/core/terminal';
import { createAppRouter, type AppContext } from '../../electron/ipc';
import { OWASP_MIN } from '../../electron/core/staff';
import type { Clock } from '../../electron/core/ports';
import { SAMPLE_CSV, STAFF } from './core';
import { AccountProtector, tempDir } from '../unit/vault/helpers';
import type { IpcResult } from './router';
import { testClock } from '../clock';

const base = {
  version: 't',
  prefs: { getLanguage: () => 'ja' as const, setLanguage: () => undefined, getTerminalLabel: () => '' },
  locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' as const }),
};
export const NO_PLATFORM: TerminalPlatform = {
  saveApplicantCopy: async () => ({ saved: false, location: '' }),
  saveExport: async () => ({ location: '/dev/null' }),
  printRecoverySheet: async () => ({ printed: true }),
  chooseListFile: async () => null,
  saveBundle: async () => ({ saved: false, location: '' }),
};

const ORIGIN = 'app://countershield';
const MAIN_FRAME = { url: `${ORIGIN}/index.html`, isMainFrame: true };

export interface TestTerminal {
  terminal: Terminal;
  ctx: AppContext;
  dataDir: string;
  policyPath: string;
  protector: AccountProtector;
  recoveryKey: string;
  call(channel: string, payload: unknown): Promise<IpcResult>;
  login(who: { staffId: string; pin: string }): Promise<IpcResult>;
  /** Every response the renderer would have received. */
  log: { channel: string; response: unknown }[];
  close(): Promise<void>;
}

export interface TestTerminalOptions {
  dataDir?: string; clock?: Clock; policyPath?: string; protector?: AccountProtector; fresh?: boolean;
  /** The list set up with (default: the sample list). */
  listCsv?: Buffer;
  /** Dialogs a test drives (default: every dialog cancelled). */
  platform?: Partial<TerminalPlatform>;
}

/** A terminal set up from scratch (or reopened on `dataDir` when `fresh` is false). */
export async function startTerminal(o: TestTerminalOptions = {}): Promise<TestTerminal> {
  const dataDir = o.dataDir ?? tempDir('cs-oracle-');
  const protector = o.protector ?? new AccountProtector();
  const policyPath = o.policyPath ?? join(dataDir, '..', `policy-${Math.random().toString(36).slice(2)}.json`);
  const terminal = await Terminal.start({ dataDir, protector, policyPath, terminalId: 'T-oracle01', argon2: OWASP_MIN, sweepMs: 0, clock: o.clock ?? testClock });
  const ctx = terminal.context(base, { ...NO_PLATFORM, ...o.platform });
  let recoveryKey = '';
  if (o.fresh !== false) {
    const admins = [STAFF.admin1, STAFF.admin2].map((a) => ({ staffId: a.staffId, displayName: a.displayName, pin: a.pin, pinConfirm: a.pin })) as [never, never];
    await terminal.setup.createAdmins(admins);
    recoveryKey = terminal.setup.recoveryKeyGroups().join('-');
    await terminal.setup.confirmRecoveryKey(recoveryKey.split('-').slice(-2).join(' '));
    await terminal.setup.reviewPolicy();
    const { token } = terminal.setup.holdListFile('list.csv', o.listCsv ?? readFileSync(SAMPLE_CSV));
    const dry = await terminal.setup.dryRunImport(token);
    if (!dry.ok) throw new Error('dry run failed');
    const done = await terminal.setup.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
    if (!done.ok) throw new Error('commit failed');
    const staff = ctx.staff!.service;
    for (const s of [STAFF.lead1, STAFF.lead2, STAFF.clerk1, STAFF.clerk2]) {
      const p = await staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'add', staffId: s.staffId, displayName: s.displayName, roles: [...s.roles] });
      await staff.confirmChange({
        changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin, subjectPin: s.pin,
        ...(p.needsSealAuthority && { recoveryKey }),
      });
    }
  }
  const router = createAppRouter(ctx, ORIGIN);
  const log: TestTerminal['log'] = [];
  const call = async (channel: string, payload: unknown): Promise<IpcResult> => {
    const response = (await router.dispatch(MAIN_FRAME, { channel, payload })) as IpcResult;
    log.push({ channel, response });
    return response;
  };
  let closed = false;
  return {
    terminal, ctx, dataDir, policyPath, protector, recoveryKey, call, log,
    login: (s) => call('session:login', { staffId: s.staffId, pin: s.pin }),
    close: async () => {
      if (closed) return;
      closed = true;
      await terminal.close();
    },
  };
}
