/**
 * Issue 17 §4: a policy IT prepares centrally. Two administrators at the station sign a draft; every terminal of
 * the same lineage accepts the file as it is; a terminal of another vault keeps the strict defaults; one
 * administrator alone, or a draft looser than the defaults, signs nothing.
 */
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdminCommand, ADMIN_EXIT } from '../../../electron/core/admin';
import { effectivePolicyOf } from '../../../electron/core/admin/policyState';
import { Vault } from '../../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { AccountProtector, tempDir } from '../vault/helpers';
import { A1, A2, adminFixture, consoleWith } from './fixture';

const draft = { ...DEFAULT_CAMERA_POLICY, idleLockSeconds: 120, maskedFields: [...DEFAULT_CAMERA_POLICY.maskedFields, 'note'], label: '本庁 2026年度' };

async function policyOnTerminal(dataDir: string, protector: AccountProtector, path: string) {
  const v = await Vault.open({ dataDir }, protector);
  try {
    return await effectivePolicyOf(v, path);
  } finally {
    await v.close();
  }
}

describe('policy-sign: one signed file for the whole lineage', () => {
  it('two administrators sign at the station; another terminal of the lineage accepts it unchanged, a foreign vault does not', async () => {
    const station = await adminFixture();
    const dir = tempDir('cs-policy-');
    const draftFile = join(dir, 'draft.json');
    writeFileSync(draftFile, JSON.stringify(draft));
    const signed = join(dir, 'policy.json');
    const alone = await runAdminCommand(['policy-sign', '--in', draftFile, '--file', signed, '--by', A1.staffId], station.env, consoleWith([A1.pin]));
    expect(alone.code).toBe(ADMIN_EXIT.confirmationNeeded);
    expect(existsSync(signed)).toBe(false);
    const r = await runAdminCommand(['policy-sign', '--in', draftFile, '--file', signed, '--by', A1.staffId, '--second', A2.staffId, '--json'], station.env, consoleWith([A1.pin, A2.pin]));
    expect(r.code).toBe(ADMIN_EXIT.ok);
    expect(JSON.parse(r.output)).toMatchObject({ ok: true, result: { revision: 1 } });

    // A second PC of the same lineage: the station's folder, enrolled on another OS account with the recovery key.
    const terminalDir = join(tempDir('cs-terminal-'), 'vault');
    cpSync(station.dataDir, terminalDir, { recursive: true });
    const other = new AccountProtector();
    await (await Vault.enrol({ dataDir: terminalDir }, other, station.recoveryKey, 'T-second01')).close();
    const there = await policyOnTerminal(terminalDir, other, signed);
    expect(there).toMatchObject({ state: 'ok', source: 'file', revision: 1 });
    expect(there.policy.idleLockSeconds).toBe(120);
    expect(there.policy.maskedFields).toContain('note');

    const foreign = await adminFixture();
    expect(await policyOnTerminal(foreign.dataDir, foreign.protector, signed)).toMatchObject({ state: 'tampered', source: 'defaults' });
  });

  it('a draft looser than the defaults, or not a policy, is refused with a Japanese reason and nothing is signed', async () => {
    const station = await adminFixture();
    const dir = tempDir('cs-policy-');
    const signed = join(dir, 'policy.json');
    for (const bad of [{ ...draft, idleLockSeconds: 900 }, { ...draft, contentProtection: false }, { ...draft, maskedFields: ['address'] }, 'not json']) {
      const f = join(dir, `d-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(f, typeof bad === 'string' ? bad : JSON.stringify(bad));
      const r = await runAdminCommand(['policy-sign', '--in', f, '--file', signed, '--by', A1.staffId, '--second', A2.staffId], station.env, consoleWith([A1.pin, A2.pin]));
      expect(r.code).toBe(ADMIN_EXIT.refused);
      expect(r.output).toContain('E_ADMIN_POLICY_INVALID');
      expect(r.output).toContain('ポリシーの下書きに誤りがあります');
      expect(existsSync(signed)).toBe(false);
    }
  });
});
