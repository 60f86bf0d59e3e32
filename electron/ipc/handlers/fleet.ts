/**
 * Fleet handlers on every PC (issue 18): the list's identity and age, the mode, a pick-up now, the two-person
 * confirmation of what a package ends, the rollback hold, and this terminal's audit segment.
 */
import { fleetLimitsOf } from '../../../shared/policy/cameraPolicy';
import type { FleetStatusDto } from '../../../shared/ipc/fleet';
import type { FleetView } from '../../core/fleet/runtime';
import type { AppContext } from '../context';
import type { Handler } from '../router';
import { adminSession, fleetOf, isLead, leadSession } from './fleetAccess';

/** What a screen may see: 管理番号 and the drop folder only in a lead or administrator session. */
export function statusDto(ctx: AppContext, v: FleetView, withIds: boolean): FleetStatusDto {
  const p = v.pending;
  return {
    mode: v.mode, dropDir: withIds ? v.dropDir : null, terminalId: v.terminalId, state: v.state, unmaskAllowed: v.unmaskAllowed,
    error: v.error && { code: v.error.code, ja: v.error.ja, en: v.error.en },
    identity: v.identity, age: v.age, limits: fleetLimitsOf(ctx.policy.effective().policy),
    pending: p && {
      version: p.version, added: p.added, changed: p.changed, removedCount: p.removed.length, shortenedCount: p.shortened.length,
      removed: withIds ? p.removed : [], shortened: withIds ? p.shortened : [], planHash: p.planHash,
    },
    lastCheckAt: v.lastCheckAt, lastSegmentDay: v.lastSegmentDay, withIds,
  };
}

export const fleetHandlers = (ctx: AppContext) => ({
  'fleet:status': (async () => {
    const f = fleetOf(ctx);
    return statusDto(ctx, await f.runtime.viewWithList(), isLead(await f.actor()));
  }) satisfies Handler<'fleet:status'>,

  // An administrator's session opens the screen; the two administrators' PINs (checked in core) make the change.
  'fleet:configure': (async ({ mode, dropDir, recoveryKey, rootSheet, first, second }) => {
    const { fleet } = await adminSession(ctx);
    const v = await fleet.runtime.configure({ first, second }, { mode, ...(dropDir !== undefined && { dropDir }), ...(recoveryKey !== undefined && { recoveryKey }), ...(rootSheet !== undefined && { rootSheet }) });
    return statusDto(ctx, v, true);
  }) satisfies Handler<'fleet:configure'>,

  'fleet:checkNow': (async () => {
    const { fleet } = await leadSession(ctx);
    await fleet.runtime.tick();
    return statusDto(ctx, await fleet.runtime.viewWithList(), true);
  }) satisfies Handler<'fleet:checkNow'>,

  // The two PINs are the authority here (checked in core): the people at the terminal, not the session.
  'fleet:confirmPending': (async (o) => {
    const f = fleetOf(ctx);
    return statusDto(ctx, await f.runtime.confirmPending(o), isLead(await f.actor()));
  }) satisfies Handler<'fleet:confirmPending'>,

  'fleet:clearRollback': (async (o) => {
    const f = fleetOf(ctx);
    return statusDto(ctx, await f.runtime.clearRollback(o), isLead(await f.actor()));
  }) satisfies Handler<'fleet:clearRollback'>,

  'fleet:writeSegment': (async ({ toFolder }) => (await leadSession(ctx)).fleet.runtime.writeSegmentNow(toFolder)) satisfies Handler<'fleet:writeSegment'>,
});
