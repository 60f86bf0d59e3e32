import type { AppContext } from '../context';
import type { Handler } from '../router';

export const effectivePolicy =
  (ctx: AppContext): Handler<'policy:effective'> =>
  () =>
    ctx.policy.effective();

/** No authorisation beyond the sender check: any clerk must be able to log a request, instantly. */
export const photoRequested =
  (ctx: AppContext): Handler<'policy:photoRequested'> =>
  (payload) =>
    ctx.policy.recordPhotoRequest(payload.caseId ? { caseId: payload.caseId } : {});
