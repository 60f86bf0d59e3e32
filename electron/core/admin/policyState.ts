/** The effective camera policy as this vault verifies it (the same loader the terminal uses at start). */
import { defaultEffectivePolicy, loadEffectivePolicy, policyRevisionStore } from '../policy';
import type { Vault } from '../vault/vault';
import type { EffectivePolicy } from '../../../shared/policy/cameraPolicy';

export async function effectivePolicyOf(vault: Vault, path: string | undefined): Promise<EffectivePolicy> {
  if (!path) return defaultEffectivePolicy('', 'missing');
  const revisions = await policyRevisionStore(vault.database, vault.serviceKey('policy-mac'));
  return loadEffectivePolicy({ path, keys: { policyMacKey: async () => vault.serviceKey('policy-mac') }, revisions });
}
