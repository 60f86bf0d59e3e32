/** Every way start-up refuses, as coded errors (STYLE: errors are values). */
import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const startupErrors = {
  debugSwitch: (name: string) =>
    make('E_STARTUP_DEBUG_SWITCH', 'デバッグ用の起動オプション付きでは起動しません。ショートカットや起動コマンドの設定を確認してください。', `Refusing to run with a debugging switch (--${name}): it would switch off screen-capture protection and let other programs control the app. Remove it from the shortcut or command.`, { switch: name }),
  dataDir: (why: string) =>
    make('E_STARTUP_DATA_DIR', 'データフォルダーを作成・書き込みできません。保管庫は開いていません。', `The data folder cannot be created or written (${why}). The vault was not opened.`, { why }),
  policyUnreadable: (why: string) =>
    make('E_STARTUP_POLICY_UNREADABLE', '端末ポリシーのファイルがありますが読み取れません。保管庫は開いていません。', `The terminal policy file exists but cannot be read (${why}). The vault was not opened.`, { why }),
  failed: () =>
    make('E_STARTUP_FAILED', '起動中に予期しないエラーが発生しました。保管庫は開いていません。', 'Start-up failed unexpectedly. The vault was not opened.'),
};
