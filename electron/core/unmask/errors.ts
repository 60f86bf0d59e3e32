/** Every way an unmask refuses (SPEC F4). Ids and field names only; never a value, a PIN or a reason text. */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const unmaskErrors = {
  contractor: () =>
    make('E_UNMASK_CONTRACTOR', '委託職員のログインでは、伏せた項目の表示を申請できません。職員を呼んで、案件を引き継いでもらってください。', 'Outsourced staff (委託) cannot request to view a protected field. Call a municipal staff member to take the case over.'),
  requestUnknown: () =>
    make('E_UNMASK_REQUEST_UNKNOWN', 'この申請は存在しないか、既に承認・却下・失効しています。', 'No such pending unmask request (already decided, voided or expired).'),
  requestExpired: () =>
    make('E_UNMASK_REQUEST_EXPIRED', '申請の有効期限が切れました。必要であれば、もう一度申請してください。', 'The unmask request expired unanswered.'),
  hashMismatch: () =>
    make('E_UNMASK_HASH_MISMATCH', '承認しようとした内容が、表示された申請と一致しません。承認は行われていません。申請をやり直してください。', 'The approval does not match the request as it was shown. Nothing was approved; ask for the request again.'),
  selfApproval: () =>
    make('E_UNMASK_SELF_APPROVAL', '申請した本人は承認できません。別の職員（班長）が自分の職員番号と暗証番号で承認してください。', 'The requester cannot approve their own request.'),
  notLead: () =>
    make('E_UNMASK_NOT_LEAD', '承認できるのは班長（支援措置責任者）だけです。管理者であっても班長でなければ承認できません。', 'Only a staff member with the lead role can approve; administrators without it cannot.'),
  sessionGone: () =>
    make('E_UNMASK_SESSION_GONE', '申請した職員のログインが終了したため、この申請は無効になりました。', 'The requesting session ended, so the request was voided.'),
  reason: () =>
    make('E_UNMASK_REASON', '理由を選んでください。「その他」の場合は理由の記入が必要です（200文字まで）。', 'A reason code is required; "other" needs a short text (max 200 characters).'),
  notInCase: () =>
    make('E_UNMASK_NOT_IN_CASE', 'この管理番号は、開いている案件で（氏名と生年月日で）一致した人物ではないため、表示・申請できません。案件の画面から申請してください。', 'This record was not matched (name and birth date) in a case you have open; view and request it from the case.'),
  stopped: (why: string) =>
    make('E_PROTECTION_STOPPED', `${why}2名（班長または管理者と、もう1名）が確認するまで、表示申請・承認と保護リストの取込は停止しています。`, 'Unmasking and imports are stopped until two people (a lead or administrator and one more) acknowledge the problem on the start screen.'),
  field: () =>
    make('E_UNMASK_FIELD', 'この項目は表示申請の対象ではありません。', 'This field cannot be requested.'),
  sealUnlock: () =>
    make('E_UNMASK_SEAL', '班長の鍵で保護項目を開けませんでした。班長の登録に問題がある可能性があります。管理者に連絡してください。', "The team lead's key did not open the protected field; the lead's registration may be faulty. Contact the administrator."),
  grantUnknown: () =>
    make('E_GRANT_UNKNOWN', 'この表示許可は存在しません。', 'No such grant.'),
  grantExpired: () =>
    make('E_GRANT_EXPIRED', '表示の許可時間が終わりました。表示は戻せません。必要であれば、もう一度申請してください。', 'The grant expired; it cannot be extended. Request again if needed.'),
  grantUsed: () =>
    make('E_GRANT_USED', 'この表示許可は既に使われました（1回限り）。必要であれば、もう一度申請してください。', 'The grant was already used (single use).'),
  grantRevoked: () =>
    make('E_GRANT_REVOKED', '表示は終了しました（画面の移動・ロック・案件の終了）。', 'The grant was revoked (navigation, lock or case close).'),
  grantNotYours: () =>
    make('E_GRANT_NOT_YOURS', 'この表示許可は、申請した職員のログイン中にだけ使えます。', 'The grant belongs to another session.'),
};
