/**
 * The machine-scope protector (issue 16): a secret that stays on this PC, whichever OS account asks. It wraps the
 * administrators' enrolment slots (enrolmentSlot.ts) so that a new Windows account on the same PC can be enrolled
 * with an administrator's 職員番号 + PIN, while a data folder copied to another PC carries nothing that opens there.
 *
 *   Windows  DPAPI with CRYPTPROTECT_LOCAL_MACHINE, through Windows PowerShell 5.1 (always installed) and
 *            [System.Security.Cryptography.ProtectedData] — no native module to build and sign. The bytes travel
 *            on stdin/stdout as base64, never on the command line (other accounts can read command lines).
 *   Linux    a key file created by root (docs/IT.md): /etc/counter-shield/machine.key, 32 bytes, owned by root,
 *            not writable by anyone else — so a clerk cannot plant a key of their own.
 *
 * Behind this port so core stays testable: tests inject one protector per pretend PC.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { win32 } from 'node:path';
import * as aead from '../vault/aead';
import { AppError } from '../../../shared/errors';

export interface MachineProtector {
  isAvailable(): Promise<boolean>;
  protect(plain: Uint8Array): Promise<Uint8Array>;
  /** Throws E_MACHINE_KEY_REFUSED for a blob made on another PC (or altered). */
  unprotect(blob: Uint8Array): Promise<Uint8Array>;
}

export const machineKeyErrors = {
  unavailable: (why: string) =>
    new AppError({
      code: 'E_MACHINE_KEY_UNAVAILABLE',
      ja: 'この PC の登録用の鍵を使えません。回復キーで登録してください。続く場合は 管理者に連絡してください。',
      en: `The PC's machine key cannot be used (${why}). Enrol with the recovery key; if this persists, contact your administrator.`,
      detail: { why },
    }),
  refused: () =>
    new AppError({
      code: 'E_MACHINE_KEY_REFUSED',
      ja: 'この PC で作られた登録用の鍵ではありません（別の PC から移されたデータです）。回復キーで登録してください。',
      en: 'The enrolment slot was not made on this PC (the data came from another PC). Enrol with the recovery key.',
    }),
};

// ── Windows: DPAPI LocalMachine through PowerShell ──────────────────────────────────────────────────────────

export interface SpawnResult { code: number | null; stdout: string; stderr: string }
/** Runs a program with `stdin` written to it; resolves with its exit code and output (rejects only if it cannot start). */
export type Spawner = (file: string, args: readonly string[], stdin: string) => Promise<SpawnResult>;

/** Exit code of the script when DPAPI itself refused the blob (CryptographicException): another PC's, or altered. */
const REFUSED_EXIT = 3;
/** Binds every blob to this app: another program's LocalMachine blobs do not open as ours, nor ours as theirs. */
export const DPAPI_ENTROPY = 'countershield/v1/machine-enrolment';

export function dpapiScript(op: 'Protect' | 'Unprotect'): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    'Add-Type -AssemblyName System.Security',
    '$in = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())',
    `$e = [Text.Encoding]::UTF8.GetBytes('${DPAPI_ENTROPY}')`,
    `try { $out = [System.Security.Cryptography.ProtectedData]::${op}($in, $e, 'LocalMachine') }`,
    `catch [System.Security.Cryptography.CryptographicException] { exit ${REFUSED_EXIT} }`,
    '[Console]::Out.Write([Convert]::ToBase64String($out))',
  ].join('\n');
}

/** The full command line: powershell.exe from System32 (not whatever PATH finds first), the script UTF-16LE base64-encoded. */
export function powershellCommand(op: 'Protect' | 'Unprotect', env: Readonly<Record<string, string | undefined>>): { file: string; args: string[] } {
  const root = env.SystemRoot || 'C:\\Windows';
  return {
    file: win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(dpapiScript(op), 'utf16le').toString('base64')],
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function dpapiMachineProtector(run: Spawner = spawnWithStdin, env: Readonly<Record<string, string | undefined>> = process.env): MachineProtector {
  const call = async (op: 'Protect' | 'Unprotect', input: Uint8Array): Promise<Uint8Array> => {
    const { file, args } = powershellCommand(op, env);
    const r = await run(file, args, Buffer.from(input).toString('base64')).catch(() => undefined);
    if (!r) throw machineKeyErrors.unavailable('powershell did not start');
    if (r.code === REFUSED_EXIT && op === 'Unprotect') throw machineKeyErrors.refused();
    const out = r.stdout.trim();
    if (r.code !== 0 || !BASE64.test(out)) throw machineKeyErrors.unavailable(`powershell ${op} exit ${String(r.code)}`);
    return new Uint8Array(Buffer.from(out, 'base64'));
  };
  return {
    isAvailable: () => call('Protect', new Uint8Array(1)).then(() => true, () => false),
    protect: (plain) => call('Protect', plain),
    unprotect: (blob) => call('Unprotect', blob),
  };
}

export function spawnWithStdin(file: string, args: readonly string[], stdin: string): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { windowsHide: true, timeout: 30_000, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

// ── Linux: a root-owned key file ────────────────────────────────────────────────────────────────────────────

export const LINUX_MACHINE_KEY = '/etc/counter-shield/machine.key';
const AAD = 'cs/v1|machine-key-file';

export interface KeyFileAccess {
  read(path: string): Promise<Buffer>;
  stat(path: string): Promise<{ uid: number; mode: number }>;
}

const realFiles: KeyFileAccess = { read: (p) => readFile(p), stat: (p) => stat(p) };

export function keyFileMachineProtector(path = LINUX_MACHINE_KEY, fs: KeyFileAccess = realFiles): MachineProtector {
  const key = async (): Promise<Buffer> => {
    const s = await fs.stat(path).catch(() => undefined);
    if (!s) throw machineKeyErrors.unavailable('no machine key file');
    // Someone other than root could have written it: a key a clerk chose is no machine secret.
    if (s.uid !== 0 || (s.mode & 0o022) !== 0) throw machineKeyErrors.unavailable('machine key file not root-owned');
    const raw = await fs.read(path).catch(() => undefined);
    const k = raw && raw.length >= 32 ? raw.subarray(0, 32) : undefined;
    if (!k) throw machineKeyErrors.unavailable('machine key file unreadable');
    return Buffer.from(k);
  };
  return {
    isAvailable: () => key().then(() => true, () => false),
    protect: async (plain) => aead.seal(await key(), plain, AAD),
    async unprotect(blob) {
      const opened = aead.tryOpen(await key(), Buffer.from(blob), AAD);
      if (!opened) throw machineKeyErrors.refused();
      return opened;
    },
  };
}

export function platformMachineProtector(platform: NodeJS.Platform): MachineProtector {
  return platform === 'win32' ? dpapiMachineProtector() : keyFileMachineProtector();
}

/** For callers (tests, the CLI) that offer no machine-scope enrolment: every use says so. */
export const noMachineProtector: MachineProtector = {
  isAvailable: async () => false,
  protect: async () => {
    throw machineKeyErrors.unavailable('not configured');
  },
  unprotect: async () => {
    throw machineKeyErrors.unavailable('not configured');
  },
};
