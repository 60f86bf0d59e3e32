/**
 * Station handlers (issues 18, 19): create the repository, release a package, retire a PC (administrators, two PINs),
 * import the terminals' segments, the overdue panel and the merged fleet review (a lead or administrator).
 */
import type { StationOverview } from '../../../shared/ipc/fleet';
import { fleetLimitsOf } from '../../../shared/policy/cameraPolicy';
import type { FleetStationDesk } from '../../core/fleet/stationDesk';
import type { AppContext } from '../context';
import type { Handler } from '../router';
import { adminSession, leadSession } from './fleetAccess';

async function overview(ctx: AppContext, desk: FleetStationDesk): Promise<StationOverview> {
  const heads = desk.review.heads();
  const terminals = (await desk.knownTerminals()).map((t) => ({ terminal: t, ackedSeq: heads[t]?.seq ?? 0 }));
  return {
    created: desk.created, packageVersion: desk.packageVersion, retired: [...desk.retired], terminals,
    overdue: await desk.overdue(), overdueDays: fleetLimitsOf(ctx.policy.effective().policy).segmentOverdueDays,
    imports: await desk.imports(50),
  };
}

export const fleetStationHandlers = (ctx: AppContext) => ({
  'fleet:stationCreate': (async ({ recoveryKey, admins }) => {
    const { fleet } = await adminSession(ctx);
    const desk = await fleet.runtime.stationDesk();
    await desk.create({ recoveryKey, admins });
    return overview(ctx, desk);
  }) satisfies Handler<'fleet:stationCreate'>,

  'fleet:release': (async (o) => {
    const { fleet } = await adminSession(ctx);
    return (await fleet.runtime.stationDesk()).release(o);
  }) satisfies Handler<'fleet:release'>,

  'fleet:retire': (async (o) => {
    const { fleet } = await adminSession(ctx);
    const desk = await fleet.runtime.stationDesk();
    await desk.retire(o);
    return overview(ctx, desk);
  }) satisfies Handler<'fleet:retire'>,

  'fleet:importSegments': (async () => {
    const { fleet } = await leadSession(ctx);
    return { results: await (await fleet.runtime.stationDesk()).importSegments() };
  }) satisfies Handler<'fleet:importSegments'>,

  'fleet:overview': (async () => {
    const { fleet } = await leadSession(ctx);
    return overview(ctx, await fleet.runtime.stationDesk());
  }) satisfies Handler<'fleet:overview'>,

  'fleet:review': (async ({ month }) => {
    const { fleet } = await leadSession(ctx);
    const desk = await fleet.runtime.stationDesk();
    const [report, signed] = await Promise.all([desk.report(month), desk.signedOff(month)]);
    return { ...report, total: { ...report.total, counts: { ...report.total.counts } }, terminals: report.terminals.map((t) => ({ ...t, counts: { ...t.counts } })), signOff: signed && { lead: signed.lead, second: signed.second, at: signed.at, coverage: signed.coverage, overdue: signed.overdue, reason: signed.reason } };
  }) satisfies Handler<'fleet:review'>,

  'fleet:signOff': (async ({ overdueReason, ...o }) => {
    const { fleet } = await leadSession(ctx);
    const s = await (await fleet.runtime.stationDesk()).signOff({ ...o, ...(overdueReason !== undefined && { overdueReason }) });
    return { month: s.month, lead: s.lead, second: s.second, at: s.at };
  }) satisfies Handler<'fleet:signOff'>,
});
