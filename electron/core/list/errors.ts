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
  // Hand entries (issue 22): each says what to do next; none names a value from the list.
  entryRole: () =>
    make('E_LIST_ENTRY_ROLE', '保護リストの手入力は、班長または管理者の職員番号と暗証番号で行ってください。', 'Hand entries need a lead or an administrator (staff id and PIN).'),
  entrySamePerson: () =>
    make('E_LIST_ENTRY_SAME_PERSON', '確認は、提案した職員とは別の班長または管理者が、本人の暗証番号で行ってください。', 'The confirmation must come from another lead or administrator than the one who proposed it.'),
  entryInvalid: (n: number) =>
    make('E_LIST_ENTRY_INVALID', `入力に${n}件の誤りがあります。各項目の下の説明に従って直してください。`, `The entry has ${n} problem(s); fix each field as described.`, { problems: n }),
  entryNotFound: () =>
    make('E_LIST_ENTRY_NOT_FOUND', 'この管理番号は保護リストにありません。管理番号を確かめて入力し直してください。', 'No person with this record id is on the list; check the id.'),
  entryExists: () =>
    make('E_LIST_ENTRY_EXISTS', 'この管理番号は、すでに保護リストにあります。修正するときは「修正」を選んでください。', 'This record id is already on the list; choose "edit" to change it.'),
  entryAtenaExists: () =>
    make('E_LIST_ENTRY_ATENA_EXISTS', 'この宛名番号の方は、すでに保護リストにあります（別の管理番号）。同じ方を二重に登録せず、その管理番号を修正してください。', 'A person with this atena number is already on the list under another record id; edit that entry instead.'),
  entryNoChange: () =>
    make('E_LIST_ENTRY_NO_CHANGE', '変える項目が入力されていません。変える項目だけを入力してください。', 'Nothing to change was entered.'),
  extendTooEarly: (from: string) =>
    make('E_LIST_EXTEND_TOO_EARLY', `期間の延長は、終了日の1か月前から行えます（${from}から）。その日になってから延長してください。`, `An extension is possible from one month before the end date (from ${from}).`, { from }),
  proposalGone: () =>
    make('E_LIST_ENTRY_PROPOSAL_GONE', 'この提案は見つからないか、10分を過ぎて無効になりました。もう一度「提案する」から行ってください。', 'The proposal is gone or older than ten minutes; propose it again.'),
  proposalChanged: () =>
    make('E_LIST_ENTRY_CHANGED', '確認する内容が、提案された内容と違います。画面の内容を確かめ、もう一度提案してください。', 'What is being confirmed differs from what was proposed; propose it again.'),
  reasonRequired: () =>
    make('E_LIST_ENTRY_REASON', '理由を選んでください。', 'Choose a reason.'),
};
