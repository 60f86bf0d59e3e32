/**
 * Fail closed (SPEC invariant 4, issue 14). Some findings mean the data on this PC cannot be trusted as it
 * stands: an audit chain break, a database that fails `PRAGMA integrity_check` at open, a policy file older
 * than the last approved revision (or deleted after one), lockout counters or lookup counts reset outside the app. Each is
 * recorded in the audit log as audit.chain_broken with its kind — so ChainBreaks shows it on the start screen
 * and the existing two-person acknowledgement covers it — and while any is unacknowledged, unmasking (request
 * and approval) and list imports stop with a Japanese explanation.
 * A finding that cannot even be recorded (the log itself is unwritable) stops them until the app restarts.
 */
import type { AppError } from '../../shared/errors';
import type { AuditChain, ChainBreaks } from './audit';
import { unmaskErrors } from './unmask/errors';

export type Condition = 'integrity-check-failed' | 'policy-rolled-back' | 'counters-reset' | 'lookup-counts-reset';

const WHY: Record<string, string> = {
  'integrity-check-failed': '保管庫のデータベースが整合性検査（PRAGMA integrity_check）に合格しませんでした。',
  'policy-rolled-back': '撮影防止設定ファイルが、最後に承認された版より古いか、削除されています。',
  'counters-reset': '暗証番号のロック回数がアプリの外で書き換えられました。',
  'lookup-counts-reset': '照合・地番確認・伏せた項目の確認の回数の記録が、アプリの外で書き換えられたか削除されました。',
};
const CHAIN = '監査記録の破損（改ざん・欠落・古いデータへの置き換え）が検出されました。';

export class ProtectionGate {
  private unrecorded: Condition | null = null;

  constructor(private readonly chain: AuditChain, private readonly breaks: ChainBreaks) {}

  /** Records a finding once: a second start with the same unacknowledged finding adds nothing. */
  async record(kind: Condition, detail: Record<string, string | number> = {}): Promise<void> {
    try {
      const open = (await this.breaks.brokenChainNotice())?.breaks ?? [];
      if (open.some((b) => b.kind === kind && (detail.staff === undefined || b.staff === detail.staff))) return;
      await this.chain.append({ action: 'audit.chain_broken', actors: ['system'], detail: { kind, seq: 0, ...detail } });
    } catch {
      this.unrecorded = kind;
    }
  }

  /** Null when unmasking and imports may go on; otherwise the error that says why not and what to do. */
  async stopped(): Promise<AppError | null> {
    if (this.unrecorded) return unmaskErrors.stopped(WHY[this.unrecorded] ?? CHAIN);
    const notice = await this.breaks.brokenChainNotice().catch(() => ({ breaks: [{ kind: 'unreadable' }] }));
    const first = notice?.breaks[0];
    return first ? unmaskErrors.stopped(WHY[first.kind] ?? CHAIN) : null;
  }
}
