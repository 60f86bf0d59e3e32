/** The administration screen's strings (issue 17), registered into i18next so the feature owns its text. */
import { TERMS as T } from '../i18n/terms';
import { registerStrings, type Shape } from '../i18n/register';

export const adminTasksJa = {
  entry: '管理作業（状態・バックアップ・監査記録）',
  title: '管理作業',
  lead: '管理者本人の暗証番号でログインして行います（10分で自動的にログアウトします）。',
  back: T.backToStart.ja,
  login: { title: '管理者のログイン', staffId: '管理者の職員番号', pin: '管理者の暗証番号', submit: 'ログイン', disabled: '職員番号と暗証番号（6桁以上）を入力すると押せます' },
  who: '{{id}}がログイン中（{{until}}まで）',
  status: {
    title: 'この端末の状態', refresh: '最新にする',
    terminal: '端末番号・版', version: 'アプリ', schema: 'データ形式 第{{version}}版', vaultId: '保管庫番号（系統）',
    persons: '保護リストの人数', persons_value: '{{count}}名（第{{version}}版）',
    lastImport: '最終取込', age: '{{days}}日前', today: '今日', never: 'まだありません',
    expiries: '期限', expiries_value: '1か月以内に終了 {{soon}}名、終了済み {{expired}}名、仮支援措置 {{provisional}}名',
    enrolled: '登録済みアカウント', enrolled_value: '{{count}}件',
    staff: '職員', staff_value: '管理者 {{admins}}名・班長 {{leads}}名・窓口担当 {{clerks}}名（ロック中 {{locked}}名）', staff_unlocked: '管理者 {{admins}}名・班長 {{leads}}名・窓口担当 {{clerks}}名',
    policy: '撮影防止ポリシー', policy_value: '{{state}}（第{{revision}}版）',
  },
  policyState: { ok: '有効（承認済み）', missing: 'ファイルなし（厳格な既定値）', unreadable: '読めない（厳格な既定値）', invalid: '形式の誤り（厳格な既定値）', tampered: '改ざんを検出（厳格な既定値）', unverified: '未検証（厳格な既定値）', 'rolled-back': '古い版に戻された（厳格な既定値）' },
  tasks: { title: '作業' },
  verify: { button: '監査記録の検証', ok: '監査記録は改ざんされていません（{{entries}}件、最終 {{last}}番）。', bad: '監査記録に問題があります（{{problems}}件）。最初の問題：{{seq}}番 — {{what}}' },
  checkpoint: { button: '確認点を書き出す', done: '確認点（{{seq}}番）を書き出しました。ファイル：{{file}}／紙の控え：{{paper}}。紙を印刷し、2名で署名して端末の外に保管してください。', cancelled: '保存しませんでした' },
  support: { button: 'サポート用ファイル', done: 'サポート用ファイルを書き出しました：{{file}}（監査記録 {{entries}}件、エラーコード {{codes}}種類。個人の情報は含みません）' },
  backup: {
    title: 'バックアップ', keyHint: 'ログイン中の管理者の暗証番号で作成します。復元には回復キーが必要です。',
    button: 'バックアップを作成する', done: 'バックアップを作成しました（{{persons}}名）：{{file}}',
  },
  restore: {
    title: 'バックアップから復元', text: '復元すると、この端末のすべてのログインが終わり、保管庫を開き直します。失敗したときは元の保管庫のままです。',
    choose: 'バックアップファイルを選ぶ', chosen: '選んだファイル：{{name}}', key: '回復キー（紙に控えたもの）',
    second: '2人目の管理者（支援措置が終わる復元のとき）', secondId: '2人目の職員番号', secondPin: '2人目の暗証番号',
    button: '復元する', disabled: 'バックアップファイルを選び、回復キーを入力すると押せます',
    done: '復元しました（支援措置がなくなった人 {{removed}}名、期間が短くなった人 {{shortened}}名）。保護リスト {{persons}}名。もう一度ログインしてください。',
    update: '保護リストの更新（取込）', export: '保護リストファイルの書出し',
  },
  progress: '実行中… {{step}} / {{steps}}',
};

export const adminTasksEn: Shape<typeof adminTasksJa> = {
  entry: 'Administration (status, backup, audit)',
  title: 'Administration',
  lead: 'Log in with your own administrator PIN (logged out after 10 minutes).',
  back: T.backToStart.en,
  login: { title: 'Administrator login', staffId: 'Administrator staff ID', pin: 'Administrator PIN', submit: 'Log in', disabled: 'Enter a staff ID and a PIN (6 digits or more) first' },
  who: '{{id}} logged in (until {{until}})',
  status: {
    title: 'This terminal', refresh: 'Refresh',
    terminal: 'Terminal, version', version: 'app', schema: 'data format {{version}}', vaultId: 'Vault ID (lineage)',
    persons: 'Protected list', persons_value: '{{count}} (version {{version}})',
    lastImport: 'Last import', age: '{{days}} days ago', today: 'today', never: 'none yet',
    expiries: 'Expiries', expiries_value: 'ending within a month {{soon}}, ended {{expired}}, provisional {{provisional}}',
    enrolled: 'Enrolled accounts', enrolled_value: '{{count}}',
    staff: 'Staff', staff_value: 'admins {{admins}}, leads {{leads}}, clerks {{clerks}} (locked {{locked}})', staff_unlocked: 'admins {{admins}}, leads {{leads}}, clerks {{clerks}}',
    policy: 'Camera policy', policy_value: '{{state}} (revision {{revision}})',
  },
  policyState: { ok: 'in force (approved)', missing: 'no file (strict defaults)', unreadable: 'unreadable (strict defaults)', invalid: 'invalid (strict defaults)', tampered: 'tampered (strict defaults)', unverified: 'unverified (strict defaults)', 'rolled-back': 'rolled back (strict defaults)' },
  tasks: { title: 'Tasks' },
  verify: { button: 'Verify audit log', ok: 'The audit log is intact ({{entries}} entries, last {{last}}).', bad: 'The audit log has {{problems}} problem(s). First: entry {{seq}} — {{what}}' },
  checkpoint: { button: 'Export checkpoint', done: 'Checkpoint {{seq}} exported. File: {{file}}; paper form: {{paper}}. Print it, have two people sign, keep it off the PC.', cancelled: 'not saved' },
  support: { button: 'Support bundle', done: 'Support bundle saved: {{file}} ({{entries}} audit entries, {{codes}} error codes; no personal data)' },
  backup: {
    title: 'Backup', keyHint: 'Made with the logged-in administrator\'s PIN. Restoring it needs the recovery key.',
    button: 'Create a backup', done: 'Backup created ({{persons}} persons): {{file}}',
  },
  restore: {
    title: 'Restore from a backup', text: 'A restore ends every login on this terminal and reopens the vault. If it fails, the vault stays as it was.',
    choose: 'Choose a backup file', chosen: 'Chosen: {{name}}', key: 'Recovery key (from the paper sheet)',
    second: 'Second administrator (when the restore ends a protection)', secondId: 'Second staff ID', secondPin: 'Second PIN',
    button: 'Restore', disabled: 'Choose a backup file and enter the recovery key first',
    done: 'Restored (protections ended {{removed}}, periods shortened {{shortened}}). Protected list: {{persons}}. Log in again.',
    update: 'Update the list', export: 'Export a list file',
  },
  progress: 'Running… {{step}} / {{steps}}',
};

registerStrings('adminTasks', adminTasksJa, adminTasksEn);
