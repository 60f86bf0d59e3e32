/** The fleet screens' refusals (issues 18, 19): codes with what to do next, in Japanese and English. */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError => new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const fleetRuntimeErrors = {
  adminRequired: () =>
    make('E_FLEET_ADMIN_REQUIRED', '配布の設定は管理者だけが変更できます。管理者がログインしてください。', 'Only an administrator may change the fleet settings; ask one to log in.'),
  secondAdminRequired: () =>
    make('E_FLEET_SECOND_ADMIN', 'この PC の役割の変更には、管理者2名（別々の人）の職員番号と暗証番号が必要です。もう1人の管理者に来てもらい、2人目の欄に入力してもらってください。', 'Changing this PC\'s role needs two different administrators, each with their own staff id and PIN; ask a second administrator to enter theirs.'),
  folderNotAbsolute: () =>
    make('E_FLEET_FOLDER_PATH', '書き出し先は、ドライブから始まる場所で入力してください（例：E:\\監査記録）。', 'Enter the folder as a full path, starting with the drive (e.g. E:\\audit).'),
  dropDirRequired: () =>
    make('E_FLEET_DROP_DIR', '配布フォルダー（USBメモリまたは共有フォルダー）の場所を入力してください。', 'Enter the drop folder (a USB stick or a shared folder).'),
  recoveryKeyRequired: () =>
    make('E_FLEET_RECOVERY_REQUIRED', '窓口端末として登録するには回復キーが必要です（配布フォルダーの署名元を確かめるため）。', 'Enrolling a terminal needs the recovery key (it checks who signed the drop folder).'),
  notTerminal: () =>
    make('E_FLEET_NOT_TERMINAL', 'この PC は窓口端末として設定されていません。管理者が「配布と端末」画面で設定してください。', 'This PC is not set up as a fleet terminal; an administrator can set it up on the fleet screen.'),
  notStation: () =>
    make('E_FLEET_NOT_STATION', 'この PC は本部（配布元）として設定されていません。管理者が「配布と端末」画面で設定してください。', 'This PC is not set up as the station; an administrator can set it up on the fleet screen.'),
  noStation: () =>
    make('E_FLEET_NO_STATION', '本部の配布リポジトリがまだ作られていません。管理者 2名で作成してください。', 'The station repository has not been created yet; two administrators must create it.'),
  listTooOld: (days: number | null) =>
    make('E_FLEET_LIST_TOO_OLD', `保護リストが古すぎます（${days === null ? '作成日不明' : `${days}日前`}）。班長が暗証番号で確認するまで、受付を始められません。`, `The list is too old (${days === null ? 'export date unknown' : `${days} days`}); a lead must confirm with their PIN before a case opens.`, { days: days ?? -1 }),
  reviewOverdue: (terminals: readonly string[]) =>
    make('E_FLEET_REVIEW_OVERDUE', `監査記録が届いていない端末があります（${terminals.join('、')}）。理由を記録しない限り、月次点検を確認済みにできません。`, `Some terminals have sent no audit segment (${terminals.join(', ')}); record why before signing off.`, { terminals: terminals.length }),
  reviewChanged: () =>
    make('E_FLEET_REVIEW_CHANGED', '表示してから点検の内容が変わりました（新しい記録が届きました）。もう一度表示して確認してください。', 'The fleet review changed since it was shown (new segments arrived); reload and review again.'),
  reviewSigned: (month: string) =>
    make('E_FLEET_REVIEW_SIGNED', `${month} の全端末の月次点検は既に確認済みです。`, `The fleet review for ${month} is already signed off.`, { month }),
  leadRequired: () =>
    make('E_FLEET_LEAD_REQUIRED', '1人目は班長または管理者である必要があります。', 'The first person must be a lead or an administrator.'),
};
