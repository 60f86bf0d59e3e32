/**
 * Issue 15: a terminal applying a fleet package wrote the list, the staff directory and the policy file first and
 * `fleet.package_applied` last; a kill in between re-applied the package at the next pick-up, audited then with zero
 * changes — the real changes had no entry. With the intent (electron/core/fleet/applyIntent.ts) the list, directory,
 * vault marks, intent and entry commit together and the files follow; after a kill at any step and the next check,
 * the log names the real changes exactly once and the files agree with it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAuditChain } from '../../../electron/core/audit/open';
import { PackageIntents } from '../../../electron/core/fleet/applyIntent';
import { readMachineMarks } from '../../../electron/core/fleet/highWater';
import { FleetTerminal } from '../../../electron/core/fleet/terminal';
import { loadEffectivePolicy } from '../../../electron/core/policy/load';
import { POLICY_FILE_FORMAT, policyHash, signPolicyFile } from '../../../electron/core/policy/integrity';
import { StaffStore } from '../../../electron/core/staff/store';
import { migrateSubsystem } from '../../../electron/core/vault/schema';
import { STAFF_MIGRATIONS } from '../../../electron/core/staff/schema';
import { Vault } from '../../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { copyDir, makeFleet, pinClockAtT0, release, SAMPLE, T0, type Fleet } from '../fleet/helpers';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { runNode } from './helpers';
import { childProcessClock } from '../../clock';

const STEPS = ['planned', 'intent-written', 'files-written', 'finished'] as const;

let fleet: Fleet | undefined;
pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

/** A package that changes all three: 150 additions, a new lead with a wrap, and a signed policy (revision 3). */
async function stationWithPackage(): Promise<Fleet> {
  const f = await makeFleet(1);
  expect((await f.stationVault.commit(SAMPLE)).ok).toBe(true);
  await migrateSubsystem(f.stationVault.database, 'staff', STAFF_MIGRATIONS);
  const store = new StaffStore(f.stationVault.database, f.stationVault.serviceKey('staff-records'));
  await store.insert('L-0009', { displayName: '班長九', roles: ['lead'], retired: false }, { params: { m: 19456, t: 2, p: 1 }, salt: Buffer.alloc(16, 1), verifier: Buffer.alloc(32, 2) }, T0.toISOString());
  await f.stationVault.addPrivateKeyWrap('lead:L-0009', Buffer.alloc(32, 7), { recoveryKey: f.key });
  const policy = { ...DEFAULT_CAMERA_POLICY, maskedFields: [...DEFAULT_CAMERA_POLICY.maskedFields] };
  const file = signPolicyFile(f.stationVault.serviceKey('policy-mac'), {
    format: POLICY_FILE_FORMAT, policy, approval: { revision: 3, policyHash: policyHash(policy), proposedBy: 'A-0001', approvedBy: 'A-0002', approvedAt: T0.toISOString() },
  });
  await release(f, { policyFile: Buffer.from(JSON.stringify(file)) });
  return f;
}

describe('a kill at any step of a package apply leaves the log naming the real changes exactly once (SPEC invariant 7)', () => {
  it('after the next check: one fleet.package_applied with the list, staff, wrap and policy counts, and the files match it', async () => {
    const f = (fleet = await stationWithPackage());
    const t = f.terminals[0]!;
    await t.audit.close();
    await t.vault.close();
    const clock = childProcessClock;
    const outcomes: string[] = [];
    for (const step of STEPS) {
      const dataDir = copyDir(t.dir);
      const side = tempDir(`cs-pkg-kill-${step}-`);
      const machineFile = join(side, 'fleet-marks.json');
      const policyPath = join(side, 'policy.json');
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/packageKillChild.ts'), dataDir, f.key, f.drop, machineFile, policyPath, t.id, step, String(T0.getTime())]);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      expect(run.signal).toBe('SIGKILL');
      const policyAtKill = existsSync(policyPath);

      // The next start, as the app does it: the fleet's check finishes what the kill interrupted.
      const vault = await Vault.openWithRecovery({ dataDir, clock }, f.key);
      const audit = await openAuditChain(vault, { dataDir, terminal: t.id, clock, dailyCheckpoint: false });
      const terminal = new FleetTerminal({ vault, dataDir, dropDir: f.drop, terminalId: t.id, machineFile, policyPath, audit, clock, staff: async () => null });
      const state = (await terminal.check()).state;
      expect(['current', 'updated'], step).toContain(state);
      expect((await terminal.check()).state, step).toBe('current');
      await audit.drain();

      const applied = await vault.database.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'fleet.package_applied'");
      expect(applied.map((r) => JSON.parse(r.detail)), step).toEqual([expect.objectContaining({ applied: 'all', added: 150, staff: 1, wraps: 1, policy: true })]);
      expect(await vault.database.all("SELECT 1 FROM audit_log WHERE action = 'fleet.refused'"), step).toEqual([]);
      expect((await vault.status()).persons, step).toBe(150);
      expect(await new StaffStore(vault.database, vault.serviceKey('staff-records')).get('L-0009'), step).toMatchObject({ roles: ['lead'], failedCount: 0 });
      const eff = await loadEffectivePolicy({ path: policyPath, keys: { policyMacKey: async () => vault.serviceKey('policy-mac') } });
      expect(eff, step).toMatchObject({ state: 'ok', revision: 3 });
      const machine = await readMachineMarks(vault, machineFile, t.id);
      expect(machine, step).toMatchObject({ state: 'ok', marks: { applied: 1, seen: 1 } });
      expect(await new PackageIntents(vault).pending(), step).toBeNull();
      expect((await audit.verify()).ok, step).toBe(true);
      outcomes.push(`${step}:${state}${policyAtKill ? '' : '(no policy file at kill)'}`);
      await audit.close();
      await vault.close();
    }
    // Before the commit the next check applies the package itself; after it, the next check only finishes the files.
    expect(outcomes).toEqual([
      'planned:updated(no policy file at kill)',
      'intent-written:current(no policy file at kill)',
      'files-written:current',
      'finished:current',
    ]);
  }, 240_000);

  it('an intent edited outside the app is dropped with a refusal entry, and its policy bytes are never written', async () => {
    const f = (fleet = await stationWithPackage());
    const t = f.terminals[0]!;
    const intents = new PackageIntents(t.vault);
    await intents.put({ version: 1, policy: Buffer.from('{"x":1}').toString('base64'), keepPending: false, marks: { applied: 1, seen: 1, timestamp: 1, snapshot: 1, retired: false } });
    await t.vault.database.run("UPDATE fleet_meta SET value = randomblob(80) WHERE key = 'apply-intent'");
    expect((await t.fleet.check()).state).toBe('updated');
    await t.audit.drain();
    const refused = await t.vault.database.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'fleet.refused'");
    expect(refused.map((r) => JSON.parse(r.detail))).toEqual([{ code: 'E_FLEET_TAMPERED', what: 'apply-intent' }]);
    expect(await intents.pending()).toBeNull();
    const eff = await loadEffectivePolicy({ path: t.policyPath, keys: { policyMacKey: async () => t.vault.serviceKey('policy-mac') } });
    expect(eff).toMatchObject({ state: 'ok', revision: 3 });
  }, 120_000);
});
