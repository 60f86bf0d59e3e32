import { AppError } from '../../../shared/errors';

const make = (code: string, ja: string, en: string) => new AppError({ code, ja, en });

export const caseErrors = {
  notFound: () => make('E_CASE_NOT_FOUND', '案件が見つかりません。すでに閉じられている可能性があります。', 'Case not found; it may have been closed.'),
  tooMany: () => make('E_CASE_LIMIT', '同時に開ける案件の上限に達しました。先に他の案件を閉じてください。', 'Too many open cases; close one first.'),
  unknownSlot: () => make('E_CASE_SLOT', '対象の人物が見つかりません。', 'No such person on this case.'),
  tooManyPersons: () => make('E_CASE_PERSONS', '一つの届書に記載できる人数の上限（20名）に達しました。', 'At most 20 persons per form.'),
  /** The letter is the coded heading the screen shows (docs/glossary.md): A = 相手方 alarm, B = 郵送・電話 match. */
  stopped: (item: 'A' | 'B' = 'A') =>
    make('E_CASE_STOPPED', `確認事項${item}のため、この案件は班長の対応を待っています。班長が来るまで手続を進めないでください。`, `This case waits for the team lead (check item ${item}). Do not continue until the lead arrives.`),
  contractorStop: () =>
    make('E_CASE_CONTRACTOR_STOP', '確認事項Cのため、この案件は職員が引き継ぎます。入力を止めて、職員を呼んでください。', 'Check item C: a municipal staff member (職員) must take this case over. Stop entering and call a staff member.'),
  notContractorCase: () => make('E_CASE_NOT_CONTRACTOR', 'この案件は職員が扱っているため、引き継ぎは不要です。', 'This case is already handled by a staff member; there is nothing to take over.'),
  notShokuin: () =>
    make('E_CASE_NOT_SHOKUIN', '引き継げるのは、委託職員ではない職員（本人の職員番号と暗証番号）だけです。別の職員を呼んでください。', 'Only a municipal staff member other than the one at the terminal, and not outsourced staff, can take over. Call another staff member.'),
  notPhoneCase: () => make('E_CASE_NOT_PHONE', '電話の案件ではないため、電話のお断りは記録できません。', 'This is not a phone case; the phone refusal is recorded on phone cases only.'),
  maskedField: () => make('E_CASE_MASKED_FIELD', 'この項目は保護されているため入力できません。', 'This field is masked for a protected person and cannot be filled.'),
  unknownWarning: () => make('E_CASE_WARNING', '対象の警告が見つかりません。', 'No such warning on this case.'),
  leadRequired: () => make('E_CASE_LEAD_REQUIRED', 'この警告は班長（支援措置責任者）が本人の職員番号と暗証番号で確認する必要があります。', 'This warning must be cleared by a lead with their own ID and PIN.'),
  notLead: () => make('E_CASE_NOT_LEAD', '班長の権限を持つ職員のみが確認できます。', 'Only staff with the lead role can clear this warning.'),
  lookupLimit: (scope: 'case' | 'staff') =>
    scope === 'case'
      ? make('E_CASE_LOOKUP_LIMIT', 'この案件での照合・地番確認の回数が上限に達しました。入力を繰り返さず、班長を呼んでください（回数は監査記録に残ります）。', 'This case reached its lookup limit (policy). Do not keep retrying; call the lead. The count is in the audit log.')
      : make('E_CASE_LOOKUP_LIMIT', 'この1時間の照合・地番確認の回数が上限に達しました。入力を繰り返さず、班長を呼んでください（回数は監査記録に残ります）。', 'Your lookups in the last hour reached the limit (policy). Do not keep retrying; call the lead. The count is in the audit log.'),
  warningsOpen: () =>
    make('E_CASE_WARNINGS_OPEN', '未確認の警告があります。すべての警告を確認してから出力してください。', 'There are unacknowledged warnings; clear them before printing.'),
};
