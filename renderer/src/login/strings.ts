/** Login and session strings, registered into i18next so the feature owns its text. */
import { registerStrings } from '../i18n/register';
import { TERMS as T } from '../i18n/terms';

const ja = {
  title: '職員ログイン',
  lead: '職員番号と暗証番号を入力してください。',
  staffId: '職員番号',
  pin: '暗証番号',
  pinHint: '数字6桁以上',
  submit: 'ログイン',
  submitDisabled: '職員番号と暗証番号（6桁以上）を入力すると押せます',
  busy: '確認しています…',
  signedIn: '{{name}}（{{id}}）',
  logout: 'ロックする',
  toRecords: '管理番号で確認',
  toStart: T.backToStart.ja,
  idleNote: '操作がないと{{minutes}}分で自動的にロックします。',
  restored: {
    title: 'バックアップから復元しました',
    from: '{{date}}（日本時間）作成のバックアップに戻しました。保護リストは{{persons}}名です。',
    fromUndated: 'バックアップに戻しました。保護リストは{{persons}}名です。',
    ended: '{{removed}}名の支援措置が終わり、{{shortened}}名の期間が短くなりました（管理者2名が確認済み）。',
    nothingEnded: '終わった支援措置・短くなった期間はありません。',
    next: '次に：もう一度ログインしてください。バックアップより後の保護リストの更新・手入力・職員の変更は含まれないため、管理者がやり直してください。',
  },
};
const en = {
  title: 'Staff login',
  lead: 'Enter your staff ID and PIN.',
  staffId: 'Staff ID',
  pin: 'PIN',
  pinHint: '6 or more digits',
  submit: 'Log in',
  submitDisabled: 'Enter your staff ID and PIN (6 digits or more) first',
  busy: 'Checking…',
  signedIn: '{{name}} ({{id}})',
  logout: 'Lock',
  toRecords: 'Look up by record ID',
  toStart: T.backToStart.en,
  idleNote: 'Locks automatically after {{minutes}} minutes without activity.',
  restored: {
    title: 'Restored from a backup',
    from: 'The vault is now as in the backup made on {{date}} (JST). The protected list has {{persons}} persons.',
    fromUndated: 'The vault is now as in the backup. The protected list has {{persons}} persons.',
    ended: 'This restore ended {{removed}} protection(s) and shortened {{shortened}} period(s) (confirmed by two administrators).',
    nothingEnded: 'This restore ended no protection and shortened no period.',
    next: 'Next: log in again with your staff ID and PIN. List updates, hand entries and staff changes made after the backup are not included; an administrator must redo what is needed.',
  },
};

registerStrings('login', ja, en);
