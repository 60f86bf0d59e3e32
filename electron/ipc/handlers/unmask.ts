/**
 * Two-operator unmask over IPC (SPEC F4). The clerk's calls act for the live session; the lead's approve /
 * refuse carry the lead's own id + PIN and need no session of their own (the lead walks to the clerk's
 * terminal). Only 'unmask:take' ever returns a value, and the core decides whether it may. A record may be viewed
 * masked or asked for only when the clerk's open case matched it (issue 14): no 管理番号 typed from memory.
 */
import type { AppContext } from '../context';
import type { Handler } from '../router';
import { clerk, earned, notSetUp } from './unmaskContext';

export const unmaskHandlers = (ctx: AppContext) => ({
  'unmask:maskedRecord': (async ({ caseId, recordId }) => {
    const { u, session } = await clerk(ctx);
    await earned(ctx, u, session, caseId, recordId, 'view');
    return u.service.maskedRecord(session, recordId, caseId);
  }) satisfies Handler<'unmask:maskedRecord'>,
  'unmask:request': (async ({ caseId, ...input }) => {
    const { u, session } = await clerk(ctx);
    const e = await earned(ctx, u, session, caseId, input.recordId, 'request');
    return u.service.requestUnmask(session, { ...input, caseContext: { caseId, ...e } });
  }) satisfies Handler<'unmask:request'>,
  'unmask:describe': (async ({ requestId }) => {
    const { u, session } = await clerk(ctx);
    return u.service.describeRequest(requestId, session);
  }) satisfies Handler<'unmask:describe'>,
  'unmask:approve': (async (input) => (ctx.unmask ?? notSetUp()).service.approve(input)) satisfies Handler<'unmask:approve'>,
  'unmask:refuse': (async (input) => {
    await (ctx.unmask ?? notSetUp()).service.refuse(input);
    return { refused: true as const };
  }) satisfies Handler<'unmask:refuse'>,
  'unmask:cancel': (async ({ requestId }) => {
    const { u, session } = await clerk(ctx);
    await u.service.cancel(session, requestId);
    return { cancelled: true as const };
  }) satisfies Handler<'unmask:cancel'>,
  'unmask:take': (async ({ grantId }) => {
    const { u, session } = await clerk(ctx);
    return u.service.takeGrantedValue(grantId, session);
  }) satisfies Handler<'unmask:take'>,
  'unmask:release': (async ({ grantId, reason }) => {
    const u = ctx.unmask ?? notSetUp();
    const session = await u.sessions.current();
    if (session) await u.service.release(grantId, session, reason);
    return { released: true as const };
  }) satisfies Handler<'unmask:release'>,
});
