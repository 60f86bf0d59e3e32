/**
 * Every error the clerk reads ends with what to do next (issue 23). Most messages from main already say it; for
 * the few that only say what went wrong, the next step is added here by code, and failing that a general one.
 */
import type { AppErrorInfo } from '../../../shared/errors';

type Step = { ja: string; en: string };

const NEXT: Record<string, Step> = {
  E_PIN_WRONG: { ja: '職員番号と暗証番号を確かめて、もう一度入力してください。', en: 'Check the staff ID and PIN and try again.' },
  E_PIN_LOCKED: { ja: '管理者に連絡して、ロックの解除を依頼してください。', en: 'Ask an administrator to unlock it.' },
  E_UNMASK_SELF_APPROVAL: { ja: '申請した職員とは別の班長が、自分の職員番号で承認してください。', en: 'A different team lead must approve with their own staff ID.' },
  E_UNMASK_NOT_LEAD: { ja: '班長の役割をもつ職員が承認してください。', en: 'A staff member with the team lead role must approve.' },
  E_CASE_NOT_LEAD: { ja: '班長の役割をもつ職員が、自分の職員番号で確認してください。', en: 'A staff member with the team lead role must confirm with their own staff ID.' },
  E_STAFF_SAME_PERSON: { ja: '提案者とも対象の職員とも別の職員が、自分の職員番号で確認してください。', en: 'Someone other than the proposer and the member concerned must confirm with their own staff ID.' },
  E_STAFF_CONFIRMER_ROLE: { ja: '管理者か班長の役割をもつ職員が確認してください。', en: 'An administrator or a team lead must confirm.' },
  E_STAFF_NOT_ADMIN: { ja: '管理者の職員番号でログインし直してから提案してください。', en: 'Log in as an administrator, then propose the change.' },
  E_STAFF_DUPLICATE: { ja: '別の職員番号を入力してください。', en: 'Enter a different staff ID.' },
  E_STAFF_UNKNOWN: { ja: '職員番号を確かめて、もう一度入力してください。', en: 'Check the staff ID and try again.' },
  E_PIN_POLICY: { ja: '別の暗証番号を決めて、入力し直してください。', en: 'Choose a different PIN and type it again.' },
  E_IPC_UNREACHABLE: { ja: 'アプリを閉じて起動し直してください。直らないときは管理者に連絡してください。', en: 'Close the app and start it again. If that does not help, contact your administrator.' },
  // The fleet, mailing and reconcile refusals (added after the first review) that say only what went wrong.
  E_FLEET_LIST_TOO_OLD: { ja: '班長が上の欄に職員番号と暗証番号を入力してから、届書・請求書を選んでください。', en: 'A team lead enters their staff ID and PIN above; then choose the form.' },
  E_FLEET_LEAD_REQUIRED: { ja: '1人目は、班長か管理者が自分の職員番号と暗証番号で確認してください。', en: 'Person 1 must be a team lead or an administrator, with their own staff ID and PIN.' },
  E_RECONCILE_LEAD: { ja: '確認者1の欄には、班長か管理者が自分の職員番号と暗証番号を入力してください。', en: 'Person 1 must be a team lead or an administrator, with their own staff ID and PIN.' },
  E_FLEET_TWO_PEOPLE: { ja: '別々の2名が、それぞれ自分の職員番号と暗証番号を入力してください。', en: 'Two different people each enter their own staff ID and PIN.' },
  E_FLEET_CONFIRM_REQUIRED: { ja: '班長と管理者（または班長2名）が、この端末の「配布と端末」の画面で確認してください。', en: 'A team lead and an administrator (or two leads) confirm it on this terminal, under Distribution and terminals.' },
  E_FLEET_REVIEW_OVERDUE: { ja: '届いていない理由を記録してから承認してください。', en: 'Record why the logs are missing, then approve.' },
  E_FLEET_REVIEW_SIGNED: { ja: '別の月を選んでください。', en: 'Choose another month.' },
  E_FLEET_OLDER_PACKAGE: { ja: '本部で最新の端末パッケージを配布フォルダーに置いてから、もう一度確かめてください。', en: 'Have the station put the newest package in the drop folder, then check again.' },
  E_FLEET_NO_PACKAGE: { ja: '本部で端末パッケージを配布フォルダーに置いてから、もう一度確かめてください。', en: 'Have the station put a package in the drop folder, then check again.' },
  E_FLEET_REPLAY: { ja: '配布フォルダーを使うのをやめ、本部の管理者に連絡してください（誰かが古いファイルを置いた可能性があります）。', en: 'Stop using this drop folder and contact the station administrator (someone may have put old files there).' },
  E_FLEET_TAMPERED: { ja: '配布フォルダーを使うのをやめ、本部の管理者に連絡してください。', en: 'Stop using this drop folder and contact the station administrator.' },
  E_FLEET_ROOT_UNTRUSTED: { ja: 'この自治体の配布フォルダーか、回復キーが正しいかを確かめて、もう一度登録してください。', en: "Check that this is your municipality's drop folder and the right recovery key, then enrol again." },
  E_FLEET_OTHER_LINEAGE: { ja: 'この端末の保管庫のための配布フォルダーを選んでください。分からないときは本部の管理者に連絡してください。', en: "Choose the drop folder for this terminal's vault; if unsure, contact the station administrator." },
  E_FLEET_RETIRED_SENDER: { ja: 'その端末のファイルは取り込まず、本部の管理者に連絡してください。', en: 'Do not import files from that terminal; contact the station administrator.' },
  E_FLEET_NO_HOLD: { ja: '解除は不要です。そのまま使えます。', en: 'Nothing to clear; carry on.' },
  E_FLEET_RECOVERY_REQUIRED: { ja: '紙に控えた回復キーを入力してから、もう一度登録してください。', en: 'Enter the recovery key from the paper sheet, then enrol again.' },
  E_RECONCILE_NOT_READY: { ja: '開始画面に戻り、保護リストが使える状態か確かめてから、もう一度突合してください。', en: 'Go back to the start screen, check that the protected list is available, then reconcile again.' },
  E_RECOVERY_KEY_FORMAT: { ja: '紙に控えた回復キー（36文字）を、見たとおりに入力し直してください。', en: 'Type the 36-character recovery key again exactly as it is on the paper sheet.' },
  E_TABLE_EMPTY: { ja: '見出し行のある CSV を選び直してください。', en: 'Choose a CSV with a header row.' },
  E_TABLE_NO_ROWS: { ja: 'データ行のある CSV を選び直してください。', en: 'Choose a CSV that has data rows.' },
};

const GENERAL: Step = {
  ja: 'もう一度操作してください。直らないときは、エラーコードを管理者に伝えてください。',
  en: 'Try again. If it happens again, give the error code to your administrator.',
};

/** Japanese messages that already tell the reader what to do end in an instruction (〜ください, 〜できます). */
function saysWhatToDo(text: string, lang: string): boolean {
  return lang === 'en' ? /\b(try|enter|ask|contact|choose|call|type|check|wait|use|import|propose|restore|correct|close|sign in)\b/i.test(text) : /ください|できます|お伝え/.test(text);
}

export function errorMessage(error: AppErrorInfo, lang: string): string {
  const en = lang === 'en';
  const base = (en ? error.en : error.ja).trim();
  if (saysWhatToDo(base, lang)) return base;
  const step = NEXT[error.code] ?? GENERAL;
  return `${base}${en ? ' ' : ''}${en ? step.en : step.ja}`;
}
