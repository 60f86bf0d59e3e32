/** Login and session strings, registered into i18next so the feature owns its text. */
import { registerStrings } from '../i18n/register';

const ja = {
  title: '職員ログイン',
  lead: '職員番号と暗証番号を入力してください。',
  staffId: '職員番号',
  pin: '暗証番号',
  pinHint: '数字 6 桁以上',
  submit: 'ログイン',
  busy: '確認しています…',
  signedIn: '{{name}}（{{id}}）',
  logout: 'ロックする',
  toRecords: '管理番号で確認',
  toStart: 'トップへ戻る',
  idleNote: '操作がないと {{minutes}} 分で自動的にロックします。',
};
const en = {
  title: 'Staff login',
  lead: 'Enter your staff id and PIN.',
  staffId: 'Staff id',
  pin: 'PIN',
  pinHint: '6 or more digits',
  submit: 'Log in',
  busy: 'Checking…',
  signedIn: '{{name}} ({{id}})',
  logout: 'Lock',
  toRecords: 'Look up by number',
  toStart: 'Back to start',
  idleNote: 'Locks automatically after {{minutes}} minutes without activity.',
};

registerStrings('login', ja, en);
