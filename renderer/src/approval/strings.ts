/** Strings of the team lead's approval screen. */
import { registerStrings } from '../i18n/register';

const ja = {
  title: '班長の承認',
  lead: '申請の内容を確認してください。保護項目の値はこの画面には表示されません。',
  requester: '申請者',
  record: '管理番号',
  field: '項目',
  reason: '理由',
  duration: '表示時間',
  durationValue: '{{seconds}} 秒・1 回限り（申請した職員の画面だけに表示）',
  expires: '申請の有効期限',
  expiresValue: 'あと {{seconds}} 秒',
  code: '確認コード',
  codeNote: '申請した職員の画面の確認コードと同じであることを確かめてください。',
  approverId: '班長の職員番号',
  approverPin: '班長の暗証番号',
  approve: '承認する',
  refuse: '却下する',
  back: '戻る',
  busy: '確認しています…',
  refused: '申請を却下しました。',
};
const en = {
  title: 'Team lead approval',
  lead: 'Check the request. The protected value is never shown on this screen.',
  requester: 'Requested by',
  record: 'Management number',
  field: 'Field',
  reason: 'Reason',
  duration: 'Visible for',
  durationValue: '{{seconds}} s, single use (only on the requesting clerk’s screen)',
  expires: 'Request expires',
  expiresValue: 'in {{seconds}} s',
  code: 'Check code',
  codeNote: 'Make sure it matches the code on the requesting clerk’s screen.',
  approverId: 'Lead’s staff id',
  approverPin: 'Lead’s PIN',
  approve: 'Approve',
  refuse: 'Refuse',
  back: 'Back',
  busy: 'Checking…',
  refused: 'The request was refused.',
};

registerStrings('approval', ja, en);
