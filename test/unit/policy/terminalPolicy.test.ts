/**
 * The policy change as main composes it: the Terminal signs with the vault's policy-mac key, the very key
 * its loader verifies with, so an approved change is in force at once and still 'ok' after a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal, type TerminalPlatform } from '../../../electron/core/terminal';
import { createAppRouter } from '../../../electron/ipc';
import { OWASP_MIN } from '../../../electron/core/staff';
import { DEFAULT_MASKED_FIELDS } from '../../../shared/policy/cameraPolicy';
import { SAMPLE_CSV, STAFF } from '../../fakes/core';
import { AccountProtector, tempDir } from '../vault/helpers';

const base = { version: 't', prefs: { getLanguage: () => 'ja' as const, setLanguage: () => undefined, getTerminalLabel: () => '' }, locks: () => ({ networkBlocked: true, contentProtection: true, permissionsDenied: true, source: 'electron-main' as const }) };
// No platform step runs in this test (no dialog, no print).
const platform = {} as TerminalPlatform;
const sender = { url: 'app://countershield/index.html', isMainFrame: true };
const started: Terminal[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

async function start(dataDir: string, protector: AccountProtector): Promise<Terminal> {
  const t = await Terminal.start({ dataDir, protector, policyPath: join(dataDir, 'policy.json'), terminalId: 'T-unit0002', argon2: OWASP_MIN, sweepMs: 0 });
  started.push(t);
  return t;
}

describe('the Terminal wires the two-administrator policy change', () => {
  it('an approved change is in force at once (source file, state ok) and verifies again after a restart', async () => {
    const dir = tempDir('cs-term-pol-');
    const protector = new AccountProtector();
    const t = await start(dir, protector);
    const ctx = t.context(base, platform);
    const router = createAppRouter(ctx, 'app://countershield');
    const call = (channel: string, payload: unknown) => router.dispatch(sender, { channel, payload }) as Promise<{ ok: boolean; value?: never; error?: { code: string } }>;
    expect(await call('policy:propose', { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin, change: { idleLockSeconds: 90, unmaskGrantTtlSeconds: 20, maskedFields: [...DEFAULT_MASKED_FIELDS], label: '' } }))
      .toMatchObject({ ok: false, error: { code: 'E_POLICY_KEY_UNAVAILABLE' } });

    await t.setup.createAdmins([STAFF.admin1, STAFF.admin2].map((a) => ({ staffId: a.staffId, displayName: a.displayName, pin: a.pin, pinConfirm: a.pin })) as [never, never]);
    await t.setup.confirmRecoveryKey(t.setup.recoveryKeyGroups().join('-').split('-').slice(-2).join(' '));
    await t.setup.reviewPolicy();
    const { token } = t.setup.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
    const dry = await t.setup.dryRunImport(token);
    if (!dry.ok) throw new Error('dry run failed');
    await t.setup.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });

    const change = { idleLockSeconds: 90, unmaskGrantTtlSeconds: 20, maskedFields: [...DEFAULT_MASKED_FIELDS, 'school'], label: 'T' };
    const p = await call('policy:propose', { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin, change });
    expect(p.ok).toBe(true);
    const v = p.value as unknown as { proposalId: string; policyHash: string };
    const done = await call('policy:approve', { proposalId: v.proposalId, policyHash: v.policyHash, staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin });
    expect(done).toMatchObject({ ok: true, value: { revision: 1, restartNeeded: true } });
    expect(ctx.policy.effective()).toMatchObject({ source: 'file', state: 'ok', revision: 1, policy: change });
    expect((await ctx.leads!.services.chain.verify()).ok).toBe(true);
    await t.close();
    started.splice(started.indexOf(t), 1);

    const again = await start(dir, protector);
    expect(again.policy).toMatchObject({ source: 'file', state: 'ok', revision: 1, policy: change });
  }, 60_000);
});
