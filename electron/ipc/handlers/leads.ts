/**
 * Lead handlers (SPEC F10–F12): audit viewer, export and verify, chain-break acknowledgement, monthly
 * review, incidents, and the start screen's overview. Reading needs a live lead or admin session (issue 14);
 * every action that changes something also takes the acting staff id + PIN and is checked in core.
 */
import { AppError } from '../../../shared/errors';
import { auditTerminals, jstDay, queryAudit, toCsv, toPrintableHtml, type AuditQuery } from '../../core/audit';
import { fleetIncidentClocks } from '../../core/fleet/fleetIncidents';
import { reconfirmedOnTerminals } from '../../core/fleet/fleetReconfirmations';
import { FIVE_RULES } from '../../core/review';
import type { AppContext, LeadsContext } from '../context';
import type { Handler } from '../router';

const unavailable = () =>
  new AppError({ code: 'E_LEADS_UNAVAILABLE', ja: '保護リストが開かれていないため、監査記録・月次点検・事故記録を扱えません。', en: 'The vault is not open: audit, review and incidents are unavailable.' });

function leads(ctx: AppContext): LeadsContext {
  if (!ctx.leads) throw unavailable();
  return ctx.leads;
}

const sessionRequired = () =>
  new AppError({ code: 'E_LEADS_SESSION_REQUIRED', ja: '監査記録・月次点検・事故記録を見るには、班長または管理者がログインしてください。', en: 'Log in as a lead or administrator to see the audit log, the monthly review and incidents.' });
const roleRequired = () =>
  new AppError({ code: 'E_LEADS_ROLE_REQUIRED', ja: 'この画面は班長または管理者だけが使えます。班長または管理者に代わってもらってください。', en: 'Only a lead or an administrator may use this screen; ask one to log in.' });

/**
 * The screens that show who looked up which 管理番号 when (issue 14): a live session with the lead or admin
 * role, checked in main on every call — never the renderer's idea of who is logged in.
 */
async function lead(ctx: AppContext): Promise<LeadsContext> {
  const l = leads(ctx);
  const who = await l.actor();
  if (!who) throw sessionRequired();
  if (!who.roles.includes('lead') && !who.roles.includes('admin')) throw roleRequired();
  return l;
}

const filterOf = (f: AuditQuery): AuditQuery => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditQuery;

/** At the station the viewer reads every terminal's accepted entries too (issue 19); elsewhere this PC's chain. */
const isStation = (ctx: AppContext): boolean => ctx.fleet?.runtime.config.mode === 'station';

function filterLabel(f: AuditQuery): string {
  const parts = [f.terminal && `端末番号 ${f.terminal}`, f.fromDay && `開始日 ${f.fromDay}`, f.toDay && `終了日 ${f.toDay}`, f.actor && `職員 ${f.actor}`, f.action && `操作 ${f.action}`, f.recordId && `管理番号 ${f.recordId}`];
  return parts.filter(Boolean).join('、') || 'すべて';
}

export const leadsHandlers = (ctx: AppContext) => ({
  'leads:overview': (async () => {
    if (!ctx.leads) return { available: false, overdueReviews: [], dueReview: null, reconfirmationsDue: [], reconfirmationsDueCount: 0, reconfirmationsOverdue: false, incidentClocks: [], brokenChain: null, pinAlert: null };
    const s = ctx.leads.services;
    const [status, own, notice, who] = await Promise.all([s.review.status(), s.incidents.deadlines(), s.breaks.brokenChainNotice(), ctx.leads.actor()]);
    // At the station, the terminals' incidents count down here too (issue 19), each named with its terminal.
    const fleet = isStation(ctx) ? await fleetIncidentClocks(s.chain.db, s.clock(), new Set(own.map((c) => c.incidentId))) : [];
    // …and a re-confirmation done on a terminal counts here as well.
    const elsewhere = isStation(ctx) ? await reconfirmedOnTerminals(s.chain.db, status.month) : new Set<string>();
    const due = status.reconfirmationsDue.filter((id) => !elsewhere.has(id));
    // A clock counted from the entry's time (no awareness time in it) says so: the deadline may be earlier than shown.
    const clocks: Array<(typeof own)[number] & { terminal?: string; approximate?: true }> = [...own, ...fleet.map(({ approximate, ...c }) => ({ ...c, ...(approximate && { approximate: true as const }) }))].sort((a, b) => a.remainingMs - b.remainingMs);
    // The start screen's "due" notices stay for anyone; the ids in them (staff, incidents) only for a lead or admin.
    const withIds = !!who && (who.roles.includes('lead') || who.roles.includes('admin'));
    const first = notice?.breaks[0];
    return {
      available: true, overdueReviews: status.overdueReviews, dueReview: status.dueReview,
      reconfirmationsDue: withIds ? due : [], reconfirmationsDueCount: due.length,
      reconfirmationsOverdue: status.reconfirmationsOverdue && due.length > 0,
      incidentClocks: withIds ? clocks : clocks.map(({ incidentId: _id, terminal: _t, ...c }) => c),
      brokenChain: notice && first ? { breaks: notice.breaks.length, first: { kind: first.kind, seq: first.seq } } : null,
      pinAlert: ctx.leads.pinAlert?.() ?? null,
    };
  }) satisfies Handler<'leads:overview'>,

  'audit:query': (async (f) => {
    const db = (await lead(ctx)).services.chain.db;
    const merged = isStation(ctx);
    return { rows: await queryAudit(db, { ...filterOf(f), merged }), merged, terminals: await auditTerminals(db, merged) };
  }) satisfies Handler<'audit:query'>,

  'audit:export': (async ({ format, filter }) => {
    const l = await lead(ctx);
    const who = (await l.actor())!;
    const merged = isStation(ctx);
    const q = filterOf({ limit: 5000, ...filter });
    const rows = await queryAudit(l.services.chain.db, { ...q, merged });
    const now = l.services.clock();
    // The counter's day (JST): before 09:00 JST the UTC date is still yesterday's. A terminal's export names it, so
    // a file on the lead's desk says whose PC it covers without opening it.
    const scope = q.terminal ? `_${q.terminal}` : merged ? '_全端末' : '';
    const fileName = `監査記録${scope}_${jstDay(now)}.${format === 'csv' ? 'csv' : 'html'}`;
    const title = `窓口シールド 監査記録${q.terminal ? `（端末番号 ${q.terminal}）` : merged ? '（全端末）' : ''}`;
    const content = format === 'csv' ? toCsv(rows) : toPrintableHtml(rows, { title, generatedAt: now.toISOString(), filter: filterLabel(q) });
    const { location } = await l.saveExport(content, fileName);
    await l.services.chain.append({ action: 'audit.exported', actors: [who.staffId], ...(q.terminal && { targets: [{ recordId: q.terminal }] }), detail: { format, rows: rows.length, merged } });
    return { fileName, location, rows: rows.length };
  }) satisfies Handler<'audit:export'>,

  'audit:verify': (async () => {
    const r = await (await lead(ctx)).services.breaks.verifyAndRecord();
    return { ok: r.ok, entries: r.entries, lastSeq: r.lastSeq, problems: r.problems.slice(0, 20) };
  }) satisfies Handler<'audit:verify'>,

  'audit:acknowledgeBroken': (({ first, second }) => leads(ctx).services.breaks.acknowledgeBroken(first, second)) satisfies Handler<'audit:acknowledgeBroken'>,

  'review:report': (async ({ month }) => {
    const r = (await lead(ctx)).services.review;
    const [report, signOff] = await Promise.all([r.report(month), r.signOffFor(month)]);
    return { ...report, counts: { ...report.counts }, signOff: signOff && { lead: signOff.lead, second: signOff.second, at: signOff.at } };
  }) satisfies Handler<'review:report'>,

  'review:signOff': (async (input) => {
    const s = await leads(ctx).services.review.signOff(input);
    return { month: s.month, lead: s.lead, second: s.second, at: s.at };
  }) satisfies Handler<'review:signOff'>,

  'review:reconfirmations': (async ({ month }) => ({
    rules: FIVE_RULES.map(({ id, ja, en }) => ({ id, ja, en })),
    staff: await (await lead(ctx)).services.review.reconfirmations(month),
  })) satisfies Handler<'review:reconfirmations'>,

  'review:reconfirm': (({ month, staffId, pin }) => leads(ctx).services.review.reconfirm({ month, staffId, pin })) satisfies Handler<'review:reconfirm'>,

  'incident:list': (async () => ({ incidents: await (await lead(ctx)).services.incidents.list() })) satisfies Handler<'incident:list'>,

  'incident:create': (async ({ by, ...input }) => {
    const inc = await leads(ctx).services.incidents.create(input, by);
    return { id: inc.id };
  }) satisfies Handler<'incident:create'>,

  'incident:update': (async (u) => {
    const i = leads(ctx).services.incidents;
    if (u.kind === 'correction') await i.addCorrection(u.id, u.text, u.by);
    else if (u.kind === 'contact') await i.addContact(u.id, { method: u.method, text: u.text }, u.by);
    else await i.markReported(u.id, u.kind, u.by);
    return { id: u.id };
  }) satisfies Handler<'incident:update'>,
});
