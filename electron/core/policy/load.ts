/**
 * Loads the effective camera policy. Fail closed (invariant 4): every path that is not a verified,
 * valid file yields the strict defaults with a state the start screen turns into a banner.
 * Never throws: a policy problem must not stop the counter, it must make it stricter.
 */
import { readFile } from 'node:fs/promises';
import { CameraPolicySchema, STRICT_CAMERA_POLICY, tightenToDefaults, type EffectivePolicy, type PolicyState } from '../../../shared/policy/cameraPolicy';
import { PolicyFileSchema, policyHash, verifyPolicyFile, type PolicyKeyProvider } from './integrity';
import { POLICY_STATE_MESSAGES } from './messages';

/** A real policy is a few hundred bytes; anything far larger is not one and is not parsed. */
const MAX_POLICY_BYTES = 64 * 1024;

export interface LoadPolicyDeps {
  path: string;
  keys: PolicyKeyProvider;
  read?: (path: string) => Promise<Buffer>;
  /** The last approved revision, kept in the vault (issue 14): an older or deleted file is a rollback. */
  revisions?: PolicyRevisions;
}

/** The ratchet in the vault: `last` only grows; a verified newer file raises it. */
export interface PolicyRevisions {
  last(): Promise<number>;
  raise(revision: number): Promise<void>;
}

export async function loadEffectivePolicy(deps: LoadPolicyDeps): Promise<EffectivePolicy> {
  const loaded = await loadFile(deps);
  if (!deps.revisions) return loaded;
  // A ratchet row that does not verify was edited outside the app: nothing is newer than it (fail closed).
  const last = await deps.revisions.last().catch(() => Number.POSITIVE_INFINITY);
  // A file put back from before the last approval, or deleted after one, may mask fewer fields: never in force.
  if (loaded.source === 'file' ? loaded.revision < last : loaded.state === 'missing' && last > 0) {
    return { ...defaults(deps.path, 'rolled-back'), revision: Number.isFinite(last) ? last : loaded.revision };
  }
  if (loaded.source === 'file' && loaded.revision > last) await deps.revisions.raise(loaded.revision).catch(() => undefined);
  return loaded;
}

async function loadFile(deps: LoadPolicyDeps): Promise<EffectivePolicy> {
  const read = deps.read ?? ((p: string) => readFile(p));
  let bytes: Buffer;
  try {
    bytes = await read(deps.path);
  } catch (e) {
    return defaults(deps.path, (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'missing' : 'unreadable');
  }
  if (bytes.length > MAX_POLICY_BYTES) return defaults(deps.path, 'invalid');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return defaults(deps.path, 'invalid');
  }
  const file = PolicyFileSchema.safeParse(json);
  if (!file.success) return defaults(deps.path, 'invalid');

  const key = await deps.keys.policyMacKey().catch(() => null);
  if (!key) return defaults(deps.path, 'unverified');
  if (!verifyPolicyFile(key, file.data)) return defaults(deps.path, 'tampered');

  const { approval } = file.data;
  // A MAC-valid file must also be internally consistent: the approval names these exact bytes,
  // and two different people decided it.
  if (approval.policyHash !== policyHash(file.data.policy) || approval.proposedBy === approval.approvedBy) return defaults(deps.path, 'tampered');
  const policy = CameraPolicySchema.safeParse(file.data.policy);
  if (!policy.success) return defaults(deps.path, 'invalid');
  return {
    policy: tightenToDefaults(policy.data),
    source: 'file',
    state: 'ok',
    revision: approval.revision,
    path: deps.path,
    messageJa: POLICY_STATE_MESSAGES.ok.ja,
    messageEn: POLICY_STATE_MESSAGES.ok.en,
  };
}

export function defaults(path: string, state: Exclude<PolicyState, 'ok'>): EffectivePolicy {
  return {
    policy: { ...STRICT_CAMERA_POLICY, maskedFields: [...STRICT_CAMERA_POLICY.maskedFields], lookupLimits: { ...STRICT_CAMERA_POLICY.lookupLimits! }, fleetLimits: { ...STRICT_CAMERA_POLICY.fleetLimits! } },
    source: 'defaults',
    state,
    revision: 0,
    path,
    messageJa: POLICY_STATE_MESSAGES[state].ja,
    messageEn: POLICY_STATE_MESSAGES[state].en,
  };
}
