/**
 * The policy change at the terminal (SPEC F5): administrator A proposes, administrator B approves.
 * Who may do what is decided in PolicyAdmin (PIN, admin role, proposer ≠ approver, exact hash); these
 * handlers build the proposal from the policy in force and show B exactly what changes.
 */
import { AppError } from '../../../shared/errors';
import { MASKABLE_FIELDS, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { CHANGEABLE_FIELDS, checkCode, RESTART_FIELDS, type PolicyProposalView } from '../../../shared/ipc/policyChange';
import { policyErrors, type PolicyProposal } from '../../core/policy';
import type { AppContext, PolicyAdminContext } from '../context';
import type { Handler } from '../router';

const noChange = () =>
  new AppError({ code: 'E_POLICY_NO_CHANGE', ja: '現在のポリシーから変更された項目がありません。', en: 'The proposal does not change anything in the policy in force.' });

/** Before the vault opens there is no key to sign with, so there is nothing to change. */
function admin(ctx: AppContext): PolicyAdminContext {
  const a = ctx.policy.admin;
  if (!a) throw policyErrors.keyUnavailable();
  return a;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changes(before: CameraPolicy, after: CameraPolicy): PolicyProposalView['changes'] {
  return CHANGEABLE_FIELDS.filter((f) => !same(before[f], after[f])).map((field) => ({ field, before: before[field], after: after[field] }));
}

function view(p: PolicyProposal, current: CameraPolicy): PolicyProposalView {
  const diff = changes(current, p.policy);
  return {
    proposalId: p.id,
    proposedBy: p.proposedBy,
    policyHash: p.policyHash,
    checkCode: checkCode(p.policyHash),
    expiresAt: p.expiresAt,
    changes: diff,
    restartNeeded: diff.some((c) => RESTART_FIELDS.includes(c.field)),
  };
}

export const policyChangeHandlers = (ctx: AppContext) => ({
  'policy:propose': (async ({ staffId, pin, change }) => {
    const a = admin(ctx);
    const effective = ctx.policy.effective();
    const current = effective.policy;
    // One order for the masked set, so the diff and the hash do not depend on the order of clicks.
    const policy: CameraPolicy = { ...current, ...change, maskedFields: MASKABLE_FIELDS.filter((f) => change.maskedFields.includes(f)) };
    // Re-approving unchanged values is allowed only when the file is not in force (missing or tampered):
    // that is how two administrators write a fresh, correctly signed file (docs/IT.md).
    if (effective.state === 'ok' && changes(current, policy).length === 0) throw noChange();
    return view(await a.propose({ staffId, pin, policy }), current);
  }) satisfies Handler<'policy:propose'>,

  'policy:pending': (() => {
    const p = ctx.policy.admin?.pending()[0];
    return { proposal: p ? view(p, ctx.policy.effective().policy) : null };
  }) satisfies Handler<'policy:pending'>,

  'policy:approve': (async (input) => {
    const a = admin(ctx);
    const before = ctx.policy.effective().policy;
    const proposal = a.pending().find((p) => p.id === input.proposalId);
    const done = await a.approve(input);
    const restartNeeded = proposal ? view(proposal, before).restartNeeded : false;
    return { revision: done.revision, effective: ctx.policy.effective(), restartNeeded };
  }) satisfies Handler<'policy:approve'>,
});
