/**
 * Shared plumbing of the vault commands: option parsing, reading the recovery key file, and the one way a
 * command reports failure (Japanese line, English line, non-zero exit — never a stack trace).
 */
import { access, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppError, toErrorInfo, type AppErrorInfo } from '../../shared/errors';
import { knownFailure } from '../core/vault/failure';
import type { ImportIssue } from '../core/import/parseList';
import { readRecoveryKeyText } from '../core/vault/recoveryKey';
import { Vault, type VaultDeps } from '../core/vault/vault';
import { machineDataDir } from '../core/machine/dataDir';
import { defaultPolicyPath } from '../core/policy/paths';

export type Parsed = { values: Map<string, string>; flags: Set<string> };

/** The CLI's exit codes, as docs/vault.md and docs/IT.md give them. */
export const EXIT = { ok: 0, refused: 1, usage: 2, confirmationNeeded: 3, auditBroken: 4 } as const;

/** The exit code for a coded failure: usage errors are 2 (scripts tell "I called it wrong" from "it refused"). */
export function exitCodeOf(info: AppErrorInfo): number {
  return info.code === 'E_CLI_USAGE' ? EXIT.usage : EXIT.refused;
}

const pathError = (code: string, ja: string, en: string, path: string): AppError => new AppError({ code, ja, en, detail: { path } });

/** `--out FILE`: its folder must exist (the CLI never creates folders for key-bearing exports). */
export async function checkOutputFolder(path: string): Promise<void> {
  const dir = dirname(resolve(path));
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw pathError('E_CLI_OUT_DIR', `出力先のフォルダー（${dir}）がありません。フォルダーを作成してから、もう一度実行してください。`, `The output folder (${dir}) does not exist. Create it, then run the command again.`, dir);
  }
}

/** `--in FILE`: a file, not a folder. */
export async function checkInputFile(path: string, what: string): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw pathError('E_CLI_FILE_UNREADABLE', `${what}（${path}）がありません。`, `The input file (${path}) does not exist.`, path);
  if (!st.isFile()) throw pathError('E_CLI_NOT_A_FILE', `${what}に指定したもの（${path}）はファイルではありません（フォルダーなど）。ファイルを指定してください。`, `The input (${path}) is not a file (it is a folder or device). Give a file.`, path);
}

/** `--data DIR`: a folder (init may create it; the others need it to exist). */
export async function checkDataFolder(path: string, opts: { mayBeMissing?: boolean } = {}): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (!st && opts.mayBeMissing) {
    const parent = await stat(dirname(resolve(path))).catch(() => undefined);
    if (parent?.isDirectory()) return;
  }
  if (!st) throw pathError('E_CLI_DATA_MISSING', `データフォルダー（${path}）がありません。パスを確認してください（新しく作る場合は init）。`, `The data folder (${path}) does not exist. Check the path (init creates a new one).`, path);
  if (!st.isDirectory()) throw pathError('E_CLI_DATA_NOT_DIR', `--data に指定したもの（${path}）はフォルダーではありません。データフォルダーを指定してください。`, `--data (${path}) is not a folder. Give the data folder.`, path);
}

/**
 * `--data DIR`, or the PC's machine-wide folder when it is left out (machine/dataDir.ts, the same choice the app
 * makes — so IT's scripts and the counter open the same vault). The environment override is honoured here: the
 * CLI is IT's tool, run by an administrator, never by a clerk at the counter.
 */
export async function dataDirOf(a: Parsed): Promise<string> {
  const given = a.values.get('data');
  if (given) return given;
  const policyPath = defaultPolicyPath(process.platform, process.env, { allowEnvOverride: true });
  return machineDataDir({ platform: process.platform, env: process.env, policyPath, allowEnvOverride: true });
}

export function usageError(usage: string, problem: string): AppError {
  return new AppError({
    code: 'E_CLI_USAGE',
    ja: `${problem}\n使い方: ${usage}`,
    en: `${problem}\nusage: ${usage}`,
  });
}

export function parseArgs(argv: string[], spec: { values: string[]; flags?: string[]; required: string[]; usage: string }): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.replace(/^--/, '');
    if (!a.startsWith('--')) throw usageError(spec.usage, `不明な引数です / unexpected argument: ${a}`);
    if (spec.flags?.includes(name)) flags.add(name);
    else if (spec.values.includes(name)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw usageError(spec.usage, `--${name} に値がありません / --${name} needs a value`);
      values.set(name, v);
    } else throw usageError(spec.usage, `不明なオプションです / unknown option: ${a}`);
  }
  for (const r of spec.required) {
    if (!values.has(r)) throw usageError(spec.usage, `--${r} が必要です / --${r} is required`);
  }
  return { values, flags };
}

export async function readInput(path: string, what: string): Promise<Buffer> {
  await checkInputFile(path, what);
  try {
    return await readFile(path);
  } catch {
    throw new AppError({
      code: 'E_CLI_FILE_UNREADABLE',
      ja: `${what}を読み込めません（ファイルがないか、読み取り権限がありません）。`,
      en: `Cannot read the ${what === '回復キーファイル' ? 'recovery key file' : 'input file'} (missing or not readable).`,
    });
  }
}

export async function readRecoveryKey(path: string): Promise<string> {
  return readRecoveryKeyText((await readInput(path, '回復キーファイル')).toString('utf8'));
}

export function printError(info: AppErrorInfo): void {
  process.stderr.write(`エラー [${info.code}]: ${info.ja}\nError [${info.code}]: ${info.en}\n`);
}

/** Runs a command body; anything thrown becomes a coded message and exit 1 (CS_DEBUG=1 shows the cause to IT). */
const SHOWN_ISSUES = 50;

/** Row-level import problems (codes and messages that never quote a value): the first 50, then a count. */
export function printIssues(issues: readonly ImportIssue[]): void {
  for (const i of issues.slice(0, SHOWN_ISSUES)) process.stderr.write(`  [${i.code}] ${i.ja}\n  [${i.code}] ${i.en}\n`);
  if (issues.length > SHOWN_ISSUES) process.stderr.write(`  …ほか${issues.length - SHOWN_ISSUES}件 / …and ${issues.length - SHOWN_ISSUES} more\n`);
}

/** Opens the vault with the recovery key for one command's work and always closes it. */
export async function withVault<T>(deps: VaultDeps, recoveryKey: string, body: (vault: Vault) => Promise<T>): Promise<T> {
  await checkDataFolder(deps.dataDir);
  const vault = await Vault.openWithRecovery(deps, recoveryKey);
  try {
    return await body(vault);
  } finally {
    await vault.close();
  }
}

export async function guarded(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (process.env.CS_DEBUG === '1') console.error(e);
    // A full disk or an I/O error while writing an export is said as such, not as E_INTERNAL.
    const info = toErrorInfo(knownFailure(e) ?? e);
    printError(info);
    return exitCodeOf(info);
  }
}

/** Progress on stderr, at most about once a second, so long imports show life without flooding logs. */
export function progressPrinter(): (done: number, total: number, phase: string) => void {
  const label: Record<string, string> = { parse: '検証 / validating', compare: '比較 / comparing', index: '索引 / indexing', write: '書込 / writing' };
  let last = 0;
  return (done, total, phase) => {
    const now = Date.now();
    if (done !== total && now - last < 1000) return;
    last = now;
    process.stderr.write(`${label[phase] ?? phase}: ${done}/${total}\n`);
  };
}

/** Exports (backup, bundle, checkpoint) never overwrite: a second copy of a key-bearing file is IT's decision, not ours. */
export async function refuseExistingOutput(path: string): Promise<void> {
  const present = await access(path).then(() => true, () => false);
  if (present) throw new AppError({ code: 'E_CLI_OUT_EXISTS', ja: '出力先のファイルが既に存在します。上書きはしません。', en: 'The output file already exists; it is never overwritten.' });
}
