/**
 * The administration screen (issue 17): one handler per channel over AppAdminService, which decides who may
 * (an administrator's own PIN, a token that expires and ends with the session). Files are written by the
 * platform's save dialogs in main; the renderer learns counts, codes and the file name it saved to.
 */
import { AppError } from '../../../shared/errors';
import { printableCheckpointHtml } from '../../core/admin/paper';
import type { AdminTasksContext, AppContext } from '../context';
import type { Handler } from '../router';

const notReady = (): never => {
  throw new AppError({ code: 'E_ADMIN_NOT_READY', ja: '保管庫が開かれていないため、管理作業はできません。初期設定または端末登録を先に行ってください。', en: 'The vault is not open, so admin tasks are unavailable. Complete setup or enrolment first.' });
};
const adminOf = (ctx: AppContext): AdminTasksContext => ctx.admin ?? notReady();
const day = (iso: string) => iso.slice(0, 10).replace(/-/g, '');

export const adminTaskHandlers = (ctx: AppContext) => ({
  'admin:login': (async ({ staffId, pin }) => adminOf(ctx).service.login(staffId, pin)) satisfies Handler<'admin:login'>,
  'admin:status': (async ({ token }) => adminOf(ctx).service.status(token)) satisfies Handler<'admin:status'>,
  'admin:verify': (async ({ token }) => {
    const r = await adminOf(ctx).service.verify(token);
    return { ok: r.result.ok, entries: r.result.entries, lastSeq: r.result.lastSeq, problems: r.result.problems.length, firstBad: r.firstBad };
  }) satisfies Handler<'admin:verify'>,
  'admin:checkpoint': (async ({ token, acceptBroken }) => {
    const a = adminOf(ctx);
    const { checkpoint, paper } = await a.service.checkpoint(token, acceptBroken === true);
    const name = `窓口シールド確認点_${checkpoint.terminal}_${day(checkpoint.at)}_${checkpoint.seq}`;
    const file = await a.saveText(`${JSON.stringify(checkpoint, null, 2)}\n`, `${name}.json`);
    const printed = await a.savePdf(printableCheckpointHtml(paper), `${name}.pdf`);
    return { seq: checkpoint.seq, at: checkpoint.at, fingerprint: checkpoint.keyFingerprint, file, paper: printed };
  }) satisfies Handler<'admin:checkpoint'>,
  'admin:support': (async ({ token }) => {
    const a = adminOf(ctx);
    const b = await a.service.support(token);
    const file = await a.saveText(`${JSON.stringify(b, null, 2)}\n`, `窓口シールドサポート_${day(b.createdAt)}.json`);
    return { entries: b.audit.entries, errorCodes: Object.keys(b.audit.errorCodes).length, file };
  }) satisfies Handler<'admin:support'>,
  'admin:backup': (async ({ token, recoveryKey }) => {
    const a = adminOf(ctx);
    const r = await a.service.backup(token, recoveryKey?.trim() || undefined);
    const file = await a.saveFile(r.file, `窓口シールドバックアップ_${day(r.createdAt)}.csbackup`);
    return { persons: r.persons, createdAt: r.createdAt, checked: r.checked, file };
  }) satisfies Handler<'admin:backup'>,
  'admin:restore-choose': (async ({ token }) => adminOf(ctx).service.chooseRestoreFile(token)) satisfies Handler<'admin:restore-choose'>,
  'admin:restore': (async ({ token, recoveryKey, second }) => {
    const r = await adminOf(ctx).service.restore(token, { recoveryKey: recoveryKey.trim(), ...(second && { second }) });
    return { removed: r.plan.removed, shortened: r.plan.shortened, status: r.status };
  }) satisfies Handler<'admin:restore'>,
  // No token: it is read on the login screen, before anyone signs in again; it carries counts and a date only.
  'admin:restoreNotice': (async () => ({ notice: ctx.admin?.takeRestoreNotice?.() ?? null })) satisfies Handler<'admin:restoreNotice'>,
  'admin:progress': (async () => (ctx.admin ? ctx.admin.service.progress() : { running: false, task: '', step: 0, steps: 0 })) satisfies Handler<'admin:progress'>,
});
