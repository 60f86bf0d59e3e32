/**
 * Child process for the package kill-point test: a terminal picks up the newest package from the drop folder the
 * way the app does (FleetTerminal.check) and SIGKILLs itself at one named step of the apply.
 * argv: dataDir recoveryKey dropDir machineFile policyPath terminalId step nowMs
 * `nowMs` is the parent's (fixed) test clock: tuf-js checks metadata expiry against the process's own Date, so the
 * child's Date is set to the same instant the parent made the repository at.
 */
import { openAuditChain } from '../../../electron/core/audit/open';
import type { PackageApplyStep } from '../../../electron/core/fleet/applyIntent';
import { FleetTerminal } from '../../../electron/core/fleet/terminal';
import { Vault } from '../../../electron/core/vault/vault';
import { childProcessClock } from '../../clock';

const [dataDir, recoveryKey, dropDir, machineFile, policyPath, terminalId, step, nowMs] = process.argv.slice(2) as [string, string, string, string, string, string, string, string];

const base = Number(nowMs);
const started = performance.now();
const RealDate = Date;
class PinnedDate extends RealDate {
  constructor(...a: unknown[]) {
    if (a.length === 0) super(base + (performance.now() - started));
    else super(...(a as [string]));
  }

  static override now(): number {
    return base + (performance.now() - started);
  }
}
globalThis.Date = PinnedDate as DateConstructor;

const kill = (at: string): void => {
  if (at !== step) return;
  process.stdout.write(`killed ${at}\n`);
  process.kill(process.pid, 'SIGKILL');
};

async function main(): Promise<void> {
  const clock = childProcessClock;
  const vault = await Vault.openWithRecovery({ dataDir, clock }, recoveryKey);
  const audit = await openAuditChain(vault, { dataDir, terminal: terminalId, clock, dailyCheckpoint: false });
  const fleet = new FleetTerminal({
    vault, dataDir, dropDir, terminalId, machineFile, policyPath, audit, clock, staff: async () => null,
    faultPoint: (s: PackageApplyStep) => kill(s),
  });
  const s = await fleet.check();
  await audit.close();
  await vault.close();
  process.stdout.write(`done ${s.state}\n`);
}

void main();
