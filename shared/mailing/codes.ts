/**
 * The answer per row of a mailing check (SPEC F17, issue 21). A code names the rule that decided, never a
 * value: the report goes to a department that is not the counter, and from there into e-mails and binders.
 *
 * One code, ADDRESS_NOT_PROTECTED, covers every "addressed elsewhere": the old address, a neighbour's, a typo.
 * A department told "this is the old address" or "same 番地, other 号" would learn where the right place is.
 */
export const MAIL_CODES = {
  OK: { decision: 'ok', ja: '確認の結果、問題はありません。', en: 'No finding.' },
  RECIPIENT_AITEKATA: { decision: 'stop', ja: '宛先の人は、この通知が関係する人について登録された相手方です。発送しないでください。', en: 'The recipient is a registered 相手方 of a person the item concerns.' },
  ADDRESS_NOT_PROTECTED: { decision: 'stop', ja: '支援措置対象者に関する通知が、登録された送付先以外に宛てられています。発送しないでください。', en: 'An item about a protected person is addressed elsewhere than the registered address.' },
  ADDRESS_CONFLICT: { decision: 'stop', ja: '同じ支援措置対象者が、このファイルの中で異なる住所に宛てられています。発送しないでください。', en: 'The same protected person is addressed to different addresses in this batch.' },
  CHECK_LIMIT: { decision: 'stop', ja: 'この支援措置対象者について確認できる住所の数が上限に達しました。発送せず、支援措置の担当課に連絡してください。', en: 'The address-check limit for this protected person was reached; contact the counter.' },
  ADDRESS_UNVERIFIED: { decision: 'stop', ja: '支援措置対象者に関する通知ですが、住所を確認できません。発送せず、支援措置の担当課に連絡してください。', en: 'An item about a protected person whose address cannot be verified (list predates the address index).' },
  POSSIBLE_PROTECTED: { decision: 'review', ja: '支援措置対象者の可能性があります。発送前に支援措置の担当課に確認してください。', en: 'Possibly a protected person; check with the counter before dispatch.' },
  POSSIBLE_AITEKATA: { decision: 'review', ja: '宛先の人が相手方である可能性があります。発送前に支援措置の担当課に確認してください。', en: 'The recipient may be a registered 相手方; check before dispatch.' },
  ROW_INCOMPLETE: { decision: 'review', ja: '氏名・住所など確認に必要な項目が空か、読み取れない文字を含むため確認できません。', en: 'Required fields are empty or hold unreadable characters; the row could not be checked.' },
} as const;

export type MailCode = keyof typeof MAIL_CODES;
export type MailDecision = (typeof MAIL_CODES)[MailCode]['decision'];

/** Which rule wins when several apply to a row: stop before review before ok, and the stronger stop first. */
export const CODE_ORDER: readonly MailCode[] = [
  'RECIPIENT_AITEKATA', 'ADDRESS_NOT_PROTECTED', 'ADDRESS_CONFLICT', 'CHECK_LIMIT', 'ADDRESS_UNVERIFIED',
  'POSSIBLE_AITEKATA', 'POSSIBLE_PROTECTED', 'ROW_INCOMPLETE', 'OK',
];
