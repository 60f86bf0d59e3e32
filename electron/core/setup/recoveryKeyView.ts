/**
 * The recovery key as people handle it: shown once in large groups, printed on a sheet made in main, and
 * confirmed by re-typing its last two groups (proof that the copy in the safe is readable, without making
 * IT type all 36 characters). The comparison accepts what parseRecoveryKey accepts: case, spaces, I/L/O.
 */
const tidy = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');

export function keyGroups(recoveryKey: string): string[] {
  return recoveryKey.split('-');
}

export function confirmsLastGroups(recoveryKey: string, typed: string): boolean {
  const groups = keyGroups(recoveryKey);
  return tidy(typed) === tidy(groups.slice(-2).join(''));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The printable sheet: HTML with no script, printed by main (never saved by the app). */
export function recoverySheetHtml(recoveryKey: string, opts: { createdAt: Date; terminalLabel: string }): string {
  const stamp = opts.createdAt.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
  const groups = keyGroups(recoveryKey).map((g) => `<span>${esc(g)}</span>`).join('<i>-</i>');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>窓口シールド 回復キー</title><style>
body{font-family:'Noto Sans CJK JP','Yu Gothic','Meiryo',sans-serif;font-size:11pt;margin:18mm;color:#000}
h1{font-size:18pt;margin:0 0 4mm}.key{font-family:'Noto Sans Mono CJK JP','Consolas',monospace;font-size:20pt;letter-spacing:.08em;border:2px solid #000;padding:6mm;margin:8mm 0;text-align:center}
.key span{display:inline-block;margin:0 1mm}.key i{font-style:normal;color:#555}ul{line-height:1.7}td,th{border:1px solid #000;padding:2mm 3mm;text-align:left}table{border-collapse:collapse;margin-top:6mm}
</style></head><body>
<h1>窓口シールド 回復キー（CounterShield recovery key）</h1>
<p>作成日時：${esc(stamp)}　端末：${esc(opts.terminalLabel || '（名称未設定）')}</p>
<div class="key">${groups}</div>
<ul>
<li>このキーは<strong>一度だけ</strong>表示・印刷されます。アプリは保存しません。紛失すると、別の端末の登録・バックアップからの復元・保護リストファイルの作成ができなくなります。</li>
<li>金庫など施錠できる場所に保管し、撮影・コピー・メール送信はしないでください。</li>
<li>使う場面：端末登録（別の PC・別の Windows アカウント）、バックアップと復元、保護リストファイルの書出し、暗証番号を忘れた班長の再設定。</li>
</ul>
<table><tr><th>保管者</th><td style="width:60mm"></td><th>保管場所</th><td style="width:60mm"></td></tr>
<tr><th>確認者</th><td></td><th>確認日</th><td></td></tr></table>
</body></html>`;
}
