/**
 * Japanese help for the dev CLI (issue 17): `cli --help` lists the commands, `cli <command> --help` explains one —
 * its usage, every option it takes, and the exit codes, which are the one table the installed app's `--admin`
 * mode prints too (electron/core/admin/exitCodes.ts).
 */
import { exitTableText } from '../core/admin/exitCodes';

const OPTIONS: Record<string, string> = {
  '--data DIR': '保管庫のデータフォルダー',
  '--recovery FILE': '回復キーのファイル（init が書き出したもの、または紙から書き写したもの）',
  '--recovery-out FILE': '新しい回復キーを書き出すファイル（既にあれば上書きしません）',
  '--csv FILE': '住基システムから書き出した CSV（UTF-8 または CP932）',
  '--in FILE': '読み込むファイル（バックアップ・保護リストファイル）',
  '--out FILE': '書き出すファイル（既にあれば上書きしません。フォルダーは先に作成）',
  '--checkpoint FILE': '以前に書き出した確認点のファイル（これと照合します）',
  '--dry-run': '確認のみ（何も変更しません）',
  '--confirm-removals': '支援措置の終了・期間の短縮を含む変更を確定する（内容を確認した上で）',
  '--allow-unknown-columns': '知らない列があっても取り込む（ポリシーが許す場合のみ）',
  '--accept-broken': '監査記録の破損を確認済みとして確認点を作る',
  '--list LIST.csv': '照合に使う保護リスト（CSV）',
  '--queries QUERIES.jsonl': '照会（1行 1件の JSON）',
  '--stats': '読込時間と照合時間の統計を標準エラーに出力',
};

export function commandHelp(name: string, mod: { summary: string; usage?: string }): string {
  const usage = mod.usage ?? name;
  const options = Object.entries(OPTIONS).filter(([o]) => usage.includes(o.split(' ')[0]!));
  return [
    `使い方: npm run -s cli -- ${usage}`,
    `  ${mod.summary}`,
    '',
    ...(options.length ? ['オプション:', ...options.map(([o, ja]) => `  ${o.padEnd(26)}${ja}`), ''] : []),
    '結果は標準出力に JSON 1行（スクリプト用）、日本語の要約と進み具合は標準エラーに出ます（日時は日本時間）。',
    '',
    '終了コード:',
    exitTableText(),
    '',
  ].join('\n');
}

export function commandList(commands: Record<string, string>): string {
  return [
    '使い方: npm run -s cli -- <コマンド> [オプション]   （各コマンドの説明: <コマンド> --help）',
    'usage: npm run -s cli -- <command> [options]      (each command: <command> --help)',
    '',
    'コマンド:',
    ...Object.entries(commands).map(([n, s]) => `  ${n.padEnd(9)}${s}`),
    '',
    '終了コード:',
    exitTableText(),
    '',
  ].join('\n');
}
