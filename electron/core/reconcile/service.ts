/**
 * One reconciliation from bytes to stored findings (issue 21): read the other system's file in main (never
 * stored), compare, record the findings and the audit entry together, return codes, row numbers and counts.
 */
import { AppError } from '../../../shared/errors';
import type { Clock } from '../ports';
import { localIsoDate } from '../vault/expiry';
import type { MailingDirectory } from '../mailing/check';
import type { ProbeCounters } from '../mailing/probeStore';
import { readTable, type ImportIssue } from '../mailing/table';
import { OTHER_SYSTEMS, type OtherSystem } from './codes';
import { compareLists, type Comparison, type RosterEntry } from './compare';
import type { ReconcileField, ReconcileMapping } from './mapping';
import type { ReconcileStore } from './store';

export const reconcileRunErrors = {
  notReady: () => new AppError({ code: 'E_RECONCILE_NOT_READY', ja: '保護リストが開かれていないため突合できません。', en: 'The protected list is not open.' }),
  system: () => new AppError({ code: 'E_RECONCILE_SYSTEM', ja: '相手のシステムを選んでください。', en: 'Choose the other system.' }),
  mapping: () => new AppError({ code: 'E_RECONCILE_MAPPING', ja: '宛名番号・管理番号、または氏名と生年月日の列を設定してください。', en: 'Map 宛名番号, 管理番号, or name and birth date.' }),
  unreadable: (n: number) => new AppError({ code: 'E_RECONCILE_FILE', ja: `ファイルを読み取れませんでした（${n}件の問題）。表示された行と列を直して、もう一度選んでください。`, en: `The file could not be read (${n} problems).`, detail: { problems: n } }),
};

export interface ReconcileDeps {
  directory: () => MailingDirectory | null;
  roster: () => Promise<RosterEntry[]> | null;
  store: ReconcileStore;
  clock: Clock;
  /** The mailing check's counters: a reconciliation file is no way around its address-check limit. */
  counters: ProbeCounters;
}

export type ReconcileOutcome =
  | { ok: true; comparison: Comparison; added: number; alreadyOpen: number; encoding: 'utf-8' | 'cp932' }
  | { ok: false; error: ReturnType<AppError['toInfo']>; issues: ImportIssue[] };

export class ReconcileService {
  constructor(private readonly deps: ReconcileDeps) {}

  async run(input: { staffId: string; system: string; mapping: ReconcileMapping; bytes: Uint8Array; onProgress?: (done: number, total: number) => void }): Promise<ReconcileOutcome> {
    const fail = (e: AppError, issues: ImportIssue[] = []): ReconcileOutcome => ({ ok: false, error: e.toInfo(), issues });
    if (!(input.system in OTHER_SYSTEMS)) return fail(reconcileRunErrors.system());
    const m = input.mapping;
    if (!m.recordId && !m.atenaNo && !(m.name && m.dob)) return fail(reconcileRunErrors.mapping());
    const dir = this.deps.directory();
    const rosterP = this.deps.roster();
    if (!dir || !rosterP) return fail(reconcileRunErrors.notReady());
    const table = readTable<ReconcileField>(input.bytes, m, []);
    if (!table.ok) return fail(reconcileRunErrors.unreadable(table.errors.length), table.errors);
    const roster = await rosterP;
    const system = input.system as OtherSystem;
    return this.deps.counters.run(input.staffId, async (state) => {
      const comparison = await compareLists(table.rows, roster, dir, localIsoDate(this.deps.clock()), state.ledger, input.onProgress);
      const result = { ok: true as const, comparison, added: 0, alreadyOpen: 0, encoding: table.encoding };
      return {
        result,
        events: [],
        // The findings, the counters and the entry commit together.
        write: async () => {
          const r = await this.deps.store.recordInTransaction(system, comparison, input.staffId, table.encoding);
          result.added = r.added;
          result.alreadyOpen = r.alreadyOpen;
          return [r.event];
        },
      };
    });
  }
}
