/**
 * What the fail-closed start screen says (SPEC F21, invariant 4): the code, what happened and what to do, in
 * Japanese for the counter and English for IT. Never a stack trace; never a value from the list.
 */
import { isAppError } from '../../../shared/errors';
import { vaultErrors } from '../vault/errors';
import { setupErrors } from '../setup/errors';
import { startupErrors } from './errors';

export interface StartupFailure {
  readonly code: string;
  readonly ja: string;
  readonly en: string;
  readonly todoJa: string;
  readonly todoEn: string;
}

const CALL_IT = { todoJa: '管理者に連絡し、この画面のエラーコードを伝えてください。', todoEn: 'Contact your administrator with the error code on this screen.' };
const RESTORE = {
  todoJa: '管理者に連絡してください。保管庫を初期化・削除しないでください。管理者はバックアップから復元します（IT 向け手引き「エラーコード」参照）。',
  todoEn: 'Contact your administrator. Do not delete or reset the vault. your administrator restores it from a backup (IT guide, “Error codes”).',
};

/** What to do, by code. A code not listed here gets CALL_IT. */
const TODO: Readonly<Record<string, { todoJa: string; todoEn: string }>> = {
  E_STARTUP_DATA_DIR: {
    todoJa: '管理者に連絡してください。PC 共通のデータフォルダー（Windows は %ProgramData%\\CounterShield\\vault）がフォルダーであること、このアカウントに書き込み権限があること（窓口シールドの利用者グループ（既定：CounterShield Users）に入っていること）、ディスクに空きがあることを確認します。',
    todoEn: 'Contact your administrator: check that the machine-wide data folder (%ProgramData%\\CounterShield\\vault on Windows) is a folder, that this account is in the app\'s local group (default: CounterShield Users) and may write to it, and that the disk has space.',
  },
  E_STARTUP_POLICY_UNREADABLE: {
    todoJa: '管理者に連絡してください。端末ポリシーのファイルの読み取り権限を確認します。読めないポリシーのまま業務は始めません。',
    todoEn: 'Contact your administrator: check the read permissions of the terminal policy file. The app does not start on a policy it cannot read.',
  },
  E_KEY_PROTECTION_UNAVAILABLE: {
    todoJa: '管理者に連絡してください。Windows ではこのアカウントの資格情報保護（DPAPI）、Linux ではキーリング（GNOME Keyring・KWallet など）を使える状態にします。鍵を平文で保存する設定は使いません。',
    todoEn: 'Contact your administrator: make the OS key protection available (DPAPI for this Windows account; a keyring such as GNOME Keyring or KWallet on Linux). Plain-text key storage is never an option.',
  },
  E_VAULT_OTHER_ACCOUNT: {
    todoJa: '別のアカウントで窓口シールドを終了してから（ユーザーの切り替えで戻り、終了を押します）、このアカウントで起動し直してください。分からないときは 管理者に連絡してください。',
    todoEn: 'Quit the app in the other account (switch user back to it and press 終了), then start it again in this account. Contact your administrator if unsure.',
  },
  E_MACHINE_ID_UNAVAILABLE: CALL_IT,
  E_MACHINE_CONFIG: CALL_IT,
  E_VAULT_CORRUPT: RESTORE,
  E_VAULT_TOO_NEW: { todoJa: '管理者に連絡し、アプリを保管庫と同じかそれより新しい版に更新してください。', todoEn: 'Contact your administrator: update the app to the version that created the vault or newer.' },
  E_SETUP_VAULT: RESTORE,
  E_SETUP_ABANDONED_NOT_EMPTY: RESTORE,
};

/** The message of a code that reaches us only as a code (the setup stage keeps codes, not errors). */
const MESSAGE: Readonly<Record<string, { ja: string; en: string }>> = {
  E_VAULT_CORRUPT: vaultErrors.corrupt('at start-up'),
  E_VAULT_TOO_NEW: { ja: vaultErrors.tooNew(0).ja, en: 'The vault was created by a newer version of the app.' },
  E_KEY_PROTECTION_UNAVAILABLE: vaultErrors.keyProtectionUnavailable(),
  E_SETUP_ABANDONED_NOT_EMPTY: setupErrors.abandonedNotEmpty(),
  E_VAULT_OTHER_ACCOUNT: vaultErrors.inUseByOtherAccount('another account'),
};

function withTodo(code: string, ja: string, en: string): StartupFailure {
  return { code, ja, en, ...(TODO[code] ?? CALL_IT) };
}

/** Anything start-up threw: a coded error keeps its code and text; anything else becomes E_STARTUP_FAILED. */
export function startupFailureFrom(e: unknown): StartupFailure {
  const err = isAppError(e) ? e : startupErrors.failed();
  return withTodo(err.code, err.ja, err.en);
}

/**
 * Setup's own verdicts that leave nothing to do at this counter: the vault is unreadable, or the key cannot be
 * protected. Enrolment and the setup steps are not failures — the renderer walks IT through them.
 */
export function startupFailureForStage(status: { stage: string; errorCode?: string }): StartupFailure | null {
  if (status.stage === 'key-protection-unavailable') return codeOnly('E_KEY_PROTECTION_UNAVAILABLE');
  if (status.stage === 'error') return codeOnly(status.errorCode ?? 'E_SETUP_VAULT');
  return null;
}

function codeOnly(code: string): StartupFailure {
  const m = MESSAGE[code] ?? setupErrors.vaultProblem(code);
  return withTodo(code, m.ja, m.en);
}
