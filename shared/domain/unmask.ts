/**
 * What a clerk may give as the reason to see one sealed field (SPEC F4). Codes, not prose: audit rows and
 * the monthly review (F11) count them. Free text is optional except for 'other', stays in memory only, and
 * is shown to the lead — it is never written to the audit trail because a clerk may type a name into it.
 */
export const UNMASK_REASON_CODES = [
  'self-request', // 本人（支援措置の申出者本人）からの請求・届出
  'identity-check', // 窓口に来た本人の確認
  'agency-inquiry', // 警察・裁判所など関係機関からの照会
  'official-processing', // 職権による記載・事務処理
  'other', // その他（理由の記入が必須）
] as const;
export type UnmaskReasonCode = (typeof UNMASK_REASON_CODES)[number];

/** The longest reason text a clerk may type: enough for one sentence, too short for a document. */
export const UNMASK_REASON_TEXT_MAX = 200;
