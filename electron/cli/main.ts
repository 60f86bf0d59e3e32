/**
 * CounterShield command-line tool for IT and scripted checks: `npm run -s cli -- <command> [options]`.
 * Plain Node, never Electron. Each command lives in ./commands/<name>.ts and exports `run(argv): Promise<number>`.
 * Failures print a Japanese line then an English line to stderr and exit non-zero — never a stack trace.
 */
import { toErrorInfo } from '../../shared/errors';
import { knownFailure } from '../core/vault/failure';
import { exitCodeOf } from './args';

import { commandHelp, commandList } from './help';

type CommandModule = { run(argv: string[]): Promise<number>; summary: string; usage?: string };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  match: () => import('./commands/match'),
  init: () => import('./commands/init'),
  import: () => import('./commands/import'),
  status: () => import('./commands/status'),
  backup: () => import('./commands/backup'),
  restore: () => import('./commands/restore'),
  audit: () => import('./commands/audit'),
  bundle: () => import('./commands/bundle'),
  mailing: () => import('./commands/mailing'),
  reconcile: () => import('./commands/reconcile'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    const summaries = Object.fromEntries(await Promise.all(Object.entries(COMMANDS).map(async ([n, l]) => [n, (await l()).summary] as const)));
    const asked = name === '--help' || name === 'help';
    if (!asked) process.stderr.write(name ? `不明なコマンドです: ${name} / unknown command\n` : 'コマンドを指定してください / give a command\n');
    (asked ? process.stdout : process.stderr).write(commandList(summaries));
    // Asking for help succeeds; calling it wrong is a usage error (2), as the exit-code table says.
    return asked ? 0 : 2;
  }
  const mod = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(name!, mod));
    return 0;
  }
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const info = toErrorInfo(knownFailure(e) ?? e);
    if (process.env.CS_DEBUG === '1') console.error(e);
    process.stderr.write(`エラー [${info.code}]: ${info.ja}\nError [${info.code}]: ${info.en}\n`);
    process.exitCode = exitCodeOf(info);
  },
);
