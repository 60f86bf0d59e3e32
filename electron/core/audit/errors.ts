/** Every way the audit chain refuses, as coded errors. Messages name codes, sequence numbers and field names only. */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const auditErrors = {
  unknownAction: (action: string) =>
    make('E_AUDIT_UNKNOWN_ACTION', '監査記録に未登録の操作種別です（記録していません）。', `Unknown audit action; nothing was recorded.`, { action: /^[a-z_.]{1,48}$/.test(action) ? action : '?' }),
  personalData: (where: string) =>
    make('E_AUDIT_PERSONAL_DATA', '監査記録に個人情報の可能性がある値が含まれていたため、記録しませんでした（アプリの不具合です）。操作は行われていません。エラーコードを 管理者に伝えてください。', `An audit event carried a value that is not an id, field name, code or count (${where}); nothing was recorded or done. Give the error code to your administrator.`, { where }),
  writeFailed: () =>
    make('E_AUDIT_WRITE_FAILED', '監査記録を書き込めませんでした。操作は記録されていません。管理者に連絡してください。', 'The audit log could not be written; the operation was not recorded. Contact your administrator.'),
  keyUnavailable: () =>
    make('E_AUDIT_KEY', '監査記録の鍵を開けません。保管庫が壊れているか改ざんされています。', 'The audit keys cannot be opened; the vault is damaged or has been tampered with.'),
  checkpointInvalid: (what: string) =>
    make('E_AUDIT_CHECKPOINT_INVALID', '確認点ファイルが正しくありません（署名または形式の誤り）。', `The checkpoint file is invalid (${what}).`, { what }),
  twoPeopleRequired: () =>
    make('E_AUDIT_TWO_PEOPLE', '異なる2名の職員がそれぞれの暗証番号で確認する必要があります。', 'Two different staff members must each confirm with their own PIN.'),
  leadRequired: () =>
    make('E_AUDIT_LEAD_REQUIRED', '1人目は班長（または管理者）である必要があります。', 'The first person must be a team lead (or administrator).'),
  nothingToAcknowledge: () =>
    make('E_AUDIT_NOTHING_TO_ACK', '確認が必要な監査記録の破損はありません。', 'There is no audit break to acknowledge.'),
  clockBackwards: (previous: string) =>
    make('E_AUDIT_CLOCK_BACKWARDS', `PC の時計が前回の確認点（${previous}）より前になっています。確認点は作成しません。管理者が OS の時刻設定を直してから、もう一度操作してください。`, `The PC clock is earlier than the previous checkpoint (${previous}); no checkpoint is signed. An administrator must correct the OS clock, then try again.`, { previous }),
  closed: () => make('E_AUDIT_CLOSED', '監査記録は閉じられています。', 'The audit log is closed.'),
};
