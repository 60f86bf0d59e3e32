/** Strings of the fleet screens (issues 18, 19): the list's age, the drop folder, the station and the fleet review. */
import { TERMS as T } from '../i18n/terms';
import { registerStrings } from '../i18n/register';

export const fleetJa = {
  title: '配布と端末',
  nav: '配布と端末',
  age: {
    line: '保護リスト：第{{version}}版（住基データ {{date}}時点、{{days}}日前）',
    lineUnknown: '保護リスト：第{{version}}版（住基データの日付が不明）',
    section: '保護リストの版と作成日',
    none: '保護リストの版がまだ分かりません。',
    hash: '内容の確認値',
    stale: '保護リストが古い可能性があります（住基データから{{days}}日。上限は{{limit}}日）。照合に最新の支援措置が入っていないおそれがあります。班長に知らせてください。',
    staleUnknown: '保護リストの作成日が分かりません。照合に最新の支援措置が入っていないおそれがあります。班長に知らせてください。',
    leadRequired: '保護リストが{{limit}}日を超えて古いため、受付を始めるには班長の確認（暗証番号）が必要です。',
    leadOpen: '班長が確認して受付を始める',
  },
  mode: { single: 'この PC のみ（配布なし）', station: '本部（配布元）', terminal: '窓口端末' },
  state: {
    current: '最新の版です', updated: '新しい版を適用しました', 'pending-confirmation': '支援措置を終える変更が、2名の確認を待っています',
    'rolled-back': '巻き戻しを検出したため停止中です', retired: 'この端末は廃止されています', refused: '配布フォルダーの内容を受け付けませんでした',
    single: '配布は使っていません', station: '本部として動いています', 'not-enrolled': 'まだ配布フォルダーを確認していません',
  },
  facts: { mode: 'この PC の役割', terminal: '端末番号', state: '状態', lastCheck: '最後の確認', lastSegment: '最後の監査記録区間', dropDir: '配布フォルダー' },
  stick: { title: 'USB メモリに書き出す（配布フォルダーに届かない PC）', folder: 'USB メモリのフォルダー', hint: 'ドライブから始まる場所（例：E:\\監査記録）。書き出した区間は、管理者が本部の配布フォルダーの中の「segments」フォルダーにコピーします。次の区間はその続きから始まります。', write: 'USB メモリに書き出す', why: 'フォルダーを入力すると押せます', busy: '書き出しています' },
  checkNow: '今すぐ配布フォルダーを確認', writeSegment: '監査記録の区間を書き出す', segmentWritten: '{{from}}番から{{to}}番までを書き出しました。', segmentNone: '新しい記録はありません。',
  pending: {
    title: '支援措置を終える変更（2名の確認が必要）',
    summary: '第{{version}}版：追加 {{added}}件・変更 {{changed}}件・終了 {{removed}}件・期間の短縮 {{shortened}}件',
    ids: '終了・短縮する管理番号', idsHidden: '管理番号は班長または管理者のログイン中だけ表示します。',
    confirm: 'この内容で適用する（班長を含む2名）',
  },
  hold: { title: '表示と取込を停止しています', body: '班長と管理者の2名が原因を確かめてから解除してください。解除すると、配布フォルダーの最新の版を改めて適用します。', lead: '班長', admin: '管理者', clear: '停止を解除する' },
  config: {
    title: 'この PC の役割（管理者2名）', mode: '役割', dropDir: '配布フォルダーの場所', recovery: '回復キー（窓口端末として登録する場合）', save: '設定する',
    rootSheet: '初期設定の回復キー（鍵の作り直しの後だけ）', rootSheetHint: '保管庫の鍵を作り直した後に窓口端末を登録するときだけ、作り直す前の回復キー（保管している用紙）を入力します。配布フォルダーの最初の署名をそのキーで確かめます。作り直していなければ空欄のままにします。',
    hint: '役割の変更は、管理者2名（別々の人）がそれぞれの職員番号と暗証番号で行います。', first: '管理者（1人目）', second: '管理者（2人目・別の人）',
    needTwo: '管理者2名の職員番号と暗証番号を入力してください', sameTwice: '2人目には1人目と別の管理者が入力してください',
  },
  station: {
    title: '本部：端末と監査記録', overdueTitle: '監査記録が届いていない端末（{{days}}日を超過）', overdueNone: 'すべての端末から期限内に届いています。',
    overdueLine: '{{terminal}}：最後に受け付けた日 {{at}}', overdueNever: '{{terminal}}：まだ受け付けた記録がありません',
    terminals: '端末', acked: '確認済みの記録', imports: '最近取り込んだ区間', import: '配布フォルダーから区間を取り込む',
    ok: '受付', refused: '受付不可', kind: { gap: '欠落', fork: '分岐', 'older-head': '巻き戻し', edited: '改ざん', signature: '署名鍵の不一致', retired: '廃止端末', format: '形式の誤り' },
    notCreated: '端末パッケージはまだ配布していません（管理者2名で配布フォルダーを作成します）。', importedAt: '取り込んだ日時', range: '{{from}}〜{{to}}番', entries: '記録の番号', version: '配布した版：第{{version}}版', retired: '廃止した端末：{{list}}',
  },
  review: {
    scope: '点検の範囲', one: 'この PC', fleet: '全端末', filter: '表示する端末',
    terminalsTitle: '端末ごとの件数', total: '合計', entries: '記録数', upTo: '受付済み（番まで）',
    staffTitle: '照合・参照が多い職員（全端末の合計）', staffNone: '目立つ職員はいません。', staffLine: '{{staff}}：合計{{n}}件（職員の中央値は{{median}}件）。内訳：', staffWhere: '{{terminal}} {{n}}件', outlier: '多い',
    incidents: '事故記録（全端末）', incidentsNone: '事故記録はありません。', reconf: 'ルールの再確認（全端末）', reconfNone: '再確認の記録はありません。',
    overdue: '監査記録が揃っていない端末：{{list}}。承認するには、その理由の記録が必要です。', reason: '記録が揃っていない理由',
    sign: 'この内容で承認する', covers: '承認の範囲（端末ごとの監査記録）：', signed: '{{lead}}と{{second}}が承認しました（{{at}}）。範囲：', signedReason: '記録が揃っていなかった理由：{{reason}}',
    anomalyIn: '{{terminal}}：',
    col: { lookups: '照合・参照', unmaskApproved: '表示承認', unmaskRefused: '表示却下', aitekataAlarms: '相手方', photoRequests: '撮影の求め', pinFailures: '暗証番号誤り', incidents: '事故', chainBreaks: '記録の破損' },
    coverageItem: '{{terminal}}（{{seq}}番まで）',
  },
  back: T.backToStart.ja,
};

export const fleetEn = {
  title: 'Fleet and terminals',
  nav: 'Fleet',
  age: {
    line: 'List: version {{version}} (住基 export of {{date}}, {{days}} days ago)',
    lineUnknown: 'List: version {{version}} (export date unknown)',
    section: 'List version and age',
    none: 'The list version is not known yet.',
    hash: 'Content hash',
    stale: 'The list may be out of date ({{days}} days since the 住基 export; the limit is {{limit}}). Recent protections may be missing from matching. Tell a lead.',
    staleUnknown: 'The list’s export date is unknown. Recent protections may be missing from matching. Tell a lead.',
    leadRequired: 'The list is more than {{limit}} days old: a lead must confirm with their PIN before a case opens.',
    leadOpen: 'Lead confirms and opens the case',
  },
  mode: { single: 'This PC only (no fleet)', station: 'Station', terminal: 'Counter terminal' },
  state: {
    current: 'Up to date', updated: 'A new version was applied', 'pending-confirmation': 'Changes that end protection wait for two people',
    'rolled-back': 'Stopped: rollback detected', retired: 'This terminal is retired', refused: 'The drop folder was refused',
    single: 'No fleet in use', station: 'Running as the station', 'not-enrolled': 'The drop folder has not been checked yet',
  },
  facts: { mode: 'Role of this PC', terminal: 'Terminal id', state: 'State', lastCheck: 'Last check', lastSegment: 'Last audit segment', dropDir: 'Drop folder' },
  stick: { title: 'Write to a USB stick (a PC the drop folder does not reach)', folder: 'Folder on the USB stick', hint: 'A full path starting with the drive (e.g. E:\\audit). An administrator copies the segment into the “segments” folder inside the station drop folder; the next segment continues from it.', write: 'Write to the USB stick', why: 'Type a folder first', busy: 'Writing' },
  checkNow: 'Check the drop folder now', writeSegment: 'Write the audit segment', segmentWritten: 'Wrote entries {{from}} to {{to}}.', segmentNone: 'Nothing new to write.',
  pending: {
    title: 'Changes that end protection (two people)',
    summary: 'Version {{version}}: {{added}} added, {{changed}} changed, {{removed}} ended, {{shortened}} shortened',
    ids: 'Record IDs ended or shortened', idsHidden: 'Record IDs are shown only while a lead or administrator is logged in.',
    confirm: 'Apply (two people, one a lead)',
  },
  hold: { title: 'Unmasking and imports are stopped', body: 'A lead and an administrator must look at the cause, then lift the hold. The newest version in the drop folder is applied again.', lead: 'Lead', admin: 'Administrator', clear: 'Lift the hold' },
  config: {
    title: 'Role of this PC (two administrators)', mode: 'Role', dropDir: 'Drop folder', recovery: 'Recovery key (to enrol a terminal)', save: 'Save',
    rootSheet: 'First recovery key (only after a re-key)', rootSheetHint: 'Only when enrolling a terminal after the vault\'s keys were re-made: the recovery key from before the re-key (the sheet you kept). The drop folder\'s first signature is checked with it. Leave empty otherwise.',
    hint: 'Two different administrators change the role, each with their own staff id and PIN.', first: 'Administrator (first)', second: 'Administrator (second, another person)',
    needTwo: 'Enter both administrators\' staff ids and PINs', sameTwice: 'The second administrator must be another person',
  },
  station: {
    title: 'Station: terminals and audit segments', overdueTitle: 'Terminals with no audit segment (over {{days}} days)', overdueNone: 'Every terminal has sent one in time.',
    overdueLine: '{{terminal}}: last accepted {{at}}', overdueNever: '{{terminal}}: nothing accepted yet',
    terminals: 'Terminal', acked: 'Acknowledged entry', imports: 'Recently imported segments', import: 'Import segments from the drop folder',
    ok: 'Accepted', refused: 'Refused', kind: { gap: 'Gap', fork: 'Fork', 'older-head': 'Rolled back', edited: 'Edited', signature: 'Signing key differs', retired: 'Retired terminal', format: 'Bad format' },
    notCreated: 'No terminal package released yet (two administrators create the drop folder).', importedAt: 'Imported at', range: '{{from}}–{{to}}', entries: 'Entries', version: 'Released: version {{version}}', retired: 'Retired: {{list}}',
  },
  review: {
    scope: 'Scope', one: 'This PC', fleet: 'All terminals', filter: 'Terminal shown',
    terminalsTitle: 'Counts per terminal', total: 'Total', entries: 'Entries', upTo: 'Covered up to',
    staffTitle: 'Staff with many lookups (all terminals together)', staffNone: 'Nobody stands out.', staffLine: '{{staff}}: {{n}} in total (the median is {{median}}). By terminal: ', staffWhere: '{{terminal}} {{n}}', outlier: 'high',
    incidents: 'Incidents (all terminals)', incidentsNone: 'No incidents.', reconf: 'Rule re-confirmations (all terminals)', reconfNone: 'No re-confirmations.',
    overdue: 'Terminals with missing audit records: {{list}}. Record why before signing off.', reason: 'Why records are missing',
    sign: 'Sign off', covers: 'Covers (each terminal’s audit records):', signed: 'Signed off by {{lead}} and {{second}} ({{at}}). Covers:', signedReason: 'Why records were missing: {{reason}}',
    anomalyIn: '{{terminal}}: ',
    col: { lookups: 'Lookups', unmaskApproved: 'Unmasked', unmaskRefused: 'Refused', aitekataAlarms: '相手方', photoRequests: 'Photo asked', pinFailures: 'Wrong PINs', incidents: 'Incidents', chainBreaks: 'Log damage' },
    coverageItem: '{{terminal}} (up to {{seq}})',
  },
  back: T.backToStart.en,
};

registerStrings('fleet', fleetJa, fleetEn);
