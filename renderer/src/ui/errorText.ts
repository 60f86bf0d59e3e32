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
  E_IPC_UNREACHABLE: { ja: 'アプリを閉じて起動し直してください。直らないときは管理者に連絡してください。', en: 'Close the app and start it again. If that does not help, contact IT.' },
};

const GENERAL: Step = {
  ja: 'もう一度操作してください。直らないときは、エラーコードを管理者に伝えてください。',
  en: 'Try again. If it happens again, give the error code to IT.',
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
