/**
 * Every way the vault refuses, as coded errors (STYLE: errors are values). Messages never hold a value from
 * the list: 管理番号, counts and field names only.
 */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const vaultErrors = {
  keyProtectionUnavailable: () =>
    make('E_KEY_PROTECTION_UNAVAILABLE', 'この端末では鍵の保護（OS の資格情報保護）が使えません。鍵を平文で保存することはしないため、処理を中止しました。管理者に連絡してください。', 'OS key protection is unavailable on this machine. The key is never stored in the clear, so the vault refuses to continue. Contact your administrator.'),
  enrolmentRequired: () =>
    make('E_VAULT_ENROLMENT_REQUIRED', 'この端末・アカウントではまだ保管庫を開けません。管理者が回復キーで端末登録を行ってください。', 'This machine or OS account is not enrolled. an administrator must enrol it with the recovery key.'),
  wrongRecoveryKey: () =>
    make('E_RECOVERY_KEY_WRONG', '回復キーが違います。この保管庫の回復キーではありません。印刷した控えと1文字ずつ照らし合わせてください。何も変更していません。', 'The recovery key is wrong: it does not open this vault. Compare it with the printed sheet character by character. Nothing was changed.'),
  recoveryKeyMalformed: () =>
    make('E_RECOVERY_KEY_FORMAT', '回復キーの形式が正しくありません（入力誤りの可能性があります）。', 'The recovery key is malformed or mistyped.'),
  corrupt: (what: string) =>
    make('E_VAULT_CORRUPT', '保管庫のデータが壊れているか改ざんされています。データは表示しません。管理者に連絡し、バックアップから復元してください。', `Vault data is corrupt or has been tampered with (${what}). Nothing is shown. Restore from a backup.`, { what }),
  // A full disk is not damage: restoring an older backup over a healthy vault would lose every change since.
  diskFull: () =>
    make('E_VAULT_DISK_FULL', 'ディスクの空き容量が不足しているため保存できませんでした。保管庫は壊れていません（バックアップからの復元はしないでください）。不要なファイルを削除して空きを作り、もう一度操作してください。', 'The disk is full, so nothing could be saved. The vault is not damaged — do not restore a backup. Free some disk space and try again.'),
  inUse: (holder: string) =>
    make('E_VAULT_IN_USE', `保管庫は使用中です（${holder}）。同時に使えるのは 1 つのプログラムだけです。そのプログラムを終了してから、もう一度操作してください。`, `The vault is in use (${holder}). Only one program may use it at a time. Close that program, then try again.`, { holder }),
  /** Fast user switching: another Windows account's instance holds the one vault of this PC (issue 16). */
  inUseByOtherAccount: (holder: string) =>
    make('E_VAULT_OTHER_ACCOUNT', 'この端末は別のアカウントで使用中です。保管庫は開いていません。使用中のアカウントに切り替えて窓口シールドを終了してから、このアカウントで起動し直してください。', `This PC's vault is in use by another OS account (${holder}). It stays locked here. Switch to that account and quit the app, then start it again in this account.`, { holder }),
  busy: () =>
    make('E_VAULT_BUSY', '保管庫は別の処理で使用中です。処理が終わるのを待ってから、もう一度操作してください。', 'The vault is busy with another operation. Wait for it to finish, then try again.'),
  databaseMissing: (file: string) =>
    make('E_VAULT_DB_MISSING', `保管庫のデータベースファイル（${file}）がありません。新しい保管庫は作りません。データフォルダーが移動・削除されていないか確認し、見つからなければ 管理者がバックアップから復元してください。`, `The vault database (${file}) named by CURRENT is missing. No new vault is created. Check whether the data folder was moved or files deleted; if it cannot be found, your administrator restores from a backup.`, { file }),
  pointerMissing: (files: number) =>
    make('E_VAULT_POINTER_MISSING', `データフォルダーに保管庫のデータベース（${files}個）がありますが、どれが現在のものかを示す CURRENT ファイルがありません。初期設定（init）はしないでください。管理者に連絡してください。`, `The data folder holds ${files} vault database file(s) but no CURRENT file naming the live one. Do not run init. Contact your administrator (IT guide, “CURRENT is missing”).`, { files }),
  ioFailed: () =>
    make('E_VAULT_IO', '保管庫のファイルを読み書きできませんでした（ディスクまたは権限の問題）。データが壊れたとは限りません。ディスクの状態と権限を確認してから、もう一度操作してください。', 'The vault files could not be read or written (a disk or permission problem). This does not mean the data is damaged. Check the disk and permissions, then try again.'),
  notFound: () =>
    make('E_VAULT_NOT_FOUND', '保管庫が見つかりません。初期設定（init）が必要です。', 'No vault found in the data folder. Run init first.'),
  exists: () =>
    make('E_VAULT_EXISTS', 'このフォルダーには既に保管庫があります。上書きはしません。', 'A vault already exists in this folder; it is never overwritten.'),
  tooNew: (version: number) =>
    make('E_VAULT_TOO_NEW', '保管庫がこのアプリより新しい版で作成されています。アプリを更新してください。', `The vault (version ${version}) was made by a newer version of the app. Update the app.`, { version }),
  closed: () => make('E_VAULT_CLOSED', '保管庫は閉じられています。', 'The vault is closed.'),
  noSuchRecord: (id: string) =>
    make('E_VAULT_NO_RECORD', `管理番号 ${id} は保護リストにありません。管理番号を確かめてください。`, `No record with id ${id}.`, { id }),
  sealUnlockRefused: () =>
    make('E_SEAL_UNLOCK_REFUSED', '保護項目を開く鍵が正しくありません（承認者の PIN または回復キーが必要です）。', 'The key offered cannot open sealed fields (an approver PIN key or the recovery key is needed).'),
  importInvalid: (count: number) =>
    make('E_IMPORT_INVALID', `取込ファイルに誤りが${count}件あります。保護リストは変更していません。誤りの行を直したファイルで、もう一度取り込んでください。`, `The import file has ${count} problem(s). The list was not changed.`, { count }),
  confirmationRequired: (removed: number, shortened: number) =>
    make('E_IMPORT_CONFIRM_REQUIRED', `この取込は${removed}人を保護リストから外し、${shortened}人の期間を短縮します。支援措置を終わらせる変更のため、2名の確認が必要です。保護リストは変更していません。内容を確かめ、2名で確認してから取り込んでください。`, `This import removes ${removed} person(s) and shortens ${shortened} period(s). Ending protection needs explicit confirmation. The list was not changed.`, { removed, shortened }),
  indexBuildFailed: (why: string) =>
    make('E_IMPORT_INDEX_FAILED', '照合用の索引を作れませんでした（メモリ不足などのため）。保護リストは変更していません。ほかのアプリを閉じてからもう一度取り込んでください。繰り返す場合は 管理者に連絡してください。', `The matching index could not be built (${why}). The list was not changed. Close other applications and import again; contact your administrator if it happens again.`, { why }),
  planChanged: () =>
    make('E_IMPORT_PLAN_CHANGED', '確認した内容と取込内容が異なります。もう一度確認してください。', 'The import differs from the plan that was confirmed. Review it again.'),
  exportKeyMissing: () =>
    make('E_BACKUP_KEY_NOT_SET', 'この保管庫には、バックアップ用の回復キーの公開鍵がまだ登録されていません（以前の版で作成された保管庫です）。初回の 1回だけ、回復キーを入力してバックアップしてください。以後は管理者の暗証番号だけで作成できます。', 'This vault (made by an earlier version) has no public half of the recovery key yet. Make the first backup once with the recovery key; after that an administrator\'s PIN is enough.'),
  // An authentication failure like E_VAULT_CORRUPT, with its own code because the advice differs: the persons are
  // named (管理番号 only) and a re-import re-seals them, which a restore would not do better (sealTags.ts).
  sealedDamaged: (records: string, count: number, more: number) =>
    make('E_VAULT_SEALED_DAMAGED', `保護項目（住所・方書・本籍・備考）の暗号文が壊れているか改ざんされています（管理番号 ${records}${Number(more) > 0 ? `、ほか${more}件` : ''}、計${count}件）。直るまでバックアップは作成できません。管理者に連絡し、最新の保護リストを取り込み直してください（取り込んだ人の保護項目は作り直されます）。直らないときは、壊れる前のバックアップから復元してください。`, `The sealed fields (address, katagaki, honseki, note) of record(s) ${records}${Number(more) > 0 ? ` and ${more} more` : ''} (${count} in all) are damaged or were tampered with. Backups are refused until this is repaired. Contact your administrator: import the latest protected list again (it re-seals every person it carries); if that does not repair it, restore the last backup made before the damage.`, { records, count }),
  // A vault from before the sealed-field tags: its back-filled tags vouch only for what the back-fill saw (sealTags.ts).
  sealedUnchecked: () =>
    make('E_VAULT_SEALED_UNCHECKED', 'この保管庫は以前の版から更新されたため、保護項目（住所・方書・本籍・備考）の暗号文がまだ一度も全体確認されていません。管理者の暗証番号だけのバックアップはその確認のあとで作れます。一度だけ、回復キーを使ってバックアップを作成してください（すべての保護項目を開いて確認します）。', 'This vault was upgraded from an earlier version and its sealed fields (address, katagaki, honseki, note) have never been checked in full. A backup with an administrator\'s PIN only is possible after that check: make one backup with the recovery key (it opens and checks every sealed field).'),
  // The re-key ends every other account's and terminal's access to this vault (rekey.ts): never one person alone.
  rekeyNeedsTwoAdmins: () =>
    make('E_REKEY_TWO_ADMINS', '鍵の作り直しには、管理者 2名（別の人）の暗証番号と今の回復キーが必要です。何も変更していません。2人目の管理者（--second）と一緒に、もう一度実行してください。', 'Re-keying needs two different administrators\' PINs and the current recovery key. Nothing was changed. Run it again with a second administrator (--second).'),
  backupInvalid: (what: string) =>
    make('E_BACKUP_INVALID', 'バックアップファイルが壊れているか、回復キーが違います。何も置き換えていません。', `The backup is damaged or the recovery key does not match (${what}). Nothing was replaced.`, { what }),
};
