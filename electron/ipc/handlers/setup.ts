/** First-run setup and terminal enrolment: validate (router) → core SetupService → counts, codes and status only. */
import type { ImportOutcome } from '../../../shared/ipc/setup';
import type { ImportResult } from '../../core/vault/vault';
import { setupErrors } from '../../core/setup';
import type { AppContext, SetupContext } from '../context';
import type { Handler } from '../router';

const ctxOf = (ctx: AppContext): SetupContext => {
  if (!ctx.setup) throw setupErrors.wrongStage('complete');
  return ctx.setup;
};

function outcome(r: ImportResult): ImportOutcome {
  const s = r.summary;
  const issues = (r.ok ? r.warnings : r.issues).slice(0, 100).map((i) => ({ row: i.row, code: i.code, ja: i.ja, en: i.en, ...(i.column ? { column: i.column } : {}) }));
  return {
    ok: r.ok, committed: r.ok && r.committed, issues,
    ...(s ? { summary: { added: s.added, changed: s.changed, removed: s.removed.length, shortened: s.shortened.length, unchanged: s.unchanged, total: s.total, planHash: s.planHash } } : {}),
    ...(r.ok ? { encoding: r.encoding } : { error: r.error }),
  };
}

export const setupHandlers = (ctx: AppContext) => ({
  'setup:status': (() => ctx.setup?.service.status() ?? { stage: 'complete' as const, restarted: false }) satisfies Handler<'setup:status'>,
  'setup:createAdmins': (({ admins }) => ctxOf(ctx).service.createAdmins(admins)) satisfies Handler<'setup:createAdmins'>,
  'setup:recoveryKey': (() => ({ groups: ctxOf(ctx).service.recoveryKeyGroups() })) satisfies Handler<'setup:recoveryKey'>,
  'setup:printRecoverySheet': (async () => {
    const s = ctxOf(ctx);
    return s.printRecoverySheet(s.service.recoverySheet());
  }) satisfies Handler<'setup:printRecoverySheet'>,
  'setup:confirmRecoveryKey': (({ lastGroups }) => ctxOf(ctx).service.confirmRecoveryKey(lastGroups)) satisfies Handler<'setup:confirmRecoveryKey'>,
  'setup:reviewPolicy': (() => ctxOf(ctx).service.reviewPolicy()) satisfies Handler<'setup:reviewPolicy'>,
  'setup:chooseList': (async () => {
    const s = ctxOf(ctx);
    const picked = await s.chooseListFile();
    return { file: picked ? s.service.holdListFile(picked.name.slice(-260), picked.bytes) : null };
  }) satisfies Handler<'setup:chooseList'>,
  'setup:importDryRun': (async ({ token }) => outcome(await ctxOf(ctx).service.dryRunImport(token))) satisfies Handler<'setup:importDryRun'>,
  'setup:importCommit': (async (input) => {
    const s = ctxOf(ctx).service;
    const r = await s.commitImport(input);
    return { outcome: outcome(r), status: s.status() };
  }) satisfies Handler<'setup:importCommit'>,
  'setup:importProgress': (() => ctxOf(ctx).service.importProgress()) satisfies Handler<'setup:importProgress'>,
  'enrol:submitPin': ((input) => ctxOf(ctx).service.enrolWithPin(input)) satisfies Handler<'enrol:submitPin'>,
  'enrol:submit': ((input) => ctxOf(ctx).service.enrol(input)) satisfies Handler<'enrol:submit'>,
});
