/**
 * The two-administrator policy change as handlers see it, built the same way by the Terminal (main) and
 * by the tests: PolicyAdmin does the rule and the signing; this adds the one thing the app needs after
 * an approval — reading the new file back, so `policy:effective` and the masked fields follow at once.
 */
import type { PolicyAdmin } from '../core/policy';
import type { PolicyAdminContext } from './context';

export function policyAdminContext(admin: PolicyAdmin, reload: () => Promise<void>): PolicyAdminContext {
  return {
    propose: (input) => admin.propose(input),
    approve: async (input) => {
      const done = await admin.approve(input);
      // Read back through the verifying loader rather than trusting what was written: what the
      // screen then shows is what the next start will load.
      await reload();
      return done;
    },
    pending: () => admin.pendingProposals(),
  };
}
