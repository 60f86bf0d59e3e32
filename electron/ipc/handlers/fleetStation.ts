/**
 * Station handlers (issues 18, 19): create the repository, preview and release a package, retire a PC, rotate the
 * signing keys (administrators, two PINs),
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

  'fleet:releasePreview': (async () => {
    const { fleet } = await adminSession(ctx);
    const desk = await fleet.runtime.stationDesk();
    return { ...(await desk.releasePreview()), dropDir: desk.dropDir };
  }) satisfies Handler<'fleet:releasePreview'>,

  'fleet:rotateKeys': (async (o) => {
    const { fleet } = await adminSession(ctx);
    const r = await (await fleet.runtime.stationDesk()).rotate(o);
    return { rootVersion: r.rootVersion, signers: r.signers, newRootKey: r.newRootSecret.split('-'), unfinished: r.unfinished };
  }) satisfies Handler<'fleet:rotateKeys'>,

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
