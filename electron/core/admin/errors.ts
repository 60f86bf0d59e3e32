/** The admin tasks' own refusals (issue 17): coded, Japanese for IT first, English second, each saying what to do. */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string, detail?: Record<string, string | number | boolean>): AppError =>
  new AppError({ code, ja, en, ...(detail && { detail }) });

export const adminErrors = {
  usage: (problem: string) => make('E_ADMIN_USAGE', `${problem}\n使い方は --admin --help で確認してください。`, `${problem}\nSee --admin --help.`),
  unknownTask: (task: string) => make('E_ADMIN_USAGE', `「${task}」という管理作業はありません。--admin --help で作業の種類を確認してください。`, `There is no admin task "${task}". See --admin --help.`),
  notAdmin: () => make('E_ADMIN_NOT_ADMIN', 'この職員は管理者ではありません。管理者の職員番号と暗証番号で操作してください。', 'This staff member is not an administrator. Use an administrator\'s staff ID and PIN.'),
  samePerson: () => make('E_ADMIN_SAME_PERSON', '2人目は 1人目と別の管理者でなければなりません。別の管理者に暗証番号を入力してもらってください。', 'The second administrator must be a different person. Ask another administrator to enter their PIN.'),
  secondPersonRequired: (what: string) =>
    make('E_ADMIN_SECOND_PERSON_REQUIRED', `${what}は支援措置を終わらせるため、管理者 2名の暗証番号が必要です。何も変更していません。2人目の管理者（--second）と一緒に、もう一度実行してください。`, `${what} ends someone's protection, so it needs two administrators' PINs. Nothing was changed. Run it again with a second administrator (--second).`),
  pinMissing: () => make('E_ADMIN_PIN_MISSING', '暗証番号が入力されませんでした。暗証番号はコマンドの引数ではなく、画面（標準入力）から 1行ずつ入力してください。', 'No PIN was entered. PINs are read one per line from the console (stdin), never from the command line.'),
  pinOnCommandLine: () => make('E_ADMIN_PIN_ON_COMMAND_LINE', '暗証番号をコマンドの引数に書かないでください（他のプログラムやログから見えます）。何も実行していません。暗証番号は実行後に画面から入力します。', 'Never put a PIN on the command line (other programs and logs can see it). Nothing was run. The PIN is asked for on the console.'),
  recoveryKeyNeeded: (what: string) =>
    make('E_ADMIN_RECOVERY_KEY_NEEDED', `${what}には回復キーが必要です（回復キーのファイルを --recovery で指定）。`, `The ${what} needs the recovery key (the recovery key file, --recovery).`),
  restoreFailed: (step: string) =>
    make('E_RESTORE_FAILED', '復元を完了できなかったため、元の保管庫に戻しました。保護リスト・職員・監査記録は復元前のままです。このバックアップがこの端末のものか確認し、別の PC のバックアップは IT 向け手引き「復元」の手順（--admin restore と端末登録）で行ってください。', `The restore could not be completed, so the previous vault was put back as it was (list, staff and audit log unchanged). Check that the backup is from this terminal; a backup from another PC is restored with --admin restore and enrolment (IT guide, "Restore").`, { step }),
  secondPersonOnScreen: (removed: number, shortened: number) =>
    make('E_ADMIN_SECOND_PERSON_REQUIRED', `このバックアップを復元すると、${removed}名の支援措置がなくなり、${shortened}名の期間が短くなります。管理者2名の確認が必要です。何も変更していません。2人目の管理者が職員番号と暗証番号を入力してから、もう一度「復元する」を押してください。`, `Restoring this backup would remove ${removed} protected person(s) and shorten ${shortened} period(s), so two administrators must confirm. Nothing was changed. Have a second administrator enter their staff ID and PIN, then press Restore again.`, { removed, shortened }),
  restoreFileMissing: () =>
    make('E_ADMIN_RESTORE_NO_FILE', '復元するバックアップファイルが選ばれていません。「バックアップファイルを選ぶ」から選んでください。', 'No backup file is chosen. Choose one first.'),
  notSetUp: () => make('E_ADMIN_NOT_SET_UP', 'この端末の保管庫には管理者が登録されていません。先にアプリで初期設定を行ってください。', 'No administrator is set up in this vault. Run the first-run setup in the app first.'),
  outExists: (path: string) => make('E_ADMIN_OUT_EXISTS', `出力先のファイル（${path}）が既にあります。上書きはしません。別の名前を指定してください。`, `The output file (${path}) already exists; it is never overwritten. Give another name.`, { path }),
  outFolderMissing: (dir: string) => make('E_ADMIN_OUT_DIR', `出力先のフォルダー（${dir}）がありません。フォルダーを作成してから、もう一度実行してください。`, `The output folder (${dir}) does not exist. Create it, then run again.`, { path: dir }),
  inputMissing: (path: string) => make('E_ADMIN_IN_MISSING', `入力ファイル（${path}）がないか、読み取れません。パスを確認してください。`, `The input file (${path}) is missing or not readable. Check the path.`, { path }),
};
