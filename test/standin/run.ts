/**
 * Parent side: runs one scenario of the stand-in in a fresh Node process (child.ts) and returns its report, its
 * exit code and its output. A scenario that does not end on its own within the time limit is killed and fails.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report, Scenario } from './child';
import type { StandInOptions } from './electron';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = resolve(here, 'child.ts');
const TSX = resolve(here, '../../node_modules/tsx/dist/loader.mjs');

export interface Outcome {
  code: number | null;
  signal: string | null;
  report: Report;
  stdout: string;
  stderr: string;
}

export interface Machine {
  root: string;
  userData: string;
  /** What the launched app sees as /var/lib (issue 16: the machine-wide data folder lives under it). */
  varLib: string;
  /** The machine-wide data folder the app opens: /var/lib/counter-shield as the app sees it. */
  dataDir: string;
  documents: string;
  lockFile: string;
  keyStoreKey: string;
}

/** A fresh "PC and OS account": its own data folder, documents, instance lock and key store key. */
export function newMachine(): Machine {
  const root = mkdtempSync(join(tmpdir(), 'cs-standin-'));
  const userData = join(root, 'userData');
  const documents = join(root, 'Documents');
  const varLib = join(root, 'var-lib');
  mkdirSync(userData);
  mkdirSync(documents);
  mkdirSync(varLib);
  return { root, userData, varLib, dataDir: join(varLib, 'counter-shield'), documents, lockFile: join(root, 'SingletonLock'), keyStoreKey: randomBytes(32).toString('hex') };
}

export function runScenario(s: Omit<Scenario, 'reportFile' | 'standIn'> & { standIn: Partial<StandInOptions>; machine: Machine; uid?: number; stdin?: string }, timeoutMs = 90_000): Promise<Outcome> {
  const reportFile = join(s.machine.root, `report-${randomBytes(4).toString('hex')}.json`);
  const m = s.machine;
  const scenario: Scenario = {
    kind: s.kind, outDir: s.outDir, reportFile, clock: s.clock, env: s.env, ...(s.admins && { admins: s.admins }), ...(s.relaunchEnd && { relaunchEnd: s.relaunchEnd }),
    standIn: {
      userData: m.userData, documents: m.documents, lockFile: m.lockFile, keyStoreKey: m.keyStoreKey,
      version: '0.1.0', isPackaged: false, chromiumSwitches: [], argv: [], keyStore: 'keyring', openDialogAnswers: [],
      ...s.standIn,
    },
  };
  // The machine-wide folder (issue 16). The build honours COUNTERSHIELD_DATA_DIR; a packaged app ignores it (a
  // clerk's environment must not choose the vault), so it runs in a mount namespace of its own whose /var/lib is
  // this stand-in PC's — the real /var/lib is never written. That needs root, as the read-only-mount case does.
  const packaged = scenario.standIn.isPackaged;
  const node = [process.execPath, '--import', TSX, CHILD];
  const [file, ...args] = packaged ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount --rbind "$0" /var/lib && exec "$@"', m.varLib, ...node] : node;
  return new Promise((done, fail) => {
    const child = spawn(file!, args, {
      env: {
        PATH: process.env.PATH ?? '', HOME: m.root, TMPDIR: tmpdir(), CS_STANDIN_SCENARIO: JSON.stringify(scenario),
        ...(!packaged && { COUNTERSHIELD_DATA_DIR: m.dataDir }),
      },
      // stdin: what IT pipes in (PINs for --admin), else nothing at all.
      stdio: [s.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(s.uid !== undefined && { uid: s.uid, gid: s.uid }),
    });
    if (s.stdin !== undefined) child.stdin!.end(s.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!existsSync(reportFile)) return fail(new Error(`scenario ${s.kind} wrote no report (exit ${code ?? signal})\n${stderr}`));
      done({ code, signal, report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report, stdout, stderr });
    });
  });
}
