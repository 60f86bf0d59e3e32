/**
 * Where the machine-wide policy lives. Both places are writable only by administrators on a normal
 * install (ProgramData is per-machine; /etc is root's), which keeps clerks from even trying — the
 * MAC (integrity.ts) is what actually detects an edit.
 */
import { posix, win32 } from 'node:path';

export const POLICY_PATH_ENV = 'COUNTERSHIELD_POLICY_PATH';

export function defaultPolicyPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  opts: { allowEnvOverride: boolean },
): string {
  // A packaged app ignores the override: a clerk's environment must not choose which policy applies.
  const override = opts.allowEnvOverride ? env[POLICY_PATH_ENV] : undefined;
  if (override) return override;
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'CounterShield', 'policy.json');
  return posix.join('/etc', 'counter-shield', 'policy.json');
}
