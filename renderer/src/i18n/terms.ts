/**
 * The product's vocabulary, one string per term (docs/glossary.md). Screens build their sentences from these
 * so that one word never names two roles: in 2023 「申出者」 meant both the family member at the counter and
 * the protected person, and a clerk could pick the protected person's reason because the family member asked.
 * test/unit/renderer/glossary.test.ts checks the glossary's forbidden words against every Japanese string.
 */
export const TERMS = {
  /** The person the 支援措置 protects. Never 保護対象者, 対象者 alone, or 申出者. */
  protectedPerson: { ja: '支援措置対象者', en: 'protected person' },
  /** The person at the counter, as the form names them: 届出人 on a 届書 (転籍届), 請求者 on a 交付請求. */
  notifier: { ja: '届出人', en: 'notifier' },
  requester: { ja: '請求者', en: 'requester' },
  /** Both at once, where the sentence is not about one form. */
  counterPerson: { ja: '届出人・請求者', en: 'the person at the counter' },
  /** The clerk who asked to see a masked field. Never 申請者 (that reads as the person at the counter). */
  requestingClerk: { ja: '申請した職員', en: 'requesting clerk' },
  lead: { ja: '班長', en: 'team lead' },
  staffNumber: { ja: '職員番号', en: 'staff ID' },
  /** The encrypted list of protected persons. Never 一覧. */
  list: { ja: '保護リスト', en: 'protected list' },
  /** The bundle file that carries the list to other counter PCs. */
  listFile: { ja: '保護リストファイル', en: 'list file' },
  /** A lead's decision against a request. Never 拒否. */
  refuse: { ja: '却下', en: 'refuse' },
  /** Declining what the public asks for (a photo). */
  decline: { ja: 'お断り', en: 'decline' },
  /** The app does not accept an operation (wrong PIN, locked, not allowed). */
  notAccepted: { ja: '受付不可', en: 'not accepted' },
  /** A masked field, shown neutrally: it is protection working, not an input error. */
  masked: { ja: '保護中', en: 'Protected' },
  /** The applicant-facing, redacted printout. Never 申請者控え. */
  applicantCopy: { ja: 'お客様控え', en: 'customer copy' },
  backToStart: { ja: '開始画面に戻る', en: 'Back to the start screen' },
  cancel: { ja: 'やめる', en: 'Cancel' },
} as const;

export type Term = keyof typeof TERMS;
