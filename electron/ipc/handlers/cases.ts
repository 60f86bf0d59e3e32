/** Case workspace handlers: each validates who is acting, then calls the case service in main. */
import { AppError } from '../../../shared/errors';
import { applicantCopyHtml, FORM_TITLES } from '../../core/cases/applicantCopy';
import { caseErrors } from '../../core/cases/errors';
import { newRefusalRef } from '../../core/policy/photoRequests';
import type { Role } from '../../core/ports';
import type { AppContext, CaseContext } from '../context';
import type { Handler } from '../router';

const unavailable = () =>
  new AppError({ code: 'E_CASE_UNAVAILABLE', ja: '保護リストが開かれていないか、ログインしていないため、案件を扱えません。', en: 'No case can be handled: the vault is not open or nobody is logged in.' });
const noTakeover = () =>
  new AppError({ code: 'E_CASE_TAKEOVER_UNAVAILABLE', ja: 'この端末では案件を引き継げません。案件を閉じ、職員が自分の職員番号でログインし直してください。', en: 'This terminal cannot hand a case over; close it and have the staff member log in.' });

/** Every case call needs an open vault and a logged-in clerk; a locked terminal handles no case. */
function cases(ctx: AppContext): CaseContext & { clerkId: string; roles: readonly Role[] } {
  const c = ctx.cases;
  const clerkId = c?.clerk();
  const roles = c?.clerkRoles();
  // No roles known = no case: a 委託 login must never pass for a 職員 because a context forgot to say.
  if (!c || !clerkId || !roles) throw unavailable();
  return { ...c, service: c.service, clerk: () => clerkId, clerkRoles: () => roles, saveApplicantCopy: (h, n) => c.saveApplicantCopy(h, n), clerkId, roles };
}

export const caseHandlers = (ctx: AppContext) => ({
  'case:open': (async ({ form, channel, lead }) => {
    const c = cases(ctx);
    // A list past the second age limit: a lead confirms at this terminal before any case opens (audited in core).
    const tooOld = await ctx.fleet?.runtime.staleCaseCheck(lead);
    if (tooOld) throw new AppError(tooOld);
    return c.service.open(form, c.clerkId, { channel, roles: c.roles });
  }) satisfies Handler<'case:open'>,
  'case:setApplicantKind': (({ caseId, kind }) => cases(ctx).service.setApplicantKind(caseId, kind)) satisfies Handler<'case:setApplicantKind'>,
  'case:addPerson': (({ caseId }) => cases(ctx).service.addPerson(caseId)) satisfies Handler<'case:addPerson'>,
  'case:removePerson': (({ caseId, slot }) => cases(ctx).service.removePerson(caseId, slot)) satisfies Handler<'case:removePerson'>,
  'case:updatePerson': (({ caseId, slot, input }) => cases(ctx).service.updatePerson(caseId, slot, input)) satisfies Handler<'case:updatePerson'>,
  'case:setNewHonseki': (({ caseId, text }) => cases(ctx).service.setNewHonseki(caseId, text)) satisfies Handler<'case:setNewHonseki'>,
  'case:acknowledge': (({ caseId, warningId }) => cases(ctx).service.acknowledge(caseId, warningId)) satisfies Handler<'case:acknowledge'>,
  'case:leadAttend': (({ caseId, warningId, staffId, pin }) => cases(ctx).service.leadAttend(caseId, warningId, staffId, pin)) satisfies Handler<'case:leadAttend'>,
  'case:callLead': (({ caseId }) => cases(ctx).service.callLead(caseId)) satisfies Handler<'case:callLead'>,
  'case:refresh': (({ caseId }) => cases(ctx).service.refresh(caseId)) satisfies Handler<'case:refresh'>,
  'case:takeOver': (async ({ caseId, staffId, pin }) => {
    const c = cases(ctx);
    const sessions = c.sessions ?? ctx.unmask?.sessions;
    if (!sessions) throw noTakeover();
    // Asked before the PIN is checked, so a 職員's PIN is never spent on a case that needs no takeover.
    if (!c.service.heldByContractor(caseId)) throw caseErrors.notContractorCase();
    let view: Awaited<ReturnType<typeof c.service.takeOver>> | null = null;
    const s = await sessions.handOver(staffId, pin, async (actor) => {
      view = await c.service.takeOver(caseId, actor);
    });
    return {
      view: view!,
      session: { staffId: s.staffId, displayName: s.displayName, roles: [...s.roles], idleSeconds: sessions.idleSeconds, idleRemainingSeconds: sessions.idleRemainingSeconds() },
    };
  }) satisfies Handler<'case:takeOver'>,
  'case:phoneRefusal': (async ({ caseId }) => cases(ctx).service.recordPhoneRefusal(caseId, newRefusalRef())) satisfies Handler<'case:phoneRefusal'>,
  'case:applicantCopy': (async ({ caseId }) => {
    const c = cases(ctx);
    const view = c.service.redactedForCopy(caseId);
    const html = applicantCopyHtml(view, new Date());
    return c.saveApplicantCopy(html, `${FORM_TITLES[view.form]}_お客様控え.pdf`);
  }) satisfies Handler<'case:applicantCopy'>,
  'case:close': (async ({ caseId }) => {
    await cases(ctx).service.close(caseId);
    // Closing the case re-masks whatever was granted in it (SPEC F4).
    await ctx.unmask?.service.revokeAll('case-close');
    return { closed: true as const };
  }) satisfies Handler<'case:close'>,
});
