/** First-run setup and terminal enrolment (SPEC F9, F13) through SetupService, with a real vault and staff. */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService, type AdminInput, type SetupDeps } from '../../../electron/core/setup';
import { OWASP_MIN } from '../../../electron/core/staff';
import type { Vault } from '../../../electron/core/vault/vault';
import { generateRecoveryKey } from '../../../electron/core/vault/recoveryKey';
import { RecordingAudit, SAMPLE_CSV, STAFF } from '../../fakes/core';
import { AccountProtector, tempDir } from '../vault/helpers';

const ADMINS: [AdminInput, AdminInput] = [
  { ...STAFF.admin1, pinConfirm: STAFF.admin1.pin },
  { ...STAFF.admin2, pinConfirm: STAFF.admin2.pin },
];
const opened: Vault[] = [];
afterEach(async () => {
  for (const v of opened.splice(0)) await v.close().catch(() => undefined);
});

function deps(dataDir: string, protector: AccountProtector, audit = new RecordingAudit(), terminalId = 'T-test0001'): SetupDeps & { audit: RecordingAudit; ready: Vault[] } {
  const ready: Vault[] = [];
  return {
    dataDir, protector, audit, ready, terminalId, argon2: OWASP_MIN,
    openAudit: async () => audit,
    onReady: async (v) => {
      ready.push(v);
      opened.push(v);
    },
  };
}

async function setUpToKey(d: SetupDeps): Promise<SetupService> {
  const s = await SetupService.start(d);
  await s.createAdmins(ADMINS);
  return s;
}

async function completeSetup(d: SetupDeps): Promise<{ s: SetupService; key: string }> {
  const s = await setUpToKey(d);
  const key = s.recoveryKeyGroups().join('-');
  await s.confirmRecoveryKey(key.split('-').slice(-2).join(' ').toLowerCase());
  await s.reviewPolicy();
  const { token } = s.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
  const dry = await s.dryRunImport(token);
  if (!dry.ok) throw new Error('dry run failed');
  const r = await s.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
  expect(r.ok).toBe(true);
  return { s, key };
}

describe('first-run setup', () => {
  it('goes admins → recovery key once → policy → first list, audits each step, and never logs a PIN or the key', async () => {
    const d = deps(tempDir('cs-setup-'), new AccountProtector());
    const s = await SetupService.start(d);
    expect(s.status()).toMatchObject({ stage: 'admins', restarted: false });

    await expect(s.createAdmins([ADMINS[0], { ...ADMINS[1], pinConfirm: '111111' }])).rejects.toMatchObject({ code: 'E_SETUP_PIN_MISMATCH', ja: expect.stringContaining('一致しません') });
    await expect(s.createAdmins([ADMINS[0], { ...ADMINS[1], pin: '123456', pinConfirm: '123456' }])).rejects.toMatchObject({ code: 'E_PIN_POLICY', ja: expect.stringContaining('連続') });
    await expect(s.createAdmins([ADMINS[0], { ...ADMINS[0] }])).rejects.toMatchObject({ code: 'E_SETUP_SAME_ADMIN' });
    expect(readdirSync(d.dataDir)).toEqual([]);

    await s.createAdmins(ADMINS);
    expect(s.status().stage).toBe('recovery-key');
    const groups = s.recoveryKeyGroups();
    expect(groups).toHaveLength(9);
    expect(s.recoverySheet()).toContain(groups[4]);
    await expect(s.reviewPolicy()).rejects.toMatchObject({ code: 'E_SETUP_STAGE' });
    await expect(s.confirmRecoveryKey(groups.slice(-3, -1).join(''))).rejects.toMatchObject({ code: 'E_SETUP_KEY_CONFIRM' });
    await s.confirmRecoveryKey(groups.slice(-2).join('-'));
    expect(() => s.recoveryKeyGroups()).toThrow(expect.objectContaining({ code: 'E_SETUP_KEY_GONE' }));
    expect(() => s.recoverySheet()).toThrow(expect.objectContaining({ code: 'E_SETUP_KEY_GONE' }));

    expect(s.status().stage).toBe('policy');
    await s.reviewPolicy();
    const { token } = s.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
    const dry = await s.dryRunImport(token);
    expect(dry).toMatchObject({ ok: true, committed: false, summary: { added: 150 } });
    const planHash = dry.ok ? dry.summary.planHash : '';
    await expect(s.commitImport({ token, planHash, staffId: STAFF.admin1.staffId, pin: '999999' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(s.status().stage).toBe('first-import');
    const r = await s.commitImport({ token, planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
    expect(r).toMatchObject({ ok: true, committed: true });
    expect(s.importProgress()).toMatchObject({ running: false, done: 150, total: 150 });
    expect(s.status().stage).toBe('complete');
    expect(d.ready).toHaveLength(1);
    expect((await d.ready[0]!.status()).persons).toBe(150);

    expect(d.audit.actions()).toEqual(expect.arrayContaining([
      'setup.vault_created', 'staff.bootstrap', 'setup.recovery_confirmed', 'setup.policy_reviewed', 'import.dry_run', 'import.committed', 'setup.completed',
    ]));
    const text = d.audit.text();
    for (const secret of [STAFF.admin1.pin, STAFF.admin2.pin, groups.join('-'), groups[0]!, STAFF.admin1.displayName]) expect(text).not.toContain(secret);
  });

  it('refuses and explains when the OS key protection is unavailable, and writes nothing', async () => {
    const d = deps(tempDir('cs-setup-'), new AccountProtector(undefined, false));
    const s = await SetupService.start(d);
    expect(s.status().stage).toBe('key-protection-unavailable');
    await expect(s.createAdmins(ADMINS)).rejects.toMatchObject({ code: 'E_KEY_PROTECTION_UNAVAILABLE', ja: expect.stringContaining('平文で保存することはしない') });
    expect(readdirSync(d.dataDir)).toEqual([]);
  });

  it('a setup interrupted before the key was confirmed is set aside and starts again, never looking finished', async () => {
    const dir = tempDir('cs-setup-');
    const protector = new AccountProtector();
    const first = await setUpToKey(deps(dir, protector));
    await (first as unknown as { vault: Vault }).vault.close();
    const d2 = deps(dir, protector);
    const again = await SetupService.start(d2);
    expect(again.status()).toMatchObject({ stage: 'admins', restarted: true });
    expect(readdirSync(dir).some((n) => n.startsWith('abandoned-setup-'))).toBe(true);
    await again.createAdmins(ADMINS);
    expect(d2.audit.actions().slice(0, 2)).toEqual(['setup.restarted', 'setup.vault_created']);
    await (again as unknown as { vault: Vault }).vault.close();
  });

  it('after the key is confirmed, an interrupted setup resumes at the step where it stopped', async () => {
    const dir = tempDir('cs-setup-');
    const protector = new AccountProtector();
    const s = await setUpToKey(deps(dir, protector));
    await s.confirmRecoveryKey(s.recoveryKeyGroups().slice(-2).join(''));
    await (s as unknown as { vault: Vault }).vault.close();
    const resumed = await SetupService.start(deps(dir, protector));
    expect(resumed.status()).toMatchObject({ stage: 'policy', restarted: false });
    expect(() => resumed.recoveryKeyGroups()).toThrow(expect.objectContaining({ code: 'E_SETUP_KEY_GONE' }));
    await (resumed as unknown as { vault: Vault }).vault.close();
  });
});

describe('terminal enrolment', () => {
  it('another OS account: wrong key refused, wrong PIN refused (no slot written), the right key and an admin enrol it', async () => {
    const dir = tempDir('cs-enrol-');
    const { key } = await completeSetup(deps(dir, new AccountProtector()));
    for (const v of opened.splice(0)) await v.close();

    const other = new AccountProtector();
    const d = deps(dir, other, new RecordingAudit(), 'T-second01');
    const s = await SetupService.start(d);
    expect(s.status().stage).toBe('enrolment-required');
    await expect(s.enrol({ recoveryKey: generateRecoveryKey(), staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin })).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG', ja: expect.stringContaining('回復キーが違います') });
    await expect(s.enrol({ recoveryKey: key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin })).rejects.toMatchObject({ code: expect.stringMatching(/^E_RECOVERY_KEY_(FORMAT|WRONG)$/) });
    await expect(s.enrol({ recoveryKey: key, staffId: STAFF.admin1.staffId, pin: '999999' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(d.audit.actions()).toContain('terminal.enrol_refused');
    expect((await SetupService.start(deps(dir, other))).status().stage).toBe('enrolment-required');

    await s.enrol({ recoveryKey: key, staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin });
    expect(s.status().stage).toBe('complete');
    expect(d.ready).toHaveLength(1);
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', actors: [STAFF.admin2.staffId], detail: { terminal: 'T-second01' } });
    expect(d.audit.text()).not.toContain(key);
    expect(d.audit.text()).not.toContain(STAFF.admin2.pin);
    for (const v of opened.splice(0)) await v.close();

    const later = deps(dir, other);
    expect((await SetupService.start(later)).status().stage).toBe('complete');
    expect(later.ready).toHaveLength(1);
  });
});
