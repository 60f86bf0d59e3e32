/**
 * `CounterShield.exe --admin <task> …` as plain Node (issue 17): parse, ask for PINs on the console, run the task
 * from tasks.ts, and say the outcome — a Japanese summary by default, one JSON object with --json — with an exit
 * code from exitCodes.ts. electron/app/adminMode.ts only supplies the platform (safeStorage, paths, stdin, where
 * output goes); the whole behaviour lives here so unit tests and the stand-in test drive the same code.
 */
import { toErrorInfo, type AppErrorInfo } from '../../../shared/errors';
import { knownFailure } from '../vault/failure';
import { readRecoveryKeyText } from '../vault/recoveryKey';
import type { AdminEnv } from './access';
import type { AdminCredential } from './auth';
import { adminErrors } from './errors';
import { ADMIN_EXIT, adminExitCodeOf, exitTableText } from './exitCodes';
import { writeFile } from 'node:fs/promises';
import { checkNewOutput, readInputFile } from './files';
import { printableCheckpointHtml } from './paper';
import { backupTask, bundleExportTask, bundleImportTask, checkpointTask, restoreTask, statusTask, supportTask, verifyTask, type AdminPeople } from './tasks';
import { policySignTask } from './policySign';
import { rekeyTask } from './rekeyTask';
import { rekeyText } from './rekeyText';
import { recoverySheetHtml } from '../setup/recoveryKeyView';
import { bundleImportText, jst, paperCheckpoint, restoreText, statusText, supportText, verifyText } from './text';

export interface AdminIo {
  /** Reads one line from the console (stdin) after showing the prompt on stderr; '' at end of input. */
  readSecret(prompt: string): Promise<string>;
  platform: string;
  /** Renders a page made in main to PDF (the installed app: Electron's printToPDF); absent = no `--paper`. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
}

export interface AdminRun {
  code: number;
  /** The report: the Japanese summary, or one JSON line with --json. */
  output: string;
}

interface TaskSpec {
  summary: string;
  usage: string;
  /** How many administrators must type their PIN (0: the OS account's slot is enough). */
  people: 0 | 1;
  /** Who the --second person is, as the PIN prompt names them (default 2人目の管理者). */
  second?: string;
  run(env: AdminEnv, people: AdminPeople, a: Parsed, io: AdminIo): Promise<{ json: unknown; text: string; code?: number }>;
}

interface Parsed { task: string; json: boolean; out?: string; values: Map<string, string>; flags: Set<string> }

const fileOf = (a: Parsed): string => {
  const f = a.values.get('file');
  if (!f) throw adminErrors.usage('--file FILE が必要です / --file FILE is required');
  return f;
};

async function recoveryFrom(a: Parsed): Promise<string | undefined> {
  const f = a.values.get('recovery');
  return f ? readRecoveryKeyText((await readInputFile(f)).toString('utf8')) : undefined;
}

export const ADMIN_TASKS: Record<string, TaskSpec> = {
  status: {
    summary: '状態（人数・保護リストの版と経過日数・期限・登録アカウント・端末番号・版）', usage: 'status', people: 0,
    run: async (env) => {
      const s = await statusTask(env);
      return { json: s, text: statusText(s) };
    },
  },
  verify: {
    summary: '監査記録の検証（最初の問題の番号を表示）', usage: 'verify [--checkpoint FILE]', people: 0,
    run: async (env, _p, a) => {
      const cp = a.values.get('checkpoint');
      const v = await verifyTask(env, cp ? { checkpointFile: cp } : {});
      return { json: { ok: v.result.ok, entries: v.result.entries, lastSeq: v.result.lastSeq, problems: v.result.problems.length, firstBad: v.firstBad }, text: verifyText(v), ...(!v.result.ok && { code: ADMIN_EXIT.auditBroken }) };
    },
  },
  checkpoint: {
    summary: '監査記録の確認点を書き出し、紙の控え（--paper で PDF）を作成', usage: 'checkpoint --file FILE [--paper PAPER.pdf] [--accept-broken]', people: 1,
    run: async (env, p, a, io) => {
      const paperFile = a.values.get('paper');
      // Checked before anything is signed: a refused paper file must not leave a checkpoint without its form.
      if (paperFile) {
        if (!io.renderPdf) throw adminErrors.usage('この実行環境では紙の控え（PDF）を作成できません / --paper is not available here');
        await checkNewOutput(paperFile);
      }
      const r = await checkpointTask(env, p, { outFile: fileOf(a), acceptBroken: a.flags.has('accept-broken') });
      const paper = paperCheckpoint(r.checkpoint);
      if (paperFile) await writeFile(paperFile, await io.renderPdf!(printableCheckpointHtml(paper)), { flag: 'wx', mode: 0o600 });
      const paperLine = paperFile ? `紙の控え（PDF）：${paperFile} — 印刷し、2名で署名して端末の外に保管してください。\n` : '';
      return { json: { checkpoint: r.checkpoint, file: fileOf(a), ...(paperFile && { paper: paperFile }) }, text: `確認点を書き出しました：${fileOf(a)}\n${paperLine}\n${paper}` };
    },
  },
  backup: {
    summary: '暗号化バックアップを作成（管理者の暗証番号で作成。復元には回復キーが必要）', usage: 'backup --file FILE [--recovery KEYFILE]', people: 1,
    run: async (env, p, a) => {
      const key = await recoveryFrom(a);
      const r = await backupTask(env, p, { outFile: fileOf(a), ...(key && { recoveryKey: key }) });
      return { json: { file: fileOf(a), ...r }, text: `バックアップを作成しました：${fileOf(a)}（${r.persons}名、${jst(r.createdAt)}）\n` };
    },
  },
  restore: {
    summary: 'バックアップから復元（支援措置が終わる場合は管理者 2名）', usage: 'restore --file FILE --recovery KEYFILE [--second STAFF_ID]', people: 1,
    run: async (env, p, a) => {
      const key = await recoveryFrom(a);
      const r = await restoreTask(env, p, { inFile: fileOf(a), ...(key && { recoveryKey: key }) });
      return { json: r, text: restoreText(r) };
    },
  },
  'bundle-export': {
    summary: '保護リストファイル（暗号化・署名付き）の書き出し（管理者の暗証番号。封印項目のため班長の暗証番号も）', usage: 'bundle-export --file FILE [--second STAFF_ID] [--recovery KEYFILE]', people: 1, second: '班長',
    run: async (env, p, a) => {
      const key = await recoveryFrom(a);
      const r = await bundleExportTask(env, p, { outFile: fileOf(a), ...(key && { recoveryKey: key }) });
      return { json: { file: fileOf(a), ...r }, text: `保護リストファイルを書き出しました：${fileOf(a)}（${r.persons}名、${jst(r.createdAt)}）\n` };
    },
  },
  'bundle-import': {
    summary: '保護リストファイルの取込（初回の取込を含む。削除・期間短縮は管理者 2名）', usage: 'bundle-import --file FILE [--dry-run] [--second STAFF_ID]', people: 1,
    run: async (env, p, a) => {
      const r = await bundleImportTask(env, p, { inFile: fileOf(a), dryRun: a.flags.has('dry-run') });
      const { planHash: _h, ...summary } = r.summary;
      return { json: { ...r, summary }, text: bundleImportText(r) };
    },
  },
  'policy-sign': {
    summary: '配布用の撮影防止ポリシーに署名（管理者 2名。同じ系統の全端末で有効）', usage: 'policy-sign --in DRAFT.json --file policy.json --second STAFF_ID', people: 1,
    run: async (env, p, a) => {
      const draft = a.values.get('in');
      if (!draft) throw adminErrors.usage('--in DRAFT.json（ポリシーの下書き）が必要です / --in DRAFT.json is required');
      const r = await policySignTask(env, p, { draftFile: draft, outFile: fileOf(a) });
      return { json: { file: fileOf(a), revision: r.revision, policyHash: r.policyHash }, text: `配布用ポリシー（第${r.revision}版）に署名しました：${fileOf(a)}\n  各端末の ${env.policyPath ?? 'policy.json'} の場所に置いてください（本庁の PC を含む）。次の起動から有効です。\n` };
    },
  },
  rekey: {
    summary: '保管庫の鍵の作り直し（新しい回復キー・データ鍵。管理者 2名と今の回復キー。他の端末・アカウントは登録し直し）', usage: 'rekey --recovery KEYFILE --second STAFF_ID [--paper PAPER.pdf]', people: 1,
    run: async (env, p, a, io) => {
      const paperFile = a.values.get('paper');
      // Checked before anything changes: the new key must reach paper once, or at least the console.
      if (paperFile) {
        if (!io.renderPdf) throw adminErrors.usage('この実行環境では回復キーの印刷（PDF）を作成できません / --paper is not available here');
        await checkNewOutput(paperFile);
      }
      const key = await recoveryFrom(a);
      const r = await rekeyTask(env, p, { ...(key && { recoveryKey: key }) });
      if (paperFile) await writeFile(paperFile, await io.renderPdf!(recoverySheetHtml(r.recoveryKey, { createdAt: env.clock(), terminalLabel: env.terminalId })), { flag: 'wx', mode: 0o600 });
      return { json: r, text: rekeyText(r, paperFile) };
    },
  },
  support: {
    summary: 'ベンダー向けサポート用ファイル（版・設定・エラーコードと件数。個人の情報なし）', usage: 'support --file FILE', people: 1,
    run: async (env, p, a, io) => {
      const b = await supportTask(env, p, { outFile: fileOf(a), platform: io.platform });
      return { json: b, text: supportText(b, fileOf(a)) };
    },
  },
};

const VALUES = new Set(['out', 'file', 'in', 'recovery', 'checkpoint', 'by', 'second', 'paper']);
const FLAGS = new Set(['json', 'dry-run', 'accept-broken', 'help']);

/** `--pin`, `--pin=…` or anything after `--by` that is all digits: a PIN must never sit in a process list. */
function parse(argv: readonly string[]): Parsed {
  const [task = '', ...rest] = argv;
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (/^--pin/i.test(arg) || /^--(by|second)=?\d{6,}$/.test(arg)) throw adminErrors.pinOnCommandLine();
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--')) throw adminErrors.usage(`不明な引数です：${arg}`);
    if (FLAGS.has(name)) flags.add(name);
    else if (VALUES.has(name)) {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw adminErrors.usage(`--${name} に値がありません`);
      values.set(name, v);
    } else throw adminErrors.usage(`不明なオプションです：${arg}`);
  }
  const out = values.get('out');
  return { task, json: flags.has('json'), ...(out && { out }), values, flags };
}

export function adminHelp(task?: string): string {
  const t = task ? ADMIN_TASKS[task] : undefined;
  if (t) return `使い方：CounterShield.exe --admin ${t.usage} [--json] [--out FILE]${t.people ? ' --by STAFF_ID' : ''}\n  ${t.summary}\n${t.people ? '  暗証番号は実行後に画面（標準入力）から入力します。コマンドの引数には書きません。\n' : ''}\n終了コード：\n${exitTableText()}\n`;
  const rows = Object.entries(ADMIN_TASKS).map(([name, s]) => `  ${name.padEnd(14)}${s.summary}`);
  return [
    '使い方：CounterShield.exe --admin <作業> [オプション] [--json] [--out FILE]',
    '',
    '作業：',
    ...rows,
    '',
    '共通オプション：',
    '  --json          結果を JSON 1行で出力（スクリプト用）。既定は日本語の要約（日時は日本時間）',
    '  --out FILE      結果をこのファイルに書く（タスク スケジューラなど、画面のない実行ではこれを使う）',
    '  --by 職員番号    作業する管理者（暗証番号は実行後に画面から入力）',
    '  --second 職員番号 2人目の管理者（支援措置が終わる復元・取込）、書出しでは班長（暗証番号の入力もそう尋ねます）',
    '',
    '終了コード：',
    exitTableText(),
    '',
    '作業ごとの説明：CounterShield.exe --admin <作業> --help',
    '',
  ].join('\n');
}

function failure(info: AppErrorInfo, json: boolean): AdminRun {
  const code = adminExitCodeOf(info);
  const output = json
    ? `${JSON.stringify({ ok: false, code: info.code, exitCode: code, ja: info.ja, en: info.en })}\n`
    : `エラー [${info.code}]: ${info.ja}\nError [${info.code}]: ${info.en}\n`;
  return { code, output };
}

async function peopleFor(spec: TaskSpec, a: Parsed, env: AdminEnv, io: AdminIo): Promise<AdminPeople> {
  if (spec.people === 0) return {};
  const by = a.values.get('by');
  // The dev CLI's recovery key may act alone ('cli'); the installed app always names its administrator.
  if (!by) {
    if (env.access.kind === 'recovery') return {};
    throw adminErrors.usage('--by に作業する管理者の職員番号が必要です / --by <staff number> is required');
  }
  const first: AdminCredential = { staffId: by, pin: await io.readSecret(`管理者 ${by} の暗証番号：`) };
  if (!first.pin) throw adminErrors.pinMissing();
  const secondId = a.values.get('second');
  if (!secondId) return { first };
  const second: AdminCredential = { staffId: secondId, pin: await io.readSecret(`${spec.second ?? '2人目の管理者'} ${secondId} の暗証番号：`) };
  if (!second.pin) throw adminErrors.pinMissing();
  return { first, second };
}

export async function runAdminCommand(argv: readonly string[], env: AdminEnv, io: AdminIo): Promise<AdminRun & { out?: string }> {
  let a: Parsed;
  try {
    a = parse(argv);
  } catch (e) {
    return failure(toErrorInfo(e), argv.includes('--json'));
  }
  const outTo = a.out ? { out: a.out } : {};
  if (a.task === '' || a.task === '--help' || a.task === 'help') return { code: ADMIN_EXIT.ok, output: adminHelp(), ...outTo };
  const spec = ADMIN_TASKS[a.task];
  if (!spec) return { ...failure(adminErrors.unknownTask(a.task).toInfo(), a.json), ...outTo };
  if (a.flags.has('help')) return { code: ADMIN_EXIT.ok, output: adminHelp(a.task), ...outTo };
  try {
    const people = await peopleFor(spec, a, env, io);
    const r = await spec.run(env, people, a, io);
    const code = r.code ?? ADMIN_EXIT.ok;
    return { code, output: a.json ? `${JSON.stringify({ ok: code === ADMIN_EXIT.ok, task: a.task, exitCode: code, result: r.json })}\n` : r.text, ...outTo };
  } catch (e) {
    return { ...failure(toErrorInfo(knownFailure(e) ?? e), a.json), ...outTo };
  }
}
