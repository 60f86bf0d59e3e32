/**
 * The Japanese summaries IT reads (issue 17): times in JST (the PC may be set to UTC, the counter never is),
 * counts with their units, no space between number and unit (docs/glossary.md). English follows for the vendor.
 */
import { jstDateTime } from '../audit';
import type { Checkpoint } from '../audit';
import type { AdminStatus } from './status';
import type { SupportBundle } from './support';
import type { BundleImportOutcome, RestoreOutcome, VerifyOutcome } from './tasks';

export const jst = (iso: string | null | undefined): string => (iso ? `${jstDateTime(iso)}（日本時間）` : 'なし');

const POLICY_STATE_JA: Record<string, string> = {
  ok: '有効（承認済み）', missing: 'ファイルなし（厳格な既定値）', unreadable: '読めない（厳格な既定値）', invalid: '形式の誤り（厳格な既定値）',
  tampered: '改ざんを検出（厳格な既定値）', unverified: '未検証（厳格な既定値）', 'rolled-back': '古い版に戻された（厳格な既定値）',
};

export function statusText(s: AdminStatus): string {
  const lines = [
    '窓口シールド 状態 / status',
    `  確認日時：${jst(s.at)}`,
    `  端末番号：${s.terminalId}　アプリ版：${s.appVersion}　データ形式版：${s.schemaVersion}`,
    `  保管庫番号（系統）：${s.vaultId || '不明'}`,
    `  保護リスト：${s.list.persons}名（第${s.list.version}版）　最終取込：${jst(s.list.lastImportAt)}${s.list.ageDays === null ? '' : `（${s.list.ageDays}日前）`}`,
    `  期限：1か月以内に終了 ${s.expiries.expiresWithinMonth}名、終了済み ${s.expiries.expired}名、仮支援措置 ${s.expiries.provisional}名`,
    `  登録済みアカウント（鍵スロット）：${s.enrolled.length}件${s.enrolled.length ? `（${s.enrolled.map((e) => e.slotId).join('、')}）` : ''}`,
    `  表示承認ができる班長の鍵：${s.approverWraps}件`,
    s.staff
      ? `  職員：管理者 ${s.staff.admins}名、班長 ${s.staff.leads}名、窓口担当 ${s.staff.clerks}名（ロック中 ${s.staff.locked}名、退職 ${s.staff.retired}名）`
      : '  職員：このアカウントでは職員名簿を開けません（端末登録が必要）',
    `  撮影防止ポリシー：${POLICY_STATE_JA[s.policy.state] ?? s.policy.state}（第${s.policy.revision}版）`,
  ];
  return `${lines.join('\n')}\n`;
}

export function verifyText(v: VerifyOutcome): string {
  const r = v.result;
  if (!v.firstBad) return `監査記録は改ざんされていません（${r.entries}件、最終 ${r.lastSeq}番）。\nThe audit log is intact (${r.entries} entries, last ${r.lastSeq}).\n`;
  return [
    `監査記録に問題があります（検出 ${r.problems.length}件）。最初の問題：${v.firstBad.seq}番 — ${v.firstBad.ja}`,
    `The audit log has problems (${r.problems.length}). First: entry ${v.firstBad.seq} — ${v.firstBad.en}`,
    '開始画面で班長と管理者の 2名が確認するまで、表示申請と保護リストの取込は停止します。IT 向け手引き「監査記録の検証」を参照してください。',
    '',
  ].join('\n');
}

/** The paper form: what two people read, countersign and file away from the PC. */
export function paperCheckpoint(c: Checkpoint): string {
  const groups = c.headHash.toUpperCase().match(/.{1,8}/g)!.join(' ');
  return [
    '窓口シールド 監査記録 確認点（紙で保管）',
    '',
    `通し番号　　: ${c.seq}`,
    `作成日時　　: ${jst(c.at)}`,
    `端末番号　　 : ${c.terminal}`,
    `先頭ハッシュ：${groups}`,
    `署名鍵の指紋：${c.keyFingerprint}`,
    `署名（Ed25519）：${c.signature}`,
    '',
    'この紙は端末の外で保管してください。監査記録の検証時に、上記の値と一致することを確認します。',
    '',
    '確認者1：____________________　日付：__________',
    '確認者2：____________________　日付：__________',
    '',
  ].join('\n');
}

export function supportText(b: SupportBundle, file: string): string {
  const codes = Object.entries(b.audit.errorCodes).map(([c, n]) => `${c} ${n}件`).join('、') || 'なし';
  return `サポート用ファイルを書き出しました：${file}\n  作成日時：${jst(b.createdAt)}　監査記録 ${b.audit.entries}件（${b.audit.intact ? '改ざんなし' : `問題 ${b.audit.problems}件`}）\n  エラーコード：${codes}\n  個人の情報（氏名・住所・生年月日・管理番号・職員番号）は含みません。\n`;
}

export function bundleImportText(r: BundleImportOutcome): string {
  const s = r.summary;
  const head = r.dryRun ? '保護リストファイルを確認しました（取込はしていません）' : '保護リストファイルを取り込みました';
  return `${head}：追加 ${s.added}名、変更 ${s.changed}名、削除 ${s.removed.length}名、期間短縮 ${s.shortened.length}名、変更なし ${s.unchanged}名${r.bundleCreatedAt ? `（ファイル作成 ${jst(r.bundleCreatedAt)}）` : ''}\n`;
}

export function restoreText(r: RestoreOutcome): string {
  return `バックアップから復元しました（支援措置がなくなった人 ${r.plan.removed}名、期間が短くなった人 ${r.plan.shortened}名）。\n${statusText(r.status)}`;
}
