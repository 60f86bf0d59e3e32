/** The camera-policy lock in plain Node (SPEC F5): load and verify, change with two admins, log photo requests. */
export { loadEffectivePolicy, defaults as defaultEffectivePolicy, type PolicyRevisions } from './load';
export { policyRevisionStore } from './revisionStore';
export { PolicyAdmin, PROPOSAL_TTL_MS, type PolicyProposal, type PolicyAdminDeps } from './admin';
export { PhotoRequestLog, type PhotoRequestRecord } from './photoRequests';
export { defaultPolicyPath, POLICY_PATH_ENV } from './paths';
export { derivePolicyMacKey, policyHash, canonicalJson, signPolicyFile, verifyPolicyFile, POLICY_FILE_FORMAT, type PolicyKeyProvider, type PolicyFile } from './integrity';
export { policyErrors } from './errors';
export { PolicyIntents, reconcilePolicyIntent, writePolicyChange, type PolicyIntent, type PolicyWriteStep } from './intent';
export { writeFileAtomic as writePolicyFileAtomic } from './atomicWrite';
