/**
 * One exit-code table for `CounterShield.exe --admin …` and the dev CLI (issue 17). Scripts and the task
 * scheduler branch on these, so they are stable; docs/IT.md and `--admin --help` print this very table.
 */
import type { AppErrorInfo } from '../../../shared/errors';

export const ADMIN_EXIT = {
  ok: 0,
  refused: 1,
  usage: 2,
  confirmationNeeded: 3,
  auditBroken: 4,
  authRefused: 5,
  vaultUnavailable: 6,
} as const;

export const EXIT_TABLE: ReadonlyArray<{ code: number; ja: string; en: string }> = [
  { code: 0, ja: '成功', en: 'success' },
  { code: 1, ja: '受付不可（ファイルの改ざん・鍵違い・内容の誤りなど。理由はエラーコードで表示）', en: 'refused (tampered file, wrong key, bad content; the error code says which)' },
  { code: 2, ja: '使い方の誤り（オプション・作業名）', en: 'usage error (options, task name)' },
  { code: 3, ja: '2人目の確認が必要（支援措置が終わる変更）。何も変更していません', en: 'a second person must confirm (the change ends protection); nothing changed' },
  { code: 4, ja: '監査記録の破損、または未確認の破損のため停止中', en: 'the audit log is broken, or stopped until a break is acknowledged' },
  { code: 5, ja: '暗証番号の確認に失敗（管理者でない・暗証番号違い・ロック中）。--admin のみ', en: 'PIN check failed (not an administrator, wrong PIN, locked); --admin only' },
  { code: 6, ja: 'この PC・アカウントでは保管庫を開けない（未登録・使用中・未設定）。--admin のみ', en: 'the vault cannot be opened here (not enrolled, in use, not set up); --admin only' },
];

const AUTH = new Set(['E_ADMIN_NOT_ADMIN', 'E_ADMIN_SAME_PERSON', 'E_ADMIN_PIN_MISSING', 'E_PIN_WRONG', 'E_PIN_LOCKED', 'E_PIN_DELAY', 'E_STAFF_UNKNOWN', 'E_STAFF_RETIRED', 'E_AUTH_FAILED']);
const CONFIRM = new Set(['E_ADMIN_SECOND_PERSON_REQUIRED', 'E_BUNDLE_LEAD_REQUIRED', 'E_RESTORE_CONFIRM_REQUIRED', 'E_IMPORT_CONFIRM_REQUIRED']);
const UNAVAILABLE = new Set(['E_VAULT_ENROLMENT_REQUIRED', 'E_VAULT_IN_USE', 'E_VAULT_BUSY', 'E_VAULT_NOT_FOUND', 'E_KEY_PROTECTION_UNAVAILABLE', 'E_ADMIN_NOT_SET_UP', 'E_PEPPER_MISSING', 'E_PEPPER_MISMATCH']);

export function adminExitCodeOf(info: Pick<AppErrorInfo, 'code'>): number {
  const c = info.code;
  if (c === 'E_ADMIN_USAGE' || c === 'E_CLI_USAGE' || c === 'E_ADMIN_PIN_ON_COMMAND_LINE') return ADMIN_EXIT.usage;
  if (CONFIRM.has(c)) return ADMIN_EXIT.confirmationNeeded;
  if (c === 'E_AUDIT_CHAIN_BROKEN' || c === 'E_PROTECTION_STOPPED') return ADMIN_EXIT.auditBroken;
  if (AUTH.has(c) || c.startsWith('E_PIN_')) return ADMIN_EXIT.authRefused;
  if (UNAVAILABLE.has(c)) return ADMIN_EXIT.vaultUnavailable;
  return ADMIN_EXIT.refused;
}

export function exitTableText(): string {
  return EXIT_TABLE.map((r) => `  ${r.code}  ${r.ja} / ${r.en}`).join('\n');
}
