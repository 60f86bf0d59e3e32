/**
 * Issue 15: a policy change and its audit entry, all or nothing. The policy is a file outside the vault, so a
 * kill between the file write and the entry (in either order) left a changed policy without its entry, or an
 * entry without its change. With the intent row (electron/core/policy/intent.ts), after a kill at any step and
 * the next open, the policy in force and the log agree.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditChain } from '../../../electron/core/audit/open';
import { loadEffectivePolicy, PolicyIntents, policyRevisionStore, reconcilePolicyIntent, writePolicyFileAtomic } from '../../../electron/core/policy';
import { Vault } from '../../../electron/core/vault/vault';
import { REPO_ROOT, tempDir } from '../vault/helpers';
import { runNode } from './helpers';
import { testClock } from '../../clock';

const STEPS = ['proposed', 'intent-written', 'file-written', 'finished'] as const;

describe('a kill at any step of a policy change never leaves the policy and its audit entry apart (SPEC invariant 7)', () => {
  it('after the next open: either the old policy and no policy.changed, or the new one with its entry, and nothing pending', async () => {
    const dir = tempDir('cs-policy-kill-');
    const seed = join(dir, 'seed');
    const { vault: v0, recoveryKey } = await Vault.create({ dataDir: seed });
    await v0.close();
    const outcomes: string[] = [];
    for (const step of STEPS) {
      const dataDir = join(dir, `at-${step}`);
      const policyPath = join(dir, `policy-${step}.json`);
      cpSync(seed, dataDir, { recursive: true });
      const run = await runNode([join(REPO_ROOT, 'test/unit/reliability/policyKillChild.ts'), dataDir, recoveryKey, policyPath, step]);
      expect(run.stdout, run.stderr).toContain(`killed ${step}`);
      expect(run.signal).toBe('SIGKILL');
      const fileAfterKill = existsSync(policyPath);

      // The next open, as the terminal does it: finish what the kill interrupted, then load.
      const vault = await Vault.openWithRecovery({ dataDir }, recoveryKey);
      const chain = await openAuditChain(vault, { dataDir, terminal: 'T01', clock: testClock, dailyCheckpoint: false });
      const key = vault.serviceKey('policy-mac');
      const revisions = await policyRevisionStore(vault.database, key);
      const intents = new PolicyIntents(vault.database, key);
      const reconciled = await reconcilePolicyIntent({ intents, revisions, audit: chain, path: policyPath, write: writePolicyFileAtomic });
      await chain.drain();
      const effective = await loadEffectivePolicy({ path: policyPath, keys: { policyMacKey: async () => key }, revisions });
      const changed = await vault.database.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'policy.changed'");
      const inForce = effective.source === 'file' ? effective.revision : 0;
      expect(inForce, step).toBe(changed.length ? (JSON.parse(changed[0]!.detail) as { revision: number }).revision : 0);
      expect(changed.length, step).toBeLessThanOrEqual(1);
      expect(effective.state, step).not.toBe('rolled-back');
      expect(await intents.pending(), step).toBeNull();
      expect(await revisions.last(), step).toBe(inForce);
      if (inForce) expect(JSON.parse(readFileSync(policyPath, 'utf8')).policy.idleLockSeconds, step).toBe(120);
      expect((await chain.verify()).ok, step).toBe(true);
      outcomes.push(`${step}:${inForce ? 'new' : 'old'}${reconciled === 'finished' ? '(finished at open)' : ''}${fileAfterKill ? '' : '(no file at kill)'}`);
      await chain.close();
      await vault.close();
    }
    // Both sides were exercised, and the step between the entry and the file was finished at open.
    expect(outcomes).toEqual([
      'proposed:old(no file at kill)',
      'intent-written:new(finished at open)(no file at kill)',
      'file-written:new(finished at open)',
      'finished:new',
    ]);
  }, 120_000);

  it('a file that cannot be written drops the change with a refusal entry in the same transaction', async () => {
    const dir = tempDir('cs-policy-fail-');
    const { vault } = await Vault.create({ dataDir: join(dir, 'data') });
    const chain = await openAuditChain(vault, { dataDir: join(dir, 'data'), terminal: 'T01', clock: testClock, dailyCheckpoint: false });
    const key = vault.serviceKey('policy-mac');
    const revisions = await policyRevisionStore(vault.database, key);
    const intents = new PolicyIntents(vault.database, key);
    await vault.database.transaction(() => intents.put({ revision: 1, proposal: 'p1', content: '{}' }));
    const r = await reconcilePolicyIntent({ intents, revisions, audit: chain, path: join(dir, 'policy.json'), write: async () => { throw Object.assign(new Error('full'), { code: 'ENOSPC' }); } });
    expect(r).toBe('dropped');
    await chain.drain();
    expect(await intents.pending()).toBeNull();
    expect(await revisions.last()).toBe(0);
    const refused = await vault.database.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'policy.approve_refused'");
    expect(refused.map((x) => JSON.parse(x.detail))).toEqual([{ code: 'E_POLICY_WRITE', proposal: 'p1', atOpen: true }]);
    // An intent edited outside the app is never written out.
    await vault.database.transaction(() => intents.put({ revision: 2, proposal: 'p2', content: '{}' }));
    await vault.database.run("UPDATE policy_intent SET content = '{\"x\":1}'");
    expect(await reconcilePolicyIntent({ intents, revisions, audit: chain, path: join(dir, 'policy.json'), write: writePolicyFileAtomic })).toBe('dropped');
    expect(existsSync(join(dir, 'policy.json'))).toBe(false);
    await chain.close();
    await vault.close();
  });
});
