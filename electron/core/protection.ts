/**
 * Fail closed (SPEC invariant 4, issue 14). Some findings mean the data on this PC cannot be trusted as it
 * stands: an audit chain break, a database that fails `PRAGMA integrity_check` at open, a policy file older
 * than the last approved revision (or deleted after one), lockout counters or lookup counts reset outside the app
 * (edited, deleted, or an older copy put back). Each is
 * recorded in the audit log as audit.chain_broken with its kind — so ChainBreaks shows it on the start screen
 * and the existing two-person acknowledgement covers it — and while any is unacknowledged, unmasking (request
 * and approval) and list imports stop with a Japanese explanation.
 * A finding that cannot even be recorded (the log itself is unwritable) stops them until the app restarts.
 */
import { AppError } from '../../shared/errors';
import type { AuditChain, ChainBreaks } from './audit';
import { unmaskErrors } from './unmask/errors';

export type Condition =
  | 'integrity-check-failed' | 'policy-rolled-back' | 'counters-reset' | 'lookup-counts-reset'
  | 'counters-rolled-back' | 'lookup-counts-rolled-back';

const WHY: Record<string, string> = {
  'integrity-check-failed': '保管庫のデータベースが整合性検査（PRAGMA integrity_check）に合格しませんでした。',
  'policy-rolled-back': '撮影防止設定ファイルが、最後に承認された版より古いか、削除されています。',
  'counters-reset': '暗証番号のロック回数がアプリの外で書き換えられました。',
  'lookup-counts-reset': '照合・地番確認・伏せた項目の確認の回数の記録が、アプリの外で書き換えられたか削除されました。',
  'counters-rolled-back': '暗証番号のロック回数が、アプリの外で以前の記録に戻されました（回数は監査記録から復元しました）。',
  'lookup-counts-rolled-back': '照合・地番確認・伏せた項目の確認の回数の記録が、アプリの外で以前の記録に戻されました（この1時間の回数は使い切ったものとして扱います）。',
};
const CHAIN = '監査記録の破損（改ざん・欠落・古いデータへの置き換え）が検出されました。';

/**
 * A hold lifted by its own flow, not by the chain-break acknowledgement (issue 18): a terminal behind the station's
 * manifest or its machine-wide marks stays stopped until a lead and an administrator act on the fleet screen.
 * The source answers with the Japanese reason, or null when there is nothing to hold.
 */
export type HoldSource = () => Promise<{ ja: string; en: string } | null>;

export class ProtectionGate {
  private unrecorded: Condition | null = null;
  private readonly holds: HoldSource[] = [];

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

  /** Adds a hold of its own (the fleet's rollback hold); checked before the recorded findings. */
  holdWhile(source: HoldSource): void {
    this.holds.push(source);
  }

  /** Null when unmasking and imports may go on; otherwise the error that says why not and what to do. */
  async stopped(): Promise<AppError | null> {
    for (const h of this.holds) {
      // A hold that cannot answer is a hold: fail closed.
      const why = await h().catch(() => ({ ja: '配布フォルダーとの照合状態を確認できません。', en: 'The fleet state could not be read.' }));
      if (why) return heldError(why);
    }
    if (this.unrecorded) return unmaskErrors.stopped(WHY[this.unrecorded] ?? CHAIN);
    const notice = await this.breaks.brokenChainNotice().catch(() => ({ breaks: [{ kind: 'unreadable' }] }));
    const first = notice?.breaks[0];
    return first ? unmaskErrors.stopped(WHY[first.kind] ?? CHAIN) : null;
  }
}

function heldError(why: { ja: string; en: string }): AppError {
  return new AppError({
    code: 'E_PROTECTION_STOPPED',
    ja: `${why.ja}班長と管理者の 2名が「配布と端末」画面で確認するまで、表示申請・承認と保護リストの取込は停止しています。`,
    en: `${why.en} Unmasking and imports are stopped until a lead and an administrator act on the fleet screen.`,
  });
}
