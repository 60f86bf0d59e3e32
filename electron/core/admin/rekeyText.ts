/** What `--admin rekey` says: the new recovery key, once, and what IT does next (docs/IT.md「保管庫の鍵の作り直し」). */
import { keyGroups } from '../setup/recoveryKeyView';
import type { RekeyOutcome } from './rekeyTask';

export function rekeyText(r: RekeyOutcome, paperFile: string | undefined): string {
  return [
    `保管庫の鍵を作り直しました（${r.generation}回目、${r.persons}名）。`,
    '',
    '新しい回復キー（この画面に1回だけ表示します。アプリは保存しません）：',
    `  ${keyGroups(r.recoveryKey).join(' - ')}`,
    '',
    paperFile ? `回復キーの印刷用の用紙（PDF）：${paperFile} — 印刷したらファイルは削除してください。` : '紙に書き写し、金庫に保管してください。',
    '古い回復キーでは、この保管庫も、これから作るバックアップも開けません。以前のバックアップは手順どおり処分してください（古い回復キーの紙は窓口端末の登録に使うため金庫に残します）。',
    `承認者の鍵${r.leadWrapsDropped}件、ほかのアカウントの鍵${r.protectorSlotsDropped}件、管理者の登録用の鍵${r.enrolmentSlotsDropped}件を無効にしました。`,
    '各窓口端末は新しいバックアップから入れ直して登録し直します（IT 向け手引き「保管庫の鍵の作り直し」）。',
    '',
  ].join('\n');
}
