/**
 * The one machine-wide data folder (SPEC F14), chosen here for the app and the CLI alike: whichever Windows
 * account is logged on, the counter PC has one vault. IT may move it (another drive, a larger disk) with
 * `machine.json` beside the machine-wide policy (policy/paths.ts) — a separate file, because the camera
 * policy is verified with a key from the vault and the data folder must be known before any vault opens.
 * Both places are writable by administrators only, so a clerk cannot point the app at a folder of their own.
 */
import { readFile } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { AppError } from '../../../shared/errors';

export const MACHINE_FILE = 'machine.json';
/** For tests and development only (a packaged app ignores it, like the policy override). */
export const DATA_DIR_ENV = 'COUNTERSHIELD_DATA_DIR';

export const dataDirErrors = {
  badOverride: (why: string) =>
    new AppError({
      code: 'E_MACHINE_CONFIG',
      ja: 'データフォルダーの指定（machine.json）が正しくありません。保管庫は開いていません。管理者が machine.json を直すか削除してください。',
      en: `machine.json is not valid (${why}). The vault was not opened. An administrator fixes or removes machine.json.`,
      detail: { why },
    }),
};

export function defaultMachineDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'CounterShield', 'vault');
  return posix.join('/var/lib', 'counter-shield');
}

export interface DataDirChoice {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The machine-wide policy path (defaultPolicyPath); machine.json sits beside it. */
  policyPath: string;
  allowEnvOverride: boolean;
  read?: (path: string) => Promise<string>;
}

/** The data folder this PC uses. A machine.json that is there but unreadable or invalid stops start-up (fail closed). */
export async function machineDataDir(c: DataDirChoice): Promise<string> {
  const override = c.allowEnvOverride ? c.env[DATA_DIR_ENV] : undefined;
  if (override) return override;
  const path = c.platform === 'win32' ? win32.join(win32.dirname(c.policyPath), MACHINE_FILE) : posix.join(posix.dirname(c.policyPath), MACHINE_FILE);
  const read = c.read ?? ((p: string) => readFile(p, 'utf8'));
  let text: string;
  try {
    text = await read(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultMachineDataDir(c.platform, c.env);
    throw dataDirErrors.badOverride('unreadable');
  }
  let dir: unknown;
  try {
    dir = (JSON.parse(text) as { dataDir?: unknown }).dataDir;
  } catch {
    throw dataDirErrors.badOverride('not JSON');
  }
  if (dir === undefined) return defaultMachineDataDir(c.platform, c.env);
  const abs = c.platform === 'win32' ? typeof dir === 'string' && win32.isAbsolute(dir) && !dir.startsWith('\\\\') : typeof dir === 'string' && posix.isAbsolute(dir);
  // A share (\\server\…) would let two PCs open one vault; the folder lock is not meant for that.
  if (!abs) throw dataDirErrors.badOverride('dataDir must be an absolute local path');
  return dir as string;
}
