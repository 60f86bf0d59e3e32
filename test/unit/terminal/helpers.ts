/** What the tests of the composed Terminal share: the app's base context, a platform that saves nothing, first-run setup. */
import { readFileSync } from 'node:fs';
import type { Terminal, TerminalPlatform } from '../../../electron/core/terminal';
import { SAMPLE_CSV, STAFF } from '../../fakes/core';

export const base = { version: 't', prefs: { getLanguage: () => 'ja' as const, setLanguage: () => undefined, getTerminalLabel: () => '' }, locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' as const }) };
export const platform: TerminalPlatform = {
  saveApplicantCopy: async () => ({ saved: false, location: '' }),
  saveExport: async () => ({ location: '' }),
  printRecoverySheet: async () => ({ printed: true }),
  chooseListFile: async () => null,
  saveBundle: async () => ({ saved: false, location: '' }),
};

/** The whole first-run setup in the account that started `t`: two administrators, the recovery key confirmed, the sample list. Returns the recovery key. */
export async function firstRunSetup(t: Terminal): Promise<string> {
  const admins = [STAFF.admin1, STAFF.admin2].map((a) => ({ staffId: a.staffId, displayName: a.displayName, pin: a.pin, pinConfirm: a.pin })) as [never, never];
  await t.setup.createAdmins(admins);
  const key = t.setup.recoveryKeyGroups().join('-');
  await t.setup.confirmRecoveryKey(key.split('-').slice(-2).join(' '));
  await t.setup.reviewPolicy();
  const { token } = t.setup.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
  const dry = await t.setup.dryRunImport(token);
  if (!dry.ok) throw new Error('dry run failed');
  const done = await t.setup.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
  if (!done.ok) throw new Error('commit failed');
  return key;
}
