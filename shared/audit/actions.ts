/**
 * The closed set of audit actions (SPEC F10). A code not listed here is refused by the chain, so a
 * new kind of event is a deliberate edit of this file (with its Japanese label for the viewer), never
 * a free-text string that could smuggle personal data into the log.
 * `category` drives the monthly review (F11): which events count as unmasks, refusals, alarms …
 */
export type AuditCategory =
  | 'session' | 'lookup' | 'unmask' | 'refusal' | 'alarm' | 'photo' | 'pin' | 'print'
  | 'policy' | 'import' | 'staff' | 'incident' | 'review' | 'audit' | 'case' | 'setup';

interface ActionInfo { readonly ja: string; readonly en: string; readonly category: AuditCategory }

export const AUDIT_ACTIONS = {
  'session.login': { ja: 'ログイン', en: 'Login', category: 'session' },
  'session.logout': { ja: 'ログアウト', en: 'Logout', category: 'session' },
  'session.lock': { ja: '画面ロック', en: 'Session locked', category: 'session' },
  'session.handover': { ja: '職員による案件の引継ぎ（ログインの切替え）', en: 'Session handed over to a staff member', category: 'session' },
  'staff.pin.failed': { ja: '暗証番号の誤り', en: 'Wrong PIN', category: 'pin' },
  'staff.pin.refused': { ja: '暗証番号の入力を受付不可（待機・ロック中）', en: 'PIN entry refused (delay or lock)', category: 'pin' },
  'staff.pin.terminal_throttled': { ja: '端末での暗証番号の誤りが連続（端末全体で待機）', en: 'Repeated wrong PINs on this terminal (terminal-wide delay)', category: 'pin' },
  'staff.locked': { ja: '暗証番号ロック', en: 'Staff locked after failed PINs', category: 'pin' },
  'staff.pin.changed': { ja: '暗証番号の変更', en: 'PIN changed', category: 'staff' },
  'staff.bootstrap': { ja: '初期管理者の登録', en: 'First administrators created', category: 'staff' },
  'staff.pepper.enrolled': { ja: 'PIN 保護鍵の端末登録', en: 'PIN check key enrolled', category: 'staff' },
  'staff.change.proposed': { ja: '職員変更の提案', en: 'Staff change proposed', category: 'staff' },
  'staff.change.confirmed': { ja: '職員変更の確認（2名）', en: 'Staff change confirmed (two people)', category: 'staff' },
  'record.lookup': { ja: '支援措置対象者の記録の参照（伏せた状態）', en: 'Masked record viewed', category: 'lookup' },
  'lookup.hit': { ja: '照合一致（支援措置対象者）', en: 'Lookup hit (protected person)', category: 'lookup' },
  'lookup.possible': { ja: '照合（一致の可能性）', en: 'Lookup possible match', category: 'lookup' },
  'lookup.limit_reached': { ja: '照合回数の上限により受付不可', en: 'Lookup refused (limit reached)', category: 'lookup' },
  'lookup.aitekata_hit': { ja: '相手方の警報', en: '相手方 (registered perpetrator) alarm', category: 'alarm' },
  'case.new_honseki_lot_hit': { ja: '新本籍の地番一致の警告', en: 'New 本籍 lot matches a protected address', category: 'alarm' },
  'lookup.agent': { ja: '代理人・士業による請求の警告', en: 'Request by an agent flagged', category: 'alarm' },
  'unmask.requested': { ja: '表示の申請', en: 'Unmask requested', category: 'unmask' },
  'unmask.approved': { ja: '表示の承認', en: 'Unmask approved', category: 'unmask' },
  'unmask.shown': { ja: '表示の実施', en: 'Unmasked field shown', category: 'unmask' },
  'unmask.refused': { ja: '表示の申請の却下', en: 'Unmask refused', category: 'refusal' },
  'unmask.decision.refused': { ja: '承認操作を受付不可（暗証番号・権限）', en: 'Approval step refused (PIN or role)', category: 'refusal' },
  'unmask.request_refused': { ja: '表示の申請を受付不可（委託職員）', en: 'Unmask request refused (outsourced staff)', category: 'refusal' },
  'unmask.cancelled': { ja: '表示申請の取消', en: 'Unmask request cancelled', category: 'unmask' },
  'unmask.request.expired': { ja: '表示申請の期限切れ', en: 'Unmask request expired', category: 'unmask' },
  'unmask.request.voided': { ja: '表示申請の無効化', en: 'Unmask request voided', category: 'unmask' },
  'unmask.revoked': { ja: '表示の取消（再伏せ字）', en: 'Grant revoked (re-masked)', category: 'unmask' },
  'case.opened': { ja: '案件の開始', en: 'Case opened', category: 'case' },
  'case.closed': { ja: '案件の終了', en: 'Case closed', category: 'case' },
  'case.lookup_counted': { ja: '照合回数の記録', en: 'Lookup counted', category: 'case' },
  'case.masked_input_refused': { ja: '伏せた項目への入力を受付不可', en: 'Input into a masked field refused', category: 'case' },
  'case.warning_acknowledged': { ja: '警告の確認', en: 'Warning acknowledged', category: 'case' },
  'case.lead_called': { ja: '班長の呼出し', en: 'Lead called', category: 'case' },
  'case.lead_attended': { ja: '班長の立会い', en: 'Lead attended', category: 'case' },
  'case.lead_attend_refused': { ja: '班長の確認を受付不可', en: 'Lead attendance refused', category: 'case' },
  'case.contractor_refused': { ja: '委託職員の確認操作を受付不可', en: 'Outsourced staff step refused', category: 'refusal' },
  'case.taken_over': { ja: '委託職員の案件を職員が引継ぎ', en: 'Case taken over from outsourced staff', category: 'case' },
  'case.takeover_refused': { ja: '案件の引継ぎを受付不可', en: 'Case takeover refused', category: 'case' },
  'case.phone_refused': { ja: '電話でのお断り', en: 'Phone request declined', category: 'photo' },
  'print.redacted': { ja: '印刷（伏せ字）', en: 'Redacted print', category: 'print' },
  'policy.photo_requested': { ja: '撮影の求め（お断り）', en: 'Photo requested (refused)', category: 'photo' },
  'policy.proposed': { ja: '撮影防止設定の変更提案', en: 'Policy change proposed', category: 'policy' },
  'policy.propose_refused': { ja: 'ポリシー変更の提案を受付不可', en: 'Policy proposal refused', category: 'policy' },
  'policy.approve_refused': { ja: 'ポリシー変更の承認を受付不可', en: 'Policy approval refused', category: 'policy' },
  'policy.changed': { ja: '撮影防止設定の変更', en: 'Policy changed', category: 'policy' },
  'import.dry_run': { ja: '保護リスト取込の確認', en: 'List import dry run', category: 'import' },
  'import.committed': { ja: '保護リストの取込', en: 'List imported', category: 'import' },
  'import.refused': { ja: '保護リスト取込を受付不可', en: 'List import refused', category: 'import' },
  'import.removal_confirmed': { ja: '支援措置対象者の削除・期間短縮の確認', en: 'Removal / shortening confirmed', category: 'import' },
  'record.added': { ja: '支援措置対象者の追加', en: 'Record added', category: 'import' },
  'record.edited': { ja: '支援措置対象者の修正', en: 'Record edited', category: 'import' },
  'record.ended': { ja: '支援措置の終了', en: 'Protection ended', category: 'import' },
  'record.extended': { ja: '支援措置の期間の延長', en: 'Protection period extended', category: 'import' },
  'record.change_proposed': { ja: '保護リストの手入力の提案', en: 'Hand entry proposed', category: 'import' },
  'release.granted': { ja: '一時解除の承認（2名）', en: 'Temporary release granted (two people)', category: 'unmask' },
  'release.ended': { ja: '一時解除の終了', en: 'Temporary release ended', category: 'unmask' },
  'record.change_refused': { ja: '保護リストの手入力を受付不可', en: 'Hand entry refused', category: 'import' },
  'incident.recorded': { ja: '事故の記録', en: 'Incident recorded', category: 'incident' },
  'incident.updated': { ja: '事故記録の更新', en: 'Incident updated', category: 'incident' },
  'incident.reported': { ja: '事故の報告（速報・確報）', en: 'Incident report filed', category: 'incident' },
  'review.signed': { ja: '月次点検の承認', en: 'Monthly review signed off', category: 'review' },
  'review.refused': { ja: '月次点検の操作を受付不可', en: 'Review operation refused', category: 'review' },
  'review.reconfirmed': { ja: 'ルールの再確認', en: 'Rules re-confirmed', category: 'review' },
  'audit.exported': { ja: '監査記録の出力', en: 'Audit log exported', category: 'audit' },
  'audit.verified': { ja: '監査記録の検証', en: 'Audit log verified', category: 'audit' },
  'audit.chain_broken': { ja: '監査記録の破損を検出', en: 'Audit chain break detected', category: 'audit' },
  'audit.broken_acknowledged': { ja: '監査記録の破損を確認（2名）', en: 'Audit break acknowledged (two people)', category: 'audit' },
  'audit.clock_backwards': { ja: 'PC の時計の巻き戻りを検出', en: 'PC clock set back detected', category: 'audit' },
  'audit.checkpoint_exported': { ja: '監査記録の確認点の書き出し', en: 'Audit checkpoint exported', category: 'audit' },
  'vault.backup_written': { ja: 'バックアップの作成', en: 'Backup written', category: 'audit' },
  'vault.restored': { ja: 'バックアップからの復元', en: 'Restored from a backup', category: 'audit' },
  'vault.restore_refused': { ja: 'バックアップからの復元を受付不可', en: 'Restore refused', category: 'audit' },
  // Issue 18: a new data key, recovery key and sealing key for the lineage (counts only; never a key).
  'vault.rekeyed': { ja: '保管庫の鍵の作り直し（管理者2名）', en: 'Vault re-keyed (two administrators)', category: 'audit' },
  'audit.refused': { ja: '監査記録の操作を受付不可', en: 'Audit operation refused', category: 'audit' },
  // Administration tasks (issue 17): who ran which task where; counts and codes only.
  'admin.support_exported': { ja: 'サポート用ファイルの書き出し', en: 'Support bundle exported', category: 'audit' },
  'admin.refused': { ja: '管理作業を受付不可', en: 'Admin task refused', category: 'audit' },
  'admin.policy_signed': { ja: '配布用ポリシーの署名（管理者2名）', en: 'Policy signed for the fleet (two administrators)', category: 'policy' },
  'setup.vault_created': { ja: '初期設定：保管庫の作成', en: 'Setup: vault created', category: 'setup' },
  'setup.recovery_confirmed': { ja: '初期設定：回復キーの控えを確認', en: 'Setup: recovery key copy confirmed', category: 'setup' },
  'setup.policy_reviewed': { ja: '初期設定：撮影防止設定の確認', en: 'Setup: policy reviewed', category: 'setup' },
  'setup.completed': { ja: '初期設定の完了', en: 'Setup completed', category: 'setup' },
  'setup.restarted': { ja: '中断された初期設定のやり直し', en: 'Interrupted setup started over', category: 'setup' },
  'terminal.enrolled': { ja: '端末登録（管理者の暗証番号、または回復キーと管理者）', en: 'Terminal enrolled (an administrator’s PIN, or the recovery key and an administrator)', category: 'setup' },
  'terminal.enrol_slot_written': { ja: '管理者の登録用の鍵をこの PC に作成', en: 'Administrator’s enrolment slot written on this PC', category: 'setup' },
  'terminal.enrol_slot_dropped': { ja: '管理者の登録用の鍵を削除（退職・役割・暗証番号の変更）', en: 'Administrator’s enrolment slot dropped (retired, role or PIN changed)', category: 'setup' },
  'terminal.enrol_refused': { ja: '端末登録を受付不可', en: 'Terminal enrolment refused', category: 'setup' },
  // One vault per PC (SPEC F14, issue 16).
  'terminal.bound': { ja: '保管庫をこの PC に結び付け', en: 'Vault bound to this PC', category: 'setup' },
  'vault.migrated': { ja: '保管庫を PC 共通のデータフォルダーへ移動', en: 'Vault moved to the machine-wide data folder', category: 'setup' },
  'bundle.exported': { ja: '保護リストファイルの書き出し', en: 'List bundle exported', category: 'import' },
  'bundle.imported': { ja: '保護リストファイルの取込', en: 'List bundle imported', category: 'import' },
  // The fleet (SPEC F15, F16; electron/core/fleet).
  'fleet.enrolled': { ja: '配布フォルダーへの端末登録', en: 'Terminal enrolled with the drop folder', category: 'setup' },
  'fleet.package_applied': { ja: '端末パッケージの適用', en: 'Terminal package applied', category: 'import' },
  'fleet.removal_confirmed': { ja: '端末パッケージの削除・短縮の確認（2名）', en: 'Package removals confirmed (two people)', category: 'import' },
  'fleet.refused': { ja: '配布フォルダーからの取込を受付不可', en: 'Drop folder refused', category: 'import' },
  'fleet.rolled_back': { ja: '端末データの巻き戻しを検出', en: 'Terminal rollback detected', category: 'audit' },
  'fleet.rollback_cleared': { ja: '巻き戻し停止の解除（班長と管理者）', en: 'Rollback hold cleared (lead and administrator)', category: 'audit' },
  'fleet.retired': { ja: '端末の廃止を受信', en: 'Terminal retired by the station', category: 'setup' },
  'fleet.segment_written': { ja: '監査記録の区間ファイルの書き出し', en: 'Audit segment written', category: 'audit' },
  // issue 21: other departments' mail and other systems' suppression lists (counts and codes only).
  'mailing.checked': { ja: '発送前の確認（他部署の発送データ）', en: 'Outgoing batch checked', category: 'lookup' },
  'mailing.check_limit': { ja: '発送前の確認で住所の確認回数が上限（探りの疑い）', en: 'Mailing address-check limit reached (possible probing)', category: 'alarm' },
  'mailing.many_stops': { ja: '発送前の確認で発送停止が多いファイル（探りの疑い）', en: 'Mailing batch with many stopped rows (possible probing)', category: 'alarm' },
  'mailing.refused': { ja: '発送前の確認を受付不可', en: 'Outgoing batch check refused', category: 'lookup' },
  'mailing.counters_damaged': { ja: '発送前の確認の回数記録の改ざん・削除を検出（確認を受付不可）', en: 'Mailing check counters edited or deleted outside the app (checks refused)', category: 'alarm' },
  'mailing.mapping_saved': { ja: '発送データの列の対応の保存', en: 'Mailing column mapping saved', category: 'policy' },
  'reconcile.imported': { ja: '他システムの支援措置設定との突合', en: 'Other system suppression list reconciled', category: 'import' },
  'reconcile.resolved': { ja: '突合の不一致の解消（2名）', en: 'Reconciliation finding resolved (two people)', category: 'import' },
  'reconcile.revealed': { ja: '突合の不一致の管理番号の表示（2名）', en: 'Reconciliation finding record number shown (two people)', category: 'import' },
  'reconcile.resolve_refused': { ja: '突合の解消を受付不可（暗証番号・権限）', en: 'Reconciliation resolution refused (PIN or role)', category: 'refusal' },
  'fleet.configured': { ja: '配布の設定（本部・窓口端末・配布フォルダー）', en: 'Fleet mode configured', category: 'setup' },
  'fleet.station_created': { ja: '本部の配布リポジトリの作成（管理者2名）', en: 'Station repository created (two administrators)', category: 'setup' },
  'fleet.released': { ja: '端末パッケージの配布（管理者2名）', en: 'Terminal package released (two administrators)', category: 'import' },
  'fleet.terminal_retired': { ja: '端末の廃止（本部）', en: 'Terminal retired at the station', category: 'setup' },
  'fleet.keys_rotated': { ja: '配布の署名鍵の交換（管理者2名と署名キー）', en: 'Fleet signing keys rotated (two administrators and the root key)', category: 'setup' },
  'fleet.segment_imported': { ja: '端末の監査記録区間の取込', en: 'Terminal audit segment imported', category: 'audit' },
  'fleet.segment_refused': { ja: '端末の監査記録区間を受付不可', en: 'Terminal audit segment refused', category: 'audit' },
  'fleet.review_signed': { ja: '全端末の月次点検の確認（2名）', en: 'Fleet monthly review signed off', category: 'review' },
  'fleet.stale_case_approved': { ja: '古い保護リストでの受付を班長が承認', en: 'Lead approved a case on an out-of-date list', category: 'case' },
} as const satisfies Record<string, ActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, code);
}

export function actionsIn(category: AuditCategory): AuditAction[] {
  return AUDIT_ACTION_CODES.filter((a) => AUDIT_ACTIONS[a].category === category);
}
