/** Strings of the lead screens (review, audit, incidents), registered into i18next so each feature owns its text. */
import { TERMS as T } from '../i18n/terms';
import { registerStrings, type Shape } from '../i18n/register';

export const leadsJa = {
  nav: { title: '班長の業務', review: '月次点検', audit: '監査記録', incident: '事故記録', back: T.backToStart.ja },
  overview: {
    overdueReview: '{{month}}の月次点検が期限（翌月7日）を過ぎています',
    dueReview: '{{month}}の月次点検を今週中に行ってください',
    reconfirm: 'ルールの再確認が済んでいない職員: {{count}}名',
    reconfirmOverdue: '今月のルール再確認が遅れています（{{count}}名）',
    brokenChain: '監査記録の破損・異常を検出しました（{{count}}件、最初: {{seq}}番）。2名で確認するまで表示され、表示の申請と保護リストの取込は停止します。',
    pinAlert: 'この端末で暗証番号の誤りが続いています（15分間に{{count}}回、複数の職員番号）。職員をロックさせようとしている可能性があります。班長に知らせてください。',
    clock: '{{id}} {{kind}}: 残り {{left}}（{{day}}日目）',
    clockOverdue: '{{id}} {{kind}}: 期限を{{left}}過ぎています',
    nothing: '期限の近い点検・報告はありません。',
  },
  kind: { sokuho: '速報', kakuho: '確報' },
  left: { days: '{{d}}日{{h}}時間', hours: '{{h}}時間{{m}}分' },
  two: { lead: '班長（1人目）', second: '確認者（2人目）', staffId: '職員番号', pin: '暗証番号', hint: '2人がそれぞれ自分の職員番号と暗証番号を入力します。同じ人は2回入力できません。' },
  review: {
    title: '月次点検', month: '対象月', load: '表示', monthLabel: '{{y}}年{{m}}月',
    counts: 'この月の件数', chart: '日ごとの件数', anomalies: '確認が必要な点', noAnomaly: '特に確認が必要な点はありません。',
    releases: '一時解除（1件ずつ）', releaseHead: { recordId: '管理番号', grantedAt: '承認', endsAt: '終了予定', endedAt: '終了', cause: '終わり方' },
    releaseOpen: 'まだ終わっていません',
    releaseCause: { expired: '時間どおり', 'ended-early': '班長が早めに終了', 'clock-back': '時計の巻き戻しで終了', monotonic: '経過時間で終了', tampered: '記録の書き換えで終了', stopped: '端末の停止で終了' },
    c: {
      unmaskRequested: '表示の申請', unmaskApproved: '表示の承認', unmaskRefused: '表示の却下', unmaskExpired: '申請の期限切れ',
      aitekataAlarms: '相手方の警報', otherAlarms: 'その他の警告（新本籍の地番など）', photoRequests: '撮影の求め', phoneRefusals: '電話でのお断り', releasesGranted: '一時解除', pinFailures: '暗証番号の誤り',
      pinLocks: '暗証番号ロック', imports: '保護リストの取込', removalsConfirmed: '削除・期間短縮の確認', recordsEnded: '支援措置の終了',
      lookups: '照合・参照', lookupLimits: '照合回数の上限による受付不可', liveMatches: '入力中の照合（件数のみ）', incidents: '事故記録', chainBreaks: '監査記録の破損',
    },
    a: {
      'unmask-outside-hours': '{{at}}、執務時間外の表示（{{actors}}）',
      'lookup-outlier': '{{staffId}}の照合・参照が{{lookups}}件（職員の中央値{{median}}件の3倍超）',
      'repeated-refusals': '{{staffId}}の表示の申請の却下が{{refusals}}件',
    },
    legend: { total: 'すべて', unmask: '表示', refusal: '却下', alarm: '警報' },
    signTitle: '点検の承認（2名）', sign: 'この内容で承認する', signDisabled: '今月の点検は、月が終わってから承認できます', signed: '{{at}}に{{lead}}と{{second}}が承認しました',
    hash: '報告の指紋', reconTitle: '5つのルールの再確認（{{month}}）', reconDone: '確認済 {{at}}', reconNot: '未確認', reconfirm: '自分の暗証番号で再確認',
  },
  audit: {
    title: '監査記録', from: '開始日', to: '終了日', actor: '職員番号', action: '操作', anyAction: 'すべての操作', record: '管理番号',
    search: '検索', csv: 'CSV で保存', html: '印刷用（PDF）で保存', saved: '{{rows}}件を保存しました: {{location}}',
    verify: '改ざんがないか検証', verifyOk: '改ざんは見つかりませんでした（{{entries}}件、最終{{last}}番）。', verifyBad: '監査記録に問題があります',
    ack: '2名で破損を確認', acked: '確認を記録しました。',
    h: { seq: '番号', at: '日時', actors: '職員', action: '操作', targets: '対象', detail: '詳細' }, none: '該当する記録はありません。',
  },
  incident: {
    title: '事故記録（個人情報の漏えい等）', list: '記録中の事故', none: '記録された事故はありません。', create: '新しい事故を記録',
    discoveredAt: '事故を知った日時（報告期限の起点）', disclosedAt: '開示・漏えいした日時', what: '何を開示したか', toWhom: '誰に',
    how: 'どのように（口頭・書面・撮影など）', improper: '不正の目的のおそれがある（確報は60日以内）', recordIds: '関係する管理番号（カンマ区切り）',
    save: '記録する（班長の暗証番号）', saved: '{{id}}を記録しました。',
    correction: '訂正の記録', contact: '本人への連絡の記録', method: '連絡方法', text: '内容', add: '追加',
    markSokuho: '速報を提出した', markKakuho: '確報を提出した', done: '提出済',
    clocks: '報告期限', contacts: '本人への連絡{{n}}件', corrections: '訂正{{n}}件', warnNote: '速報は3日目から注意、5日以内に。確報は30日以内（不正の目的のおそれがあれば60日）。',
    state: { ok: '期限内', warning: '注意', overdue: '期限超過', done: '提出済' },
    over: '{{left}}超過', due: '期限',
  },
};

export const leadsEn: Shape<typeof leadsJa> = {
  nav: { title: 'Team lead', review: 'Monthly review', audit: 'Audit log', incident: 'Incidents', back: T.backToStart.en },
  overview: {
    overdueReview: 'The monthly review for {{month}} is overdue (due by the 7th of the next month)',
    dueReview: 'Hold the monthly review for {{month}} this week',
    reconfirm: 'Staff who have not re-confirmed the rules: {{count}}',
    reconfirmOverdue: 'This month’s re-confirmation is late ({{count}} staff)',
    brokenChain: 'The audit log has been damaged ({{count}} problem(s), the first at entry {{seq}}). This stays here until two people acknowledge it. Until then, unmasking and list imports are stopped.',
    pinAlert: 'Repeated wrong PINs on this terminal ({{count}} in 15 minutes, across staff numbers). Someone may be trying to lock staff out. Tell the team lead.',
    clock: '{{id}} {{kind}}: {{left}} left (day {{day}})',
    clockOverdue: '{{id}} {{kind}}: overdue by {{left}}',
    nothing: 'No review or report is due soon.',
  },
  kind: { sokuho: 'preliminary report', kakuho: 'final report' },
  left: { days: '{{d}} days {{h}} hours', hours: '{{h}} hours {{m}} minutes' },
  two: { lead: 'Team lead (first)', second: 'Second person', staffId: 'Staff ID', pin: 'PIN', hint: 'Two different people each enter their own staff ID and PIN.' },
  review: {
    title: 'Monthly review', month: 'Month', load: 'Show', monthLabel: '{{y}}-{{m}}',
    counts: 'Counts for the month', chart: 'Events per day', anomalies: 'Worth a question', noAnomaly: 'Nothing unusual.',
    releases: 'Temporary releases (one by one)', releaseHead: { recordId: 'Record ID', grantedAt: 'Granted', endsAt: 'Due to end', endedAt: 'Ended', cause: 'How it ended' },
    releaseOpen: 'Not ended yet',
    releaseCause: { expired: 'On time', 'ended-early': 'Ended early by a lead', 'clock-back': 'Ended: clock set back', monotonic: 'Ended: time elapsed', tampered: 'Ended: record altered', stopped: 'Ended: terminal stopped' },
    c: {
      unmaskRequested: 'Requests to view', unmaskApproved: 'Requests approved', unmaskRefused: 'Requests refused', unmaskExpired: 'Requests expired',
      aitekataAlarms: 'Perpetrator (相手方) alarms', otherAlarms: 'Other warnings (new domicile lot, etc.)', photoRequests: 'Photo requests', phoneRefusals: 'Phone refusals', releasesGranted: 'Temporary releases', pinFailures: 'Wrong PINs',
      pinLocks: 'PIN locks', imports: 'List imports', removalsConfirmed: 'Removals confirmed', recordsEnded: 'Protection ended',
      lookups: 'Lookups', lookupLimits: 'Lookups refused at the limit', liveMatches: 'Live matches while typing (count only)', incidents: 'Incidents', chainBreaks: 'Audit log damage',
    },
    a: {
      'unmask-outside-hours': '{{at}} unmask outside office hours ({{actors}})',
      'lookup-outlier': '{{staffId}}: {{lookups}} lookups (over 3× the median {{median}})',
      'repeated-refusals': '{{staffId}}: {{refusals}} refused unmask requests',
    },
    legend: { total: 'All', unmask: 'Unmask', refusal: 'Refused', alarm: 'Alarm' },
    signTitle: 'Sign-off (two people)', sign: 'Sign off this report', signDisabled: 'A month can be signed off once it has ended', signed: 'Signed off by {{lead}} and {{second}} at {{at}}',
    hash: 'Report fingerprint', reconTitle: 'Re-confirmation of the five rules ({{month}})', reconDone: 'Confirmed {{at}}', reconNot: 'Not yet', reconfirm: 'Re-confirm with my PIN',
  },
  audit: {
    title: 'Audit log', from: 'From', to: 'To', actor: 'Staff ID', action: 'Action', anyAction: 'All actions', record: 'Record ID',
    search: 'Search', csv: 'Save CSV', html: 'Save printable (PDF)', saved: 'Saved {{rows}} rows: {{location}}',
    verify: 'Verify integrity', verifyOk: 'No tampering found ({{entries}} entries, last {{last}}).', verifyBad: 'The audit log has a problem',
    ack: 'Acknowledge (two people)', acked: 'Acknowledgement recorded.',
    h: { seq: 'No.', at: 'Time', actors: 'Staff', action: 'Action', targets: 'Targets', detail: 'Detail' }, none: 'No matching entries.',
  },
  incident: {
    title: 'Incidents (personal data leaks)', list: 'Recorded incidents', none: 'No incidents recorded.', create: 'Record a new incident',
    discoveredAt: 'When the town became aware (starts the clock)', disclosedAt: 'When it was disclosed', what: 'What was disclosed', toWhom: 'To whom',
    how: 'How (spoken, paper, photographed …)', improper: 'Improper purpose suspected (final report within 60 days)', recordIds: 'Record IDs concerned (comma-separated)',
    save: 'Record (team lead PIN)', saved: 'Recorded {{id}}.',
    correction: 'Record a correction', contact: 'Record contact with the person', method: 'How', text: 'What', add: 'Add',
    markSokuho: 'Preliminary report filed', markKakuho: 'Final report filed', done: 'Filed',
    clocks: 'Report deadlines', contacts: '{{n}} contact(s)', corrections: '{{n}} correction(s)', warnNote: 'Preliminary report: caution from day 3, within 5 days. Final report within 30 days (60 with an improper purpose).',
    state: { ok: 'On time', warning: 'Caution', overdue: 'Overdue', done: 'Filed' },
    over: '{{left}} overdue', due: 'due',
  },
};

registerStrings('leads', leadsJa, leadsEn);
