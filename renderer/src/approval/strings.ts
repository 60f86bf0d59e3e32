/** Strings of the team lead's approval screen. */
import { registerStrings } from '../i18n/register';
import { TERMS as T } from '../i18n/terms';

const ja = {
  title: `${T.lead.ja}の承認`,
  lead: '申請の内容を確認してください。伏せた項目の値は、この画面には表示されません。',
  requester: T.requestingClerk.ja,
  record: '管理番号',
  field: '項目',
  reason: '理由',
  duration: '表示時間',
  durationValue: `{{seconds}}秒・1回限り（${T.requestingClerk.ja}の画面だけに表示）`,
  expires: '申請の有効期限',
  expiresValue: 'あと{{seconds}}秒',
  code: '確認コード',
  codeNote: `${T.requestingClerk.ja}の画面の確認コードと同じであることを確かめてください。`,
  approverId: `${T.lead.ja}の${T.staffNumber.ja}`,
  approverPin: '班長の暗証番号',
  approve: '承認する',
  refuse: `${T.refuse.ja}する`,
  back: '承認せずに戻る',
  decideDisabled: `${T.lead.ja}の${T.staffNumber.ja}と暗証番号（6桁以上）を入力すると押せます`,
  busy: '確認しています…',
  refused: `申請を${T.refuse.ja}しました。`,
};
const en = {
  title: 'Team lead approval',
  lead: 'Check the request. The protected value is never shown on this screen.',
  requester: 'Requesting clerk',
  record: 'Management number',
  field: 'Field',
  reason: 'Reason',
  duration: 'Visible for',
  durationValue: '{{seconds}}s, once only (on the requesting clerk’s screen only)',
  expires: 'Request expires',
  expiresValue: 'in {{seconds}}s',
  code: 'Check code',
  codeNote: 'Make sure it matches the code on the requesting clerk’s screen.',
  approverId: 'Team lead’s staff ID',
  approverPin: 'Team lead’s PIN',
  approve: 'Approve',
  refuse: 'Refuse',
  back: 'Back without deciding',
  decideDisabled: 'Enter the team lead’s staff ID and PIN (6 digits or more) first',
  busy: 'Checking…',
  refused: 'The request was refused.',
};

registerStrings('approval', ja, en);
