/**
 * Every way the list bundle refuses (STYLE: errors are values). No message holds a value from the list;
 * a refused bundle never changes the vault.
 */
import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string, detail?: Readonly<Record<string, string | number>>): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const bundleErrors = {
  notABundle: () =>
    make('E_BUNDLE_FORMAT', '窓口シールドの一覧ファイル（バンドル）ではないか、形式が壊れています。一覧は変更していません。', 'Not a CounterShield list bundle, or its framing is damaged. The list was not changed.'),
  tampered: (what: string) =>
    make('E_BUNDLE_TAMPERED', '一覧ファイルの署名または暗号の検証に失敗しました（改ざん・破損の可能性）。一覧は変更していません。', `The bundle failed signature or integrity checks (${what}). The list was not changed.`, { what }),
  signerUnknown: () =>
    make('E_BUNDLE_SIGNER_UNKNOWN', 'この一覧ファイルは、この端末の保管庫とは別の回復キーで作られています（別の自治体・別の保管庫）。一覧は変更していません。', 'The bundle was signed with a key this vault does not trust (another vault or recovery key). The list was not changed.'),
  signerNotPinned: () =>
    make('E_BUNDLE_SIGNER_NOT_PINNED', 'この端末には一覧ファイルの署名鍵が登録されていません。回復キーを使って取り込んでください（CLI: bundle import --recovery）。', 'No bundle signing key is pinned on this terminal yet. Import once with the recovery key (CLI: bundle import --recovery).'),
  otherVault: () =>
    make('E_BUNDLE_OTHER_VAULT', 'この一覧ファイルは別の保管庫のためのもので、この端末では開けません。同じ保管庫をバックアップから復元した端末で取り込んでください。', 'The bundle is encrypted for another vault lineage. Import it on a terminal restored from the same vault.'),
  empty: () =>
    make('E_BUNDLE_EMPTY', '一覧が空のため、一覧ファイルを作成しません。', 'The list is empty; no bundle is written.'),
};
