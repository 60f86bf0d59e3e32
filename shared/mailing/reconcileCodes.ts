/**
 * What a reconciliation finds (SPEC F18, issue 21). `red` findings stay red on the lead panel until two people
 * resolve them — the 京都市 2026 case: the 附票 lock set in one system was missing in the separate 戸籍 system,
 * and a 附票 went to the 相手方.
 */
export const RECONCILE_CODES = {
  PROTECTED_NOT_SUPPRESSED: { severity: 'red', ja: 'この端末では支援措置対象者ですが、相手のシステムでは支援措置の設定がありません。', en: 'Protected here but not suppressed in the other system.' },
  PERIOD_MISMATCH: { severity: 'red', ja: '相手のシステムの設定期間が、この端末の支援措置の期間を覆っていません。', en: "The other system's period does not cover the period here." },
  SUPPRESSED_NOT_PROTECTED: { severity: 'review', ja: '相手のシステムでは設定がありますが、保護リストに該当する人がいません。', en: 'Suppressed in the other system but not on the list here.' },
  POSSIBLE_MATCH: { severity: 'review', ja: '保護リストの人と一致する可能性があります（氏名・生年月日の一部が異なる）。', en: 'Possibly a person on the list (name or birth date partly differs).' },
  STALE_ADDRESS: { severity: 'review', ja: '相手のシステムの住所が、支援措置対象者の前住所のままです。', en: "The other system still holds the person's former address." },
  ADDRESS_DIFFERS: { severity: 'review', ja: '相手のシステムの住所が、登録された住所と一致しません。', en: 'The address in the other system differs from the registered one.' },
  ROW_INCOMPLETE: { severity: 'review', ja: '宛名番号・管理番号・氏名と生年月日のいずれもないか、日付・文字が読み取れません。', en: 'No number nor name + birth date, or an unreadable date or character.' },
} as const;

export type ReconcileCode = keyof typeof RECONCILE_CODES;
export type Severity = (typeof RECONCILE_CODES)[ReconcileCode]['severity'];

/** The other systems the town reconciles with (a closed set: the code is stored and shown, never free text). */
export const OTHER_SYSTEMS = {
  fuhyo: '戸籍の附票システム',
  koseki: '戸籍システム',
  zeimu: '税務システム',
  fukushi: '福祉システム',
  kodomo: '子ども・子育てシステム',
} as const;
export type OtherSystem = keyof typeof OTHER_SYSTEMS;

/** What was done in the other system (or here) to resolve a finding — named by the two people who resolve it. */
export const RESOLUTIONS = {
  SET_THERE: '相手のシステムで支援措置の設定をした',
  PERIOD_CORRECTED: '相手のシステムの期間を直した',
  ADDRESS_CORRECTED: '相手のシステムの住所を直した',
  LIST_UPDATED: 'この端末の保護リストを直した（次回の取込で反映）',
  NOT_SAME_PERSON: '別人であることを確認した',
  ENDED_THERE_CORRECTLY: '支援措置の終了を確認した（相手のシステムの設定は不要）',
} as const;
export type Resolution = keyof typeof RESOLUTIONS;

/** Columns of another system's suppression list: 宛名番号 or 管理番号 and/or name + birth date, period, address. */
export const RECONCILE_FIELDS = ['recordId', 'atenaNo', 'name', 'kana', 'dob', 'startDate', 'endDate', 'address'] as const;
export type ReconcileField = (typeof RECONCILE_FIELDS)[number];
export type ReconcileMapping = Partial<Record<ReconcileField, string>>;
export const RECONCILE_FIELD_LABEL: Record<ReconcileField, string> = {
  recordId: '管理番号', atenaNo: '宛名番号', name: '氏名', kana: '氏名カナ', dob: '生年月日', startDate: '開始日', endDate: '終了日', address: '住所',
};
