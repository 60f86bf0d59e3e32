/**
 * The routine list update and the list bundle (SPEC F8, F13): validate (router) → core ListUpdateService →
 * counts, 管理番号 and codes only. The file bytes and the bundle bytes never leave main.
 */
import { AppError } from '../../../shared/errors';
import type { ListPlanView } from '../../../shared/ipc/list';
import { listErrors, MAX_IDS_SHOWN, type ListPlan } from '../../core/list';
import { releaseErrors } from '../../core/release';
import { isContractor } from '../../core/staff/roles';
import { FORM_NAMES_JA } from '../../../shared/cases/releaseFields';
import type { AppContext, ListContext } from '../context';
import type { Handler } from '../router';

const ctxOf = (ctx: AppContext): ListContext => {
  if (!ctx.list) throw listErrors.unavailable();
  return ctx.list;
};

/** Hand entries and alerts exist on a terminal with an open vault (issue 22). */
const entriesOf = (ctx: AppContext) => {
  const l = ctxOf(ctx);
  if (!l.entries) throw listErrors.unavailable();
  return l.entries;
};

const releasesOf = (ctx: AppContext) => {
  const l = ctxOf(ctx);
  if (!l.releases) throw listErrors.unavailable();
  return l.releases;
};

/** The alerts name 管理番号: a live lead or administrator session, checked in main on every call. */
async function leadSession(ctx: AppContext): Promise<void> {
  const who = await ctxOf(ctx).actor?.();
  if (!who || (!who.roles.includes('lead') && !who.roles.includes('admin'))) throw listErrors.entryRole();
}

export function planView(r: ListPlan): ListPlanView {
  const s = r.summary;
  const issues = (r.ok ? r.warnings : r.issues).slice(0, 100).map((i) => ({ row: i.row, code: i.code, ja: i.ja, en: i.en, ...(i.column ? { column: i.column } : {}) }));
  return {
    ok: r.ok, committed: r.ok && r.committed, kind: r.kind, issues,
    ...(r.bundleCreatedAt ? { bundleCreatedAt: r.bundleCreatedAt } : {}),
    ...(s ? {
      summary: {
        added: s.added, changed: s.changed, removed: s.removed.length, shortened: s.shortened.length, unchanged: s.unchanged, total: s.total,
        planHash: s.planHash,
        // 管理番号 only: the old and new end dates stay in main.
        removedIds: s.removed.slice(0, MAX_IDS_SHOWN), shortenedIds: s.shortened.slice(0, MAX_IDS_SHOWN).map((x) => x.id),
        needsTwoPeople: s.removed.length > 0 || s.shortened.length > 0,
        // Hand entries the import keeps, hands over to 住基's row, or brings back (issue 22): listed, never silent.
        manualKeptIds: s.manual.kept.slice(0, MAX_IDS_SHOWN), manualTakenOverIds: s.manual.takenOver.slice(0, MAX_IDS_SHOWN),
        manualReturningIds: s.manual.endedReturning.slice(0, MAX_IDS_SHOWN),
      },
    } : {}),
    ...(r.ok ? { encoding: r.encoding } : { error: r.error }),
  };
}

export const listHandlers = (ctx: AppContext) => ({
  'list:choose': (async () => {
    const l = ctxOf(ctx);
    const picked = await l.chooseListFile();
    return { file: picked ? l.service.hold(picked.name.slice(-260), picked.bytes) : null };
  }) satisfies Handler<'list:choose'>,
  'list:dryRun': (async ({ token }) => planView(await ctxOf(ctx).service.dryRun(token))) satisfies Handler<'list:dryRun'>,
  'list:commit': (async ({ token, planHash, first, second }) => {
    const l = ctxOf(ctx);
    // Fail closed (issue 14): no import onto a vault whose chain, database or policy is not trusted yet.
    const stop = await l.stopped?.();
    if (stop) throw new AppError(stop);
    return planView(await l.service.commit({ token, planHash, first, second }));
  }) satisfies Handler<'list:commit'>,
  'list:progress': (() => ctxOf(ctx).service.progress()) satisfies Handler<'list:progress'>,
  'list:exportBundle': (async ({ first, second, recoveryKey }) => {
    const l = ctxOf(ctx);
    return l.service.exportTo({ first, ...(second && { second }), ...(recoveryKey && { recoveryKey }) }, (file, name) => l.saveBundle(file, name));
  }) satisfies Handler<'list:exportBundle'>,
  'list:entryPropose': (async ({ change, proposer }) => {
    const r = await entriesOf(ctx).propose(change, proposer);
    return r.ok ? { ok: true, proposal: r.proposal, problems: [] } : { ok: false, error: r.error.toInfo(), problems: r.problems.slice(0, 40) };
  }) satisfies Handler<'list:entryPropose'>,
  'list:entryConfirm': (async ({ proposalId, changeHash, confirmer }) => {
    const l = ctxOf(ctx);
    // Fail closed (issue 14): the list does not change on a terminal whose chain, database or policy is not trusted.
    const stop = await l.stopped?.();
    if (stop) throw new AppError(stop);
    return entriesOf(ctx).confirm({ proposalId, changeHash, confirmer });
  }) satisfies Handler<'list:entryConfirm'>,
  'list:entryCancel': (({ proposalId }) => {
    entriesOf(ctx).cancel(proposalId);
    return { cancelled: true as const };
  }) satisfies Handler<'list:entryCancel'>,
  'list:releaseGrant': (async (input) => {
    const releases = releasesOf(ctx);
    // Granted at the issuing clerk's terminal, for that clerk's open case and one person it matched (issue 22).
    const cases = ctx.cases;
    const clerk = cases?.clerk();
    const target = cases && clerk ? cases.service.releaseTarget(input.caseId, clerk, input.recordId) : null;
    // One answer for a closed case, another clerk's, or a 管理番号 the case did not match: the id is typed text.
    if (!target || !clerk) throw releaseErrors.notInCase();
    if (target.contractor || isContractor(cases?.clerkRoles() ?? [])) throw releaseErrors.contractor();
    if (input.form !== target.form) throw releaseErrors.form(FORM_NAMES_JA[target.form]);
    const release = await releases.grant({ ...input, clerk });
    return { id: release.id, recordId: release.recordId, form: release.form, caseId: release.caseId, reason: release.reason, issuedAt: release.issuedAt, endsAt: release.endsAt, approvers: release.approvers };
  }) satisfies Handler<'list:releaseGrant'>,
  'list:releases': (async ({ caseId }) => {
    // A lead or administrator only: the case id is typed text, so a clerk trying ids would learn which 管理番号 are
    // under a release — that a person is protected, without a match.
    await leadSession(ctx);
    return { releases: (await releasesOf(ctx).forCase(caseId)).slice(0, 20) };
  }) satisfies Handler<'list:releases'>,
  'list:releaseEnd': (async ({ id, by }) => {
    await releasesOf(ctx).endEarly(id, by);
    return { ended: true as const };
  }) satisfies Handler<'list:releaseEnd'>,
  'list:expiries': (async () => {
    await leadSession(ctx);
    return entriesOf(ctx).alerts();
  }) satisfies Handler<'list:expiries'>,
});
