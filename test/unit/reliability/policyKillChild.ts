/**
 * Child process for the policy kill-point test: two administrators change the policy the way the app does
 * (PolicyAdmin with the vault's intent row and ratchet) and the process SIGKILLs itself at one named step.
 * argv: dataDir recoveryKey policyPath step   (step 'proposed' = after the proposal, before the approval)
 */
import { openAuditChain } from '../../../electron/core/audit/open';
import { PolicyAdmin, PolicyIntents, policyRevisionStore, type PolicyWriteStep } from '../../../electron/core/policy';
import { STRICT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { Vault } from '../../../electron/core/vault/vault';
import type { StaffAuthenticator } from '../../../electron/core/ports';
import { childProcessClock } from '../../clock';

const kill = (at: string, step: string): void => {
  if (at !== step) return;
  process.stdout.write(`killed ${at}\n`);
  process.kill(process.pid, 'SIGKILL');
};

async function main(): Promise<void> {
  const [dataDir, recoveryKey, policyPath, step] = process.argv.slice(2) as [string, string, string, string];
  const vault = await Vault.openWithRecovery({ dataDir }, recoveryKey);
  const chain = await openAuditChain(vault, { dataDir, terminal: 'T01', clock: childProcessClock, dailyCheckpoint: false });
  const key = vault.serviceKey('policy-mac');
  const auth: StaffAuthenticator = { verifyPin: async (staffId) => ({ ok: true, actor: { staffId, roles: ['admin'] } }) };
  const admin = new PolicyAdmin({
    path: policyPath, keys: { policyMacKey: async () => key }, revisions: await policyRevisionStore(vault.database, key), intents: new PolicyIntents(vault.database, key),
    auth, audit: chain, clock: childProcessClock, faultPoint: (s: PolicyWriteStep) => kill(s, step),
  });
  const p = await admin.propose({ staffId: 'A001', pin: '000000', policy: { ...STRICT_CAMERA_POLICY, idleLockSeconds: 120 } });
  await chain.drain();
  kill('proposed', step);
  const r = await admin.approve({ proposalId: p.id, policyHash: p.policyHash, staffId: 'A002', pin: '000000' });
  await chain.close();
  process.stdout.write(`done ${r.revision}\n`);
  await vault.close();
}

void main();
