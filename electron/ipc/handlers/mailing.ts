/**
 * Mailing-check handlers (SPEC F17, issue 21): validate (router) → who is logged in → core MailingService →
 * rows, codes, counts. The batch bytes stay in main; the last result (codes only) is kept for the report file.
 */
import { AppError } from '../../../shared/errors';
import type { MailMapping } from '../../../shared/mailing/mapping';
import type { MailingOutcomeView } from '../../../shared/ipc/mailing';
import { mailingReportCsv, type CheckSummary, type RowResult } from '../../core/mailing';
import type { AppContext } from '../context';
import type { Handler } from '../router';
import { leadOrAdmin, loggedIn } from './departments';

const noFile = () => new AppError({ code: 'E_MAILING_NO_FILE', ja: 'ファイルがもう一度選ばれていません（選んでから10分で無効になります）。ファイルを選び直してください。', en: 'No file chosen, or it expired; choose it again.' });
const noMapping = () => new AppError({ code: 'E_MAILING_NO_MAPPING', ja: 'この部署の列の対応がまだ設定されていません。班長または管理者に設定してもらってください。', en: 'No column mapping for this department yet; ask a lead or administrator.' });
const noReport = () => new AppError({ code: 'E_MAILING_NO_REPORT', ja: '保存する確認結果がありません。先にファイルを確認してください。', en: 'No result to save; check a file first.' });

export const mailingHandlers = (ctx: AppContext) => {
  let last: { staffId: string; department: string; results: RowResult[]; summary: CheckSummary } | null = null;
  return {
    'mailing:mapping': (async ({ department }) => {
      const { d } = await loggedIn(ctx);
      return { mapping: (await d.services.mappings.get(department)) as Record<string, string> | null };
    }) satisfies Handler<'mailing:mapping'>,
    'mailing:saveMapping': (async ({ department, mapping }) => {
      const { d, who } = await leadOrAdmin(ctx);
      return { mapping: (await d.services.mappings.save(department, mapping, who.staffId)) as Record<string, string> };
    }) satisfies Handler<'mailing:saveMapping'>,
    'mailing:choose': (async () => {
      const { d } = await loggedIn(ctx);
      const picked = await d.chooseFile();
      return { file: picked ? d.services.files.hold(picked.name.slice(-260), picked.bytes) : null };
    }) satisfies Handler<'mailing:choose'>,
    'mailing:check': (async ({ token, department }) => {
      const { d, who } = await loggedIn(ctx);
      const mapping = await d.services.mappings.get(department);
      if (!mapping) throw noMapping();
      const file = d.services.files.take(token);
      if (!file) throw noFile();
      const onProgress = d.services.progress.start('mailing');
      const r = await d.services.mailing.check({ staffId: who.staffId, department, mapping: mapping as MailMapping, bytes: file.bytes, onProgress }).finally(() => d.services.progress.finish());
      if (!r.ok) {
        last = null;
        return { ok: false, results: [], error: r.error, issues: r.issues.slice(0, 100).map((i) => ({ row: i.row, code: i.code, ja: i.ja, en: i.en, ...(i.column ? { column: i.column } : {}) })) } satisfies MailingOutcomeView;
      }
      last = { staffId: who.staffId, department, results: r.results, summary: r.summary };
      const { rows, stop, review, ok } = r.summary;
      return { ok: true, results: r.results, summary: { rows, stop, review, ok }, encoding: r.encoding, issues: [] } satisfies MailingOutcomeView;
    }) satisfies Handler<'mailing:check'>,
    'mailing:progress': (async () => {
      const { d } = await loggedIn(ctx);
      return d.services.progress.current();
    }) satisfies Handler<'mailing:progress'>,
    'mailing:saveReport': (async () => {
      const { d, who } = await loggedIn(ctx);
      // Only the staff member who ran the check saves its report; another login starts empty.
      if (!last || last.staffId !== who.staffId) throw noReport();
      return d.saveReport(mailingReportCsv(last.results, last.summary), `発送前確認結果_${last.department}.csv`);
    }) satisfies Handler<'mailing:saveReport'>,
  };
};
