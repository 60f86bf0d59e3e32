/** Every way first-run setup and terminal enrolment refuse (STYLE: errors are values). No PIN, no key, no name. */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string, detail?: Readonly<Record<string, string | number>>): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const setupErrors = {
  wrongStage: (stage: string) =>
    make('E_SETUP_STAGE', 'この操作は今の設定段階では行えません。画面を開き直してください。', `This step is not allowed at the current setup stage (${stage}).`, { stage }),
  pinMismatch: (which: number) =>
    make('E_SETUP_PIN_MISMATCH', `管理者${which}の暗証番号が、確認用の入力と一致しません。管理者${which}の暗証番号を2回とも入力し直してください。`, `Administrator ${which}: the two PIN entries differ. Type administrator ${which}'s PIN twice again.`, { which }),
  /** A PIN rule refused at setup names the administrator whose PIN it was (issue 23: the screen said nothing). */
  adminPinPolicy: (which: number, rule: { ja: string; en: string; detail?: Readonly<Record<string, string | number | boolean>> }) =>
    make('E_PIN_POLICY', `管理者${which}の暗証番号：${rule.ja}別の暗証番号を決めて、2回入力し直してください。`, `Administrator ${which}'s PIN: ${rule.en} Choose another PIN and type it twice.`, { ...(rule.detail as Readonly<Record<string, string | number>> | undefined), which }),
  sameAdmin: () =>
    make('E_SETUP_SAME_ADMIN', '2名の管理者には、別々の職員番号が必要です（1人で2名分を登録することはできません）。', 'The two administrators need different staff ids.'),
  keyConfirm: () =>
    make('E_SETUP_KEY_CONFIRM', '入力が回復キーの最後の2組と一致しません。控えを見直して、もう一度入力してください。', 'The text does not match the last two groups of the recovery key. Check the copy and try again.'),
  keyGone: () =>
    make('E_SETUP_KEY_GONE', '回復キーは確認済みのため、もう表示できません（一度しか表示しません）。', 'The recovery key was confirmed and is never shown again.'),
  noFile: () =>
    make('E_SETUP_NO_FILE', '取り込むファイルが選ばれていないか、読み込めませんでした。', 'No list file was chosen, or it could not be read.'),
  notAdmin: () =>
    make('E_SETUP_NOT_ADMIN', 'この操作は管理者の職員番号と暗証番号で行ってください。', 'This step needs an administrator’s staff id and PIN.'),
  vaultProblem: (code: string) =>
    make('E_SETUP_VAULT', '保管庫を開けません。データは表示しません。管理者に連絡してください（IT 向け手引き「エラーコード」参照）。', `The vault cannot be opened (${code}). Nothing is shown. Contact your administrator (IT guide, “Error codes”).`, { cause: code }),
  notEnrolmentStage: () =>
    make('E_ENROL_NOT_NEEDED', 'この端末は登録の必要がありません（保管庫がないか、既に開けます）。', 'This terminal does not need enrolment (no vault, or it already opens).'),
  abandonedNotEmpty: () =>
    make('E_SETUP_ABANDONED_NOT_EMPTY', '中断された初期設定の保管庫に保護リストが入っています。自動では削除しません。管理者に連絡してください。', 'An interrupted setup left a vault that holds a list; it is never discarded automatically. Contact your administrator.'),
};
