/**
 * Changing the policy takes two administrators (SPEC F5): A proposes with their own PIN; B — a
 * different person, also an administrator — approves with their own PIN the exact proposal, bound
 * by the SHA-256 of the proposed policy (so B approves what B saw, never a swapped document).
 * Only then is the signed file written. Every step, refusals included, is audited (ids only).
 * Proposals live in memory: both administrators stand at the same terminal, and a proposal that
 * outlives the app would be one nobody is watching.
 */
import { randomUUID } from 'node:crypto';
import { CameraPolicySchema, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditSink, Clock, StaffAuthenticator } from '../ports';
import { policyErrors } from './errors';
import { POLICY_FILE_FORMAT, policyHash, signPolicyFile, type PolicyKeyProvider } from './integrity';
import { loadEffectivePolicy, type PolicyRevisions } from './load';
import { writeFileAtomic } from './atomicWrite';
import { writePolicyChange, type PolicyIntents, type PolicyWriteStep } from './intent';

export const PROPOSAL_TTL_MS = 15 * 60 * 1000;

export interface PolicyProposal {
  readonly id: string;
  readonly policy: CameraPolicy;
  readonly policyHash: string;
  readonly proposedBy: string;
  readonly baseRevision: number;
  readonly expiresAt: string;
}

export interface PolicyAdminDeps {
  path: string;
  auth: StaffAuthenticator;
  audit: AuditSink;
  clock: Clock;
  keys: PolicyKeyProvider;
  /** The vault's ratchet of approved revisions (issue 14); the base of a proposal is never below it. */
  revisions?: PolicyRevisions;
  /**
   * The vault's intent row (intent.ts): with it, the change's entry commits with the approved file in the vault
   * before the file is written, and an interrupted write is finished at the next open (issue 15).
   */
  intents?: PolicyIntents;
  write?: (path: string, content: string) => Promise<void>;
  newId?: () => string;
  /** Test hook for the kill-point test. */
  faultPoint?: (step: PolicyWriteStep) => void;
}

export class PolicyAdmin {
  private readonly pending = new Map<string, PolicyProposal>();
  constructor(private readonly deps: PolicyAdminDeps) {}

  async propose(input: { staffId: string; pin: string; policy: unknown }): Promise<PolicyProposal> {
    const actor = await this.admin(input.staffId, input.pin, 'policy.propose_refused');
    const parsed = CameraPolicySchema.safeParse(input.policy);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.path.join('.') || 'policy';
      await this.audit('policy.propose_refused', [actor.staffId], { code: 'E_POLICY_INVALID', field: issue });
      throw policyErrors.invalid(issue);
    }
    const current = await loadEffectivePolicy({ path: this.deps.path, keys: this.deps.keys, ...(this.deps.revisions && { revisions: this.deps.revisions }) });
    const proposal: PolicyProposal = {
      id: (this.deps.newId ?? randomUUID)(),
      policy: parsed.data,
      policyHash: policyHash(parsed.data),
      proposedBy: actor.staffId,
      baseRevision: current.revision,
      expiresAt: new Date(this.deps.clock().getTime() + PROPOSAL_TTL_MS).toISOString(),
    };
    this.pending.set(proposal.id, proposal);
    await this.audit('policy.proposed', [actor.staffId], { proposal: proposal.id, policyHash: proposal.policyHash, baseRevision: proposal.baseRevision });
    return proposal;
  }

  /**
   * The proposals still open, newest first, for the second administrator's screen. An expired one is
   * never offered; it stays in the map only so that approving it still answers "expired".
   */
  pendingProposals(): PolicyProposal[] {
    const now = this.deps.clock().getTime();
    return [...this.pending.values()].filter((p) => now <= Date.parse(p.expiresAt)).reverse();
  }

  /** Approves and writes. `policyHash` is what the approver was shown; it must match exactly. */
  async approve(input: { proposalId: string; policyHash: string; staffId: string; pin: string }): Promise<{ revision: number; policyHash: string }> {
    const actor = await this.admin(input.staffId, input.pin, 'policy.approve_refused');
    const proposal = this.pending.get(input.proposalId);
    const refuse = async (err: AppError): Promise<never> => {
      await this.audit('policy.approve_refused', [actor.staffId, ...(proposal ? [proposal.proposedBy] : [])], { code: err.code, proposal: input.proposalId.slice(0, 64) });
      throw err;
    };
    if (!proposal) return refuse(policyErrors.unknownProposal());
    // The two-person rule: the proposer's own PIN cannot complete the change.
    if (actor.staffId === proposal.proposedBy) return refuse(policyErrors.selfApproval());
    if (input.policyHash !== proposal.policyHash) return refuse(policyErrors.hashMismatch());
    if (this.deps.clock().getTime() > Date.parse(proposal.expiresAt)) {
      this.pending.delete(proposal.id);
      return refuse(policyErrors.expired());
    }
    const current = await loadEffectivePolicy({ path: this.deps.path, keys: this.deps.keys, ...(this.deps.revisions && { revisions: this.deps.revisions }) });
    if (current.revision !== proposal.baseRevision) {
      this.pending.delete(proposal.id);
      return refuse(policyErrors.stale());
    }
    const key = await this.deps.keys.policyMacKey().catch(() => null);
    if (!key) return refuse(policyErrors.keyUnavailable());

    // Single use: from here on the proposal cannot be approved a second time, whatever happens.
    this.pending.delete(proposal.id);
    const revision = proposal.baseRevision + 1;
    const file = signPolicyFile(key, {
      format: POLICY_FILE_FORMAT,
      policy: proposal.policy,
      approval: { revision, policyHash: proposal.policyHash, proposedBy: proposal.proposedBy, approvedBy: actor.staffId, approvedAt: this.deps.clock().toISOString() },
    });
    const content = `${JSON.stringify(file, null, 2)}\n`;
    const write = this.deps.write ?? writeFileAtomic;
    const changed = { action: 'policy.changed', actors: [proposal.proposedBy, actor.staffId], detail: { proposal: proposal.id, policyHash: proposal.policyHash, revision } };
    const refused = { action: 'policy.approve_refused', actors: [actor.staffId, proposal.proposedBy], detail: { code: 'E_POLICY_WRITE', proposal: proposal.id } };
    if (this.deps.intents && this.deps.revisions) {
      const written = await writePolicyChange(
        { intents: this.deps.intents, revisions: this.deps.revisions, audit: this.deps.audit, path: this.deps.path, write, ...(this.deps.faultPoint && { faultPoint: this.deps.faultPoint }) },
        { revision, proposal: proposal.id, content }, changed, refused,
      );
      if (!written) throw policyErrors.writeFailed();
      return { revision, policyHash: proposal.policyHash };
    }
    // Without a vault (tests of the rule alone): audited before the write, so an unwritable log changes nothing.
    await this.deps.audit.append(changed);
    try {
      await write(this.deps.path, content);
    } catch {
      return refuse(policyErrors.writeFailed());
    }
    await this.deps.revisions?.raise(revision);
    return { revision, policyHash: proposal.policyHash };
  }

  private async admin(staffId: string, pin: string, refusedAction: string): Promise<Actor> {
    const res = await this.deps.auth.verifyPin(staffId, pin);
    if (!res.ok) {
      await this.audit(refusedAction, [staffId.slice(0, 64)], { code: res.error.code });
      throw new AppError(res.error);
    }
    if (!res.actor.roles.includes('admin')) {
      await this.audit(refusedAction, [res.actor.staffId], { code: 'E_POLICY_NOT_ADMIN' });
      throw policyErrors.notAdmin();
    }
    return res.actor;
  }

  private audit(action: string, actors: string[], detail: Record<string, string | number>): Promise<void> {
    return this.deps.audit.append({ action, actors, detail });
  }
}
