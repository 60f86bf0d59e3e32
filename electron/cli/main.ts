/**
 * CounterShield command-line tool for IT and scripted checks: `npm run -s cli -- <command> [options]`.
 * Plain Node, never Electron. Each command lives in ./commands/<name>.ts and exports `run(argv): Promise<number>`.
 * Failures print a Japanese line then an English line to stderr and exit non-zero — never a stack trace.
 */
import { toErrorInfo } from '../../shared/errors';
import { knownFailure } from '../core/vault/failure';
import { exitCodeOf } from './args';

type CommandModule = { run(argv: string[]): Promise<number>; summary: string };

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
    process.stderr.write(
      `使い方: npm run -s cli -- <コマンド> …\nusage: npm run -s cli -- <command> …\ncommands: ${Object.keys(COMMANDS).join(', ')}\n`,
    );
    return 2;
  }
  const mod = await load();
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
