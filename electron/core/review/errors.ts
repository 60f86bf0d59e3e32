import { AppError } from '../../../shared/errors';

type Detail = Readonly<Record<string, string | number | boolean>>;
const make = (code: string, ja: string, en: string, detail?: Detail): AppError =>
  new AppError(detail ? { code, ja, en, detail } : { code, ja, en });

export const reviewErrors = {
  badMonth: () => make('E_REVIEW_MONTH', '対象月の指定が正しくありません（終わった月のみ承認できます）。', 'Invalid month (only a finished month can be signed off).'),
  reportChanged: () => make('E_REVIEW_REPORT_CHANGED', '確認した報告と現在の報告が異なります。もう一度表示して確認してください。', 'The report differs from the one that was reviewed. Reload and review it again.'),
  twoPeople: () => make('E_REVIEW_TWO_PEOPLE', '承認には異なる2名（班長と、もう1名）がそれぞれの暗証番号で確認する必要があります。', 'Sign-off needs two different people (a lead and a second person), each with their own PIN.'),
  leadRequired: () => make('E_REVIEW_LEAD_REQUIRED', '1人目は班長（または管理者）である必要があります。', 'The first person must be a team lead (or administrator).'),
  alreadySigned: (month: string) => make('E_REVIEW_ALREADY_SIGNED', `${month} の月次点検は承認済みです。`, `The review for ${month} is already signed off.`, { month }),
  notCurrentMonth: () => make('E_REVIEW_RECONFIRM_MONTH', 'ルールの再確認は当月分のみ行えます。', 'Rules can be re-confirmed for the current month only.'),
};
