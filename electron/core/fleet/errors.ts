/**
 * Every way the fleet refuses (STYLE: errors are values). No message carries a value from the list: codes,
 * versions, terminal ids and counts only. A refused package or repository never changes the vault.
 */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError => new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const fleetErrors = {
  notEnrolled: () =>
    make('E_FLEET_NOT_ENROLLED', 'この端末は配布フォルダーに登録されていません。管理者が端末登録を行ってください。', 'This terminal is not enrolled with a drop folder. An administrator must enrol it.'),
  rootUntrusted: () =>
    make('E_FLEET_ROOT_UNTRUSTED', '配布フォルダーの署名元（root）がこの自治体の回復キーと一致しません。登録していません。', 'The drop folder root metadata is not signed by this lineage (recovery key). Nothing was enrolled.'),
  frozen: () =>
    make('E_FLEET_FROZEN', '配布フォルダーの情報が期限切れです（更新が止まっています）。保護リストは古い可能性があります。管理者に連絡してください。', 'The drop folder metadata has expired (frozen repository). The list may be out of date; contact your administrator.'),
  replay: (what: string) =>
    make('E_FLEET_REPLAY', '配布フォルダーに、この端末が既に見たものより古い情報が置かれています（巻き戻し）。取り込みません。', `The drop folder holds metadata older than this terminal has seen (${what}). Refused.`, { what }),
  tampered: (what: string) =>
    make('E_FLEET_TAMPERED', '配布フォルダーのファイルの署名または検証に失敗しました（改ざん・破損の可能性）。保護リストは変更していません。', `A drop folder file failed signature or integrity checks (${what}). Nothing was changed.`, { what }),
  unreadable: (what: string) =>
    make('E_FLEET_UNREADABLE', '配布フォルダーを読み取れません。USBメモリまたは共有フォルダーを確認してください。', `The drop folder could not be read (${what}).`, { what }),
  noPackage: () =>
    make('E_FLEET_NO_PACKAGE', '配布フォルダーに端末パッケージがありません。', 'The drop folder holds no terminal package.'),
  olderPackage: (offered: number, highest: number) =>
    make('E_FLEET_OLDER_PACKAGE', `配布されたパッケージ（第${offered}版）は、この端末が適用した第${highest}版より古いため適用しません。`, `Package version ${offered} is below the highest applied here (${highest}); refused.`, { offered, highest }),
  otherLineage: () =>
    make('E_FLEET_OTHER_LINEAGE', 'この端末パッケージは別の保管庫のためのもので、この端末では開けません。', 'The package is encrypted for another vault lineage.'),
  retired: (terminal: string) =>
    make('E_FLEET_RETIRED', 'この端末は廃止（盗難・交換）として登録されています。この端末では照合・表示・取込を行えません。管理者に連絡してください。', `Terminal ${terminal} is retired by the station; it refuses every fleet operation.`, { terminal }),
  retiredSender: (terminal: string) =>
    make('E_FLEET_RETIRED_SENDER', `廃止された端末（${terminal}）からのファイルは受け付けません。`, `Files from retired terminal ${terminal} are refused.`, { terminal }),
  rolledBack: (reason: string) =>
    make('E_FLEET_ROLLED_BACK', 'この端末のデータが巻き戻されています（以前の状態に戻された可能性）。班長と管理者が対応するまで、表示（伏せ字解除）と取込を停止します。', `This terminal's data is behind what the station acknowledged (${reason}). Unmasking and imports are stopped until a lead and an administrator act.`, { reason }),
  noHold: () =>
    make('E_FLEET_NO_HOLD', 'この端末は停止（巻き戻し検出）の状態ではありません。', 'This terminal is not held for a rollback; there is nothing to clear.'),
  confirmationRequired: (removed: number, shortened: number) =>
    make('E_FLEET_CONFIRM_REQUIRED', `支援措置を終了・短縮する変更（終了 ${removed}件・短縮 ${shortened}件）は、この端末で2名の確認が必要です。`, `Ending or shortening protection (${removed} removed, ${shortened} shortened) needs two people at this terminal.`, { removed, shortened }),
  twoPeopleRequired: () =>
    make('E_FLEET_TWO_PEOPLE', '2名の別々の職員（班長と管理者、または班長2名）の確認が必要です。', 'Two different staff members with the required roles must confirm.'),
  planChanged: () =>
    make('E_FLEET_PLAN_CHANGED', '確認した内容と、適用しようとしている内容が一致しません。もう一度確認してください。', 'The plan confirmed differs from the one pending. Review again.'),
  thresholdNotMet: (have: number, need: number) =>
    make('E_FLEET_THRESHOLD', `端末パッケージには管理者 ${need}名の署名が必要です（現在 ${have}名）。`, `The release needs ${need} administrator signatures (has ${have}).`, { have, need }),
  adminUnknown: (adminId: string) =>
    make('E_FLEET_ADMIN_UNKNOWN', 'この管理者の署名鍵は登録されていないか、暗証番号が違います。', `No fleet signing key for ${adminId}, or the PIN does not open it.`, { adminId }),
  stationState: (what: string) =>
    make('E_FLEET_STATION_STATE', '配布局（ステーション）の状態ファイルが壊れているか、改ざんされています。', `The station state file is damaged or was edited (${what}).`, { what }),
  twoAdminsRequired: () =>
    make('E_FLEET_TWO_ADMINS', 'この作業には、別々の管理者2名の職員番号と暗証番号が必要です。班長の暗証番号では行えません。', 'This needs two different administrators, each with their own PIN; a lead’s PIN does not count.'),
  rootKeyWrong: () =>
    make('E_FLEET_ROOT_KEY_WRONG', '今の署名キー（鍵の交換をまだしていなければ回復キー）が違います。鍵は交換していません。印刷した控えと照合してください。', 'The current root key (the recovery key until the first rotation) is wrong. Nothing was rotated.'),
  rootKeyUnchanged: () =>
    make('E_FLEET_ROOT_KEY_SAME', '新しい署名キーが今の署名キーと同じです。鍵は交換していません。', 'The new root key is the current one. Nothing was rotated.'),
  keyRetired: () =>
    make('E_FLEET_KEY_RETIRED', 'この端末パッケージは、鍵の交換で使えなくなった古い署名鍵で署名されています。受け付けず、保護リストは変更していません。本部で新しい鍵による配布を行ってください。', 'The package is signed by keys retired in a key rotation. Refused; nothing was changed. Release again at the station with the new keys.'),
  rotationRefused: (version: number) =>
    make('E_FLEET_ROTATION_REFUSED', `配布フォルダーにある鍵の交換（第${version}版）は、この端末が信頼している今の鍵で署名されていません。受け付けず、今の鍵のままにしています。管理者に連絡してください。`, `Root version ${version} in the drop folder is not signed by the root key this terminal trusts. Refused; the current keys stay.`, { version }),
};
