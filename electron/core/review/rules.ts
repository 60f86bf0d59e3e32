/**
 * The five rules every staff member re-confirms each month (SPEC F11). Each answers one cause in the town's
 * own report of the 2023 incident (SPEC "Why it exists"), in the words a clerk uses at the counter.
 */
export interface Rule { readonly id: string; readonly ja: string; readonly en: string; readonly cause: string }

export const FIVE_RULES: readonly Rule[] = [
  {
    id: 'no-fill-in',
    ja: '支援措置対象者の住所等を、空欄の補記や確認のためであっても、届書・請求書に書き込まず、届出人・請求者にも見せない。',
    en: 'Never write a protected person’s address onto a form, not even to fill a blank, and never show it to the person at the counter.',
    cause: 'the clerk filled a blank with protected information and showed it',
  },
  {
    id: 'no-photo',
    ja: '窓口の書類・画面の撮影は、誰に求められても断る。断った事実は「撮影をお断りする」ボタンで記録する。',
    en: 'Refuse every request to photograph documents or the screen, and record it with “Decline a photo”.',
    cause: 'photographing official documents was allowed',
  },
  {
    id: 'family-too',
    ja: '家族・親族であっても、相手方でなくても、支援措置対象者の住所等は開示しない。',
    en: 'Family members are no exception: disclose nothing, whether or not they are the registered 相手方.',
    cause: '"the applicant is family, not the 相手方, so it is fine"',
  },
  {
    id: 'never-alone',
    ja: '支援措置に関わる判断は一人でしない。必ず班長の承認を得る。届出人・請求者を待たせることは正しい対応である。',
    en: 'Never decide a protected case alone: the team lead approves. Making the person at the counter wait is correct.',
    cause: 'one person decided alone in a special case',
  },
  {
    id: 'report-at-once',
    ja: '誤って開示した・誤った情報を伝えたと気づいたら、直ちに班長へ報告し、本人への連絡と訂正を先送りしない。',
    en: 'If something was disclosed or wrong information was given, tell the lead at once; contact and correction are never postponed.',
    cause: 'wrong information told to the protected person, 3 weeks without contact',
  },
];
