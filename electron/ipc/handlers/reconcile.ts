/**
 * Reconciliation handlers (SPEC F18, issue 21): leads and administrators run the comparison and see the
 * findings by number; a finding's 管理番号 and its resolution each take two PINs, checked in core. The start
 * screen's notice gets counts only.
 */
import { AppError } from '../../../shared/errors';
import type { ReconcileOutcomeView } from '../../../shared/ipc/reconcile';
import { guessReconcileMapping } from '../../core/reconcile';
import type { AppContext } from '../context';
import type { Handler } from '../router';
import { leadOrAdmin, loggedIn } from './departments';

const noFile = () => new AppError({ code: 'E_RECONCILE_NO_FILE', ja: 'ファイルが選ばれていないか、選んでから10分を過ぎました。ファイルを選び直してください。', en: 'No file chosen, or it expired; choose it again.' });

export const reconcileHandlers = (ctx: AppContext) => ({
  'reconcile:choose': (async () => {
    const { d } = await leadOrAdmin(ctx);
    const picked = await d.chooseFile();
    if (!picked) return { file: null };
    return { file: { ...d.services.files.hold(picked.name.slice(-260), picked.bytes), mapping: guessReconcileMapping(picked.bytes) } };
  }) satisfies Handler<'reconcile:choose'>,
  'reconcile:run': (async ({ token, system, mapping }) => {
    const { d, who } = await leadOrAdmin(ctx);
    const file = d.services.files.take(token);
    if (!file) throw noFile();
    const onProgress = d.services.progress.start('reconcile');
    const r = await d.services.reconcile.run({ staffId: who.staffId, system, mapping, bytes: file.bytes, onProgress }).finally(() => d.services.progress.finish());
    if (!r.ok) return { ok: false, findings: [], error: r.error, issues: r.issues.slice(0, 100).map((i) => ({ row: i.row, code: i.code, ja: i.ja, en: i.en, ...(i.column ? { column: i.column } : {}) })) } satisfies ReconcileOutcomeView;
    return { ok: true, findings: r.comparison.findings.slice(0, 5000).map((f) => ({ row: f.row, code: f.code })), counts: r.comparison.counts, added: r.added, alreadyOpen: r.alreadyOpen, encoding: r.encoding, issues: [] } satisfies ReconcileOutcomeView;
  }) satisfies Handler<'reconcile:run'>,
  'reconcile:open': (async () => {
    const { d } = await leadOrAdmin(ctx);
    const findings = (await d.services.findings.openFindings()).slice(0, 5000);
    return { findings, status: await d.services.findings.status() };
  }) satisfies Handler<'reconcile:open'>,
  'reconcile:status': (async () => {
    if (!ctx.departments) return { available: false, red: 0, review: 0, overdue: 0 };
    await loggedIn(ctx);
    return { available: true, ...(await ctx.departments.services.findings.status()) };
  }) satisfies Handler<'reconcile:status'>,
  'reconcile:reveal': (async (input) => {
    const { d } = await leadOrAdmin(ctx);
    const { recordId, entry } = await d.services.findings.reveal(input);
    return { findingId: input.findingId, recordId, entry };
  }) satisfies Handler<'reconcile:reveal'>,
  'reconcile:resolve': (async (input) => {
    const { d } = await leadOrAdmin(ctx);
    await d.services.findings.resolve(input);
    return d.services.findings.status();
  }) satisfies Handler<'reconcile:resolve'>,
});
