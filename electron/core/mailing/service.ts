/**
 * One mailing check from bytes to report (issue 21): read the batch (never stored), check it, audit the
 * counts, hand back rows and codes. Batches are limited per staff member and hour: every batch is a set of
 * questions about the list, and a clerk sending batch after batch is what the audit and the lead must see.
 */
import { AppError } from '../../../shared/errors';
import type { AuditSink, Clock } from '../ports';
import { checkBatch, type CheckSummary, type MailingDirectory, type RowResult } from './check';
import { REQUIRED_MAIL_FIELDS, mailMappingSchema, type MailField, type MailMapping } from './mapping';
import { AddressProbeLedger } from './probeLedger';
import { readTable, type ImportIssue } from './table';

const HOUR_MS = 3_600_000;
/**
 * A genuine batch stops a handful of rows (a mistake, an old address); a batch that names many protected persons
 * at wrong addresses is how someone would learn who is on the list. Such a batch is answered — refusing it would
 * itself tell — but raised to the lead as an alarm with its counts.
 */
export const MANY_STOPS = { rows: 5, share: 0.01 };
export const DEFAULT_BATCHES_PER_STAFF_HOUR = 10;

export const mailingErrors = {
  notReady: () => new AppError({ code: 'E_MAILING_NOT_READY', ja: '保護リストが開かれていないため確認できません。管理者に連絡してください。', en: 'The protected list is not open; the batch cannot be checked.' }),
  unreadable: (n: number) => new AppError({ code: 'E_MAILING_FILE', ja: `ファイルを確認できませんでした（${n}件の問題）。表示された行と列を直して、もう一度選んでください。`, en: `The file could not be checked (${n} problems). Fix the rows shown and try again.`, detail: { problems: n } }),
  rate: () => new AppError({ code: 'E_MAILING_RATE', ja: 'この1時間に確認できるファイルの数の上限に達しました。しばらくしてから、まとめて確認してください（回数は監査記録に残ります）。', en: 'Batch limit for this hour reached; try later with one combined file. The count is audited.' }),
  mapping: () => new AppError({ code: 'E_MAILING_MAPPING', ja: '列の対応が正しくありません。宛先の氏名と送付先住所は必ず設定し、同じ列を二つの項目に設定しないでください。', en: 'Invalid column mapping: map recipient name and address, and no column twice.' }),
};

export interface MailingDeps {
  directory: () => MailingDirectory | null;
  audit: AuditSink;
  clock: Clock;
  batchesPerHour?: number;
  addressesPerPersonDay?: number;
  /** Shared with the reconciliation (departments.ts); one of its own otherwise. */
  ledger?: AddressProbeLedger;
}

export type MailingOutcome =
  | { ok: true; results: RowResult[]; summary: CheckSummary; encoding: 'utf-8' | 'cp932' }
  | { ok: false; error: ReturnType<AppError['toInfo']>; issues: ImportIssue[] };

export class MailingService {
  private readonly ledger: AddressProbeLedger;
  private readonly batches = new Map<string, number[]>();

  constructor(private readonly deps: MailingDeps) {
    this.ledger = deps.ledger ?? new AddressProbeLedger(deps.clock, deps.addressesPerPersonDay);
  }

  async check(input: { staffId: string; department: string; mapping: MailMapping; bytes: Uint8Array; onProgress?: (done: number, total: number) => void }): Promise<MailingOutcome> {
    const { staffId, department } = input;
    const refuse = async (e: AppError, issues: ImportIssue[] = []): Promise<MailingOutcome> => {
      await this.deps.audit.append({ action: 'mailing.refused', actors: [staffId], detail: { department, code: e.code, problems: issues.length } });
      return { ok: false, error: e.toInfo(), issues };
    };
    // Counted before the file is read, so a refusal never depends on what the batch would have answered.
    if (!this.takeBatch(staffId)) return refuse(mailingErrors.rate());
    if (!mailMappingSchema.safeParse(input.mapping).success) return refuse(mailingErrors.mapping());
    const dir = this.deps.directory();
    if (!dir) return refuse(mailingErrors.notReady());
    const table = readTable<MailField>(input.bytes, input.mapping, REQUIRED_MAIL_FIELDS);
    if (!table.ok) return refuse(mailingErrors.unreadable(table.errors.length), table.errors);
    const { results, summary } = checkBatch(table.rows, dir, this.ledger);
    input.onProgress?.(table.rows.length, table.rows.length);
    const counts = { rows: summary.rows, stop: summary.stop, review: summary.review, ok: summary.ok, oldAddress: summary.oldAddress };
    await this.deps.audit.append({ action: 'mailing.checked', actors: [staffId], detail: { department, encoding: table.encoding, ...counts } });
    if (summary.stop > Math.max(MANY_STOPS.rows, summary.rows * MANY_STOPS.share)) {
      await this.deps.audit.append({ action: 'mailing.many_stops', actors: [staffId], detail: { department, ...counts } });
    }
    if (summary.limitHits > 0) await this.deps.audit.append({ action: 'mailing.check_limit', actors: [staffId], detail: { department, persons: summary.limitHits } });
    return { ok: true, results, summary, encoding: table.encoding };
  }

  private takeBatch(staffId: string): boolean {
    const now = this.deps.clock().getTime();
    const recent = (this.batches.get(staffId) ?? []).filter((t) => t > now - HOUR_MS);
    const ok = recent.length < (this.deps.batchesPerHour ?? DEFAULT_BATCHES_PER_STAFF_HOUR);
    if (ok) recent.push(now);
    this.batches.set(staffId, recent);
    return ok;
  }
}
