/** Every way a routine list update or a bundle export refuses (STYLE: errors are values). No value from the list. */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string, detail?: Readonly<Record<string, string | number>>): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const listErrors = {
  noFile: () =>
    make('E_LIST_NO_FILE', '取り込むファイルが選ばれていないか、別のファイルに替わりました。ファイルを選び直してください。', 'No list file is held for this step (none chosen, or another one was chosen since). Choose the file again.'),
  adminRequired: () =>
    make('E_LIST_ADMIN_REQUIRED', '保護リストの更新と書き出しは、管理者の職員番号と暗証番号で行ってください。', 'Updating or exporting the list needs an administrator’s staff id and PIN.'),
  twoPeople: () =>
    make('E_LIST_TWO_PEOPLE', '削除・期間短縮の確認には、別々の職員2名（それぞれ本人の暗証番号）が必要です。確認者1と確認者2に、別の職員の職員番号と暗証番号を入力してください。', 'Removals and shortened periods must be confirmed by two different staff members, each with their own PIN.'),
  busy: () =>
    make('E_LIST_BUSY', '別の取込・書き出しが実行中です。終わってからもう一度行ってください。', 'Another import or export is running; try again when it has finished.'),
  unavailable: () =>
    make('E_LIST_UNAVAILABLE', '保護リストが開かれていないため、保護リストの更新・書き出しはできません。開始画面に戻り、ログインし直してから、もう一度操作してください。', 'The vault is not open: the list cannot be updated or exported.'),
};
