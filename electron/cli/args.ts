/**
 * Shared plumbing of the vault commands: option parsing, reading the recovery key file, and the one way a
 * command reports failure (Japanese line, English line, non-zero exit — never a stack trace).
 */
import { access, readFile } from 'node:fs/promises';
import { AppError, toErrorInfo, type AppErrorInfo } from '../../shared/errors';
import type { ImportIssue } from '../core/import/parseList';
import { readRecoveryKeyText } from '../core/vault/recoveryKey';
import { Vault, type VaultDeps } from '../core/vault/vault';

export type Parsed = { values: Map<string, string>; flags: Set<string> };

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
  if (issues.length > SHOWN_ISSUES) process.stderr.write(`  …ほか ${issues.length - SHOWN_ISSUES} 件 / …and ${issues.length - SHOWN_ISSUES} more\n`);
}

/** Opens the vault with the recovery key for one command's work and always closes it. */
export async function withVault<T>(deps: VaultDeps, recoveryKey: string, body: (vault: Vault) => Promise<T>): Promise<T> {
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
    printError(toErrorInfo(e));
    return 1;
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
