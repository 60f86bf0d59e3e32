/**
 * Two OS accounts through the whole Terminal composition (issue 16), as main builds it: setup in one account,
 * enrolment in the other, and a PIN login in both afterwards — every StaffService the terminal composes must use
 * the account's own pepper file (the stand-in caught a composed one still reading pepper.bin).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal, type TerminalPlatform } from '../../../electron/core/terminal';
import { createAppRouter } from '../../../electron/ipc';
import { OWASP_MIN } from '../../../electron/core/staff';
import { machineBindingOf, terminalIdOf } from '../../../electron/core/machine/identity';
import { testNow } from '../../clock';
import { SAMPLE_CSV, STAFF } from '../../fakes/core';
import { tempDir } from '../vault/helpers';
import { ADMINS, seat, type Seat } from './helpers';

const base = { version: 't', prefs: { getLanguage: () => 'ja' as const, setLanguage: () => undefined, getTerminalLabel: () => '' }, locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' as const }) };
const platform: TerminalPlatform = {
  saveApplicantCopy: async () => ({ saved: false, location: '' }),
  saveExport: async () => ({ location: '' }),
  printRecoverySheet: async () => ({ printed: true }),
  chooseListFile: async () => null,
  saveBundle: async () => ({ saved: false, location: '' }),
};
const sender = { url: 'app://countershield/index.html', isMainFrame: true };
const started: Terminal[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

async function start(dataDir: string, s: Seat) {
  const t = await Terminal.start({
    dataDir, protector: s.protector, policyPath: join(dataDir, 'no-policy.json'), terminalId: terminalIdOf('pc-a'),
    accountSlot: s.slot, machineBinding: machineBindingOf('pc-a'), argon2: OWASP_MIN, sweepMs: 0, clock: testNow,
  });
  started.push(t);
  return { t, router: createAppRouter(t.context(base, platform), 'app://countershield') };
}

const login = (router: ReturnType<typeof createAppRouter>, who: { staffId: string; pin: string }) =>
  router.dispatch(sender, { channel: 'session:login', payload: { staffId: who.staffId, pin: who.pin } });

describe('two OS accounts on one counter PC, through the terminal', () => {
  it('the account that set it up and the account enrolled after it both log staff in with their PINs', async () => {
    const dir = tempDir('cs-term2-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const first = await start(dir, a);
    await first.t.setup.createAdmins(ADMINS);
    const key = first.t.setup.recoveryKeyGroups().join('-');
    await first.t.setup.confirmRecoveryKey(key.split('-').slice(-2).join(' '));
    await first.t.setup.reviewPolicy();
    const { token } = first.t.setup.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
    const dry = await first.t.setup.dryRunImport(token);
    if (!dry.ok) throw new Error('dry run failed');
    await first.t.setup.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
    expect(await login(first.router, STAFF.admin1)).toMatchObject({ ok: true });
    await first.t.close();

    const second = await start(dir, b);
    expect(second.t.setup.status()).toMatchObject({ stage: 'enrolment-required', enrolReason: 'new-account' });
    expect(await login(second.router, STAFF.admin2)).toMatchObject({ ok: false });
    await second.router.dispatch(sender, { channel: 'enrol:submit', payload: { recoveryKey: key, staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin } });
    expect(second.t.setup.status().stage).toBe('complete');
    expect(await login(second.router, STAFF.admin2)).toMatchObject({ ok: true });
    await second.t.close();

    const again = await start(dir, a);
    expect(again.t.setup.status().stage).toBe('complete');
    expect(await login(again.router, STAFF.admin1)).toMatchObject({ ok: true });
  });
});
