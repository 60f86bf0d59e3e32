/**
 * One mailing check from bytes to report (issue 21): read the batch (never stored), check it, audit the
 * counts, hand back rows and codes. Batches are limited per staff member and hour: every batch is a set of
 * questions about the list, and a clerk sending batch after batch is what the audit and the lead must see.
 * The counters live in the vault and are written with the batch's audit entry (probeStore.ts).
 */
import { AppError } from '../../../shared/errors';
import type { AuditEvent, Clock } from '../ports';
import { checkBatch, type CheckSummary, type MailingDirectory, type RowResult } from './check';
import { REQUIRED_MAIL_FIELDS, mailMappingSchema, type MailField, type MailMapping } from './mapping';
import type { CounterStep, ProbeCounters } from './probeStore';
import { readTable, type ImportIssue } from './table';

export { DEFAULT_BATCHES_PER_STAFF_HOUR } from './probeState';

/**
 * A genuine batch stops a handful of rows (a mistake, an old address); a batch that names many protected persons
 * at wrong addresses is how someone would learn who is on the list. Such a batch is answered — refusing it would
 * itself tell — but raised to the lead as an alarm with its counts. The same test runs on the staff member's
 * rolling day, so splitting one probing file into many small ones raises it too.
 */
export const MANY_STOPS = { rows: 5, share: 0.01 };

export const mailingErrors = {
  notReady: () => new AppError({ code: 'E_MAILING_NOT_READY', ja: '保護リストが開かれていないため確認できません。管理者に連絡してください。', en: 'The protected list is not open; the batch cannot be checked.' }),
  unreadable: (n: number) => new AppError({ code: 'E_MAILING_FILE', ja: `ファイルを確認できませんでした（${n}件の問題）。表示された行と列を直して、もう一度選んでください。`, en: `The file could not be checked (${n} problems). Fix the rows shown and try again.`, detail: { problems: n } }),
  rate: () => new AppError({ code: 'E_MAILING_RATE', ja: 'この1時間に確認できるファイルの数の上限に達しました。しばらくしてから、まとめて確認してください（回数は監査記録に残ります）。', en: 'Batch limit for this hour reached; try later with one combined file. The count is audited.' }),
  mapping: () => new AppError({ code: 'E_MAILING_MAPPING', ja: '列の対応が正しくありません。宛先の氏名と送付先住所は必ず設定し、同じ列を二つの項目に設定しないでください。', en: 'Invalid column mapping: map recipient name and address, and no column twice.' }),
};

export interface MailingDeps {
  directory: () => MailingDirectory | null;
  clock: Clock;
  /** Shared with the reconciliation (departments.ts), so neither file kind is a way around the other's limit. */
  counters: ProbeCounters;
}

export type MailingOutcome =
  | { ok: true; results: RowResult[]; summary: CheckSummary; encoding: 'utf-8' | 'cp932' }
  | { ok: false; error: ReturnType<AppError['toInfo']>; issues: ImportIssue[] };

const manyStops = (stops: number, rows: number) => stops > Math.max(MANY_STOPS.rows, rows * MANY_STOPS.share);

export class MailingService {
  constructor(private readonly deps: MailingDeps) {}

  async check(input: { staffId: string; department: string; mapping: MailMapping; bytes: Uint8Array; onProgress?: (done: number, total: number) => void }): Promise<MailingOutcome> {
    const { staffId, department } = input;
    return this.deps.counters.run(staffId, async (state): Promise<CounterStep<MailingOutcome>> => {
      const refuse = (e: AppError, issues: ImportIssue[] = []): CounterStep<MailingOutcome> => ({
        result: { ok: false, error: e.toInfo(), issues },
        events: [{ action: 'mailing.refused', actors: [staffId], detail: { department, code: e.code, problems: issues.length } }],
      });
      // Counted before the file is read, so a refusal never depends on what the batch would have answered.
      if (!state.takeBatch(staffId)) return refuse(mailingErrors.rate());
      if (!mailMappingSchema.safeParse(input.mapping).success) return refuse(mailingErrors.mapping());
      const dir = this.deps.directory();
      if (!dir) return refuse(mailingErrors.notReady());
      const table = readTable<MailField>(input.bytes, input.mapping, REQUIRED_MAIL_FIELDS);
      if (!table.ok) return refuse(mailingErrors.unreadable(table.errors.length), table.errors);
      const { results, summary } = await checkBatch(table.rows, dir, state.ledger, input.onProgress);
      const counts = { rows: summary.rows, stop: summary.stop, review: summary.review, ok: summary.ok, oldAddress: summary.oldAddress };
      const day = state.addStops(staffId, summary.stop, summary.rows);
      const events: AuditEvent[] = [{ action: 'mailing.checked', actors: [staffId], detail: { department, encoding: table.encoding, ...counts } }];
      if (manyStops(summary.stop, summary.rows) || (summary.stop > 0 && manyStops(day.stops, day.rows))) {
        events.push({ action: 'mailing.many_stops', actors: [staffId], detail: { department, ...counts, dayStops: day.stops, dayRows: day.rows } });
      }
      if (summary.limitHits > 0) events.push({ action: 'mailing.check_limit', actors: [staffId], detail: { department, persons: summary.limitHits } });
      return { result: { ok: true, results, summary, encoding: table.encoding }, events };
    });
  }
}
