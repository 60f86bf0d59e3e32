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
};

registerStrings('login', ja, en);
