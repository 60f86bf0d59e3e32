/**
 * Every way the list bundle refuses (STYLE: errors are values). No message holds a value from the list;
 * a refused bundle never changes the vault.
 */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string, detail?: Readonly<Record<string, string | number>>): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const bundleErrors = {
  notABundle: () =>
    make('E_BUNDLE_FORMAT', '窓口シールドの保護リストファイルではないか、形式が壊れています。保護リストは変更していません。書き出した端末で、もう一度書き出してください。', 'Not a CounterShield list bundle, or its framing is damaged. The list was not changed.'),
  tampered: (what: string) =>
    make('E_BUNDLE_TAMPERED', '保護リストファイルの署名または暗号の検証に失敗しました（改ざん・破損の可能性）。保護リストは変更していません。このファイルは使わずに、書き出した端末でもう一度書き出し、管理者に報告してください。', `The bundle failed signature or integrity checks (${what}). The list was not changed.`, { what }),
  signerUnknown: () =>
    make('E_BUNDLE_SIGNER_UNKNOWN', 'この保護リストファイルは、この端末とは別の回復キーで作られています（別の自治体・別の保管庫）。保護リストは変更していません。この端末と同じ保管庫の端末で書き出したファイルを選んでください。', 'The bundle was signed with a key this vault does not trust (another vault or recovery key). The list was not changed.'),
  signerNotPinned: () =>
    make('E_BUNDLE_SIGNER_NOT_PINNED', 'この端末には保護リストファイルの署名鍵が登録されていません。管理者が回復キーを使って一度取り込んでください。', 'No signing key for list files is registered on this terminal yet. An administrator must import one list file here with the recovery key.'),
  signerNotSet: () =>
    make('E_BUNDLE_SIGNER_NOT_SET', 'この保管庫には保護リストファイルの署名鍵がまだありません（以前の版で作った保管庫）。最初の1回だけ、管理者が回復キーを使って書き出してください。以後は管理者の暗証番号で書き出せます。', 'This vault has no stored signing key for list files yet (made by an earlier version). Export once with the recovery key; after that an administrator\'s PIN is enough.'),
  sealedNeedsLead: () =>
    make('E_BUNDLE_LEAD_REQUIRED', '保護リストファイルには封印項目（住所など）が入るため、班長の暗証番号が必要です。班長を兼ねる管理者が書き出すか、2人目として班長が職員番号と暗証番号を入力してください。', 'A list file carries the sealed fields, which only a lead can open: export as an administrator who is also a lead, or have a lead enter their staff number and PIN as the second person.'),
  otherVault: () =>
    make('E_BUNDLE_OTHER_VAULT', 'この保護リストファイルは別の保管庫のためのもので、この端末では開けません。同じ保管庫をバックアップから復元した端末で取り込んでください。', 'The bundle is encrypted for another vault lineage. Import it on a terminal restored from the same vault.'),
  empty: () =>
    make('E_BUNDLE_EMPTY', '保護リストが空のため、ファイルを書き出しません。先に保護リストを取り込んでください。', 'The list is empty; no bundle is written.'),
};
