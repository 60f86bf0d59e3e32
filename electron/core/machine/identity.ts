/**
 * The PC this vault lives on (SPEC F14): Windows' MachineGuid (HKLM\SOFTWARE\Microsoft\Cryptography, written
 * at Windows setup, unique per installation) or Linux's /etc/machine-id. Read through `reg query` — no native
 * module — and only ever kept hashed: the terminal id and the vault's binding are derived from it, the raw
 * value never reaches the database, the audit trail or the screen.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';

/** The platform adapter; tests inject one per pretend PC. */
export interface MachineIdSource {
  read(): Promise<string>;
}

export const machineErrors = {
  unknown: (why: string) =>
    new AppError({
      code: 'E_MACHINE_ID_UNAVAILABLE',
      ja: 'この PC を識別する情報（MachineGuid / machine-id）を読み取れません。保管庫は開いていません。管理者に連絡してください。',
      en: `The PC's identity (MachineGuid / machine-id) cannot be read (${why}). The vault was not opened. Contact your administrator.`,
      detail: { why },
    }),
};

const GUID = /MachineGuid\s+REG_SZ\s+([0-9a-fA-F-]{36})/;
const MACHINE_ID = /^[0-9a-f]{32}$/;

export function parseRegQuery(stdout: string): string | undefined {
  return GUID.exec(stdout)?.[1]?.toLowerCase();
}

export function windowsMachineId(run: (file: string, args: string[]) => Promise<string> = runFile): MachineIdSource {
  return {
    async read() {
      // /reg:64: a 32-bit view would read the WOW6432Node copy, which can differ from the real one.
      const out = await run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid', '/reg:64']).catch(() => '');
      const id = parseRegQuery(out);
      if (!id) throw machineErrors.unknown('reg query MachineGuid');
      return id;
    },
  };
}

export function linuxMachineId(path = '/etc/machine-id', read: (p: string) => Promise<string> = (p) => readFile(p, 'utf8')): MachineIdSource {
  return {
    async read() {
      const id = (await read(path).catch(() => '')).trim();
      if (!MACHINE_ID.test(id)) throw machineErrors.unknown(path);
      return id;
    },
  };
}

export function platformMachineId(platform: NodeJS.Platform): MachineIdSource {
  return platform === 'win32' ? windowsMachineId() : linuxMachineId();
}

/** The terminal id (audit actor, e.g. 'T-3f9a0c1d'): the same on every start and account of this PC, different on another. */
export function terminalIdOf(machineId: string): string {
  return `T-${digest('terminal', machineId).slice(0, 8)}`;
}

/** What the vault records to recognise its PC; a folder copied elsewhere reads a different value. */
export function machineBindingOf(machineId: string): string {
  return digest('binding', machineId);
}

function digest(purpose: string, machineId: string): string {
  return createHash('sha256').update(`countershield/v1/machine/${purpose}|`).update(machineId.toLowerCase()).digest('hex');
}

function runFile(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
  });
}
