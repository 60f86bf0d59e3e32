import { afterEach, beforeEach, vi } from 'vitest';
/** One station and terminals as data folders in one process (FLEET.md: "Tests"). */
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditChain, type AuditChain } from '../../../electron/core/audit';
import { FleetStation, type AdminPinKey } from '../../../electron/core/fleet/station';
import { FleetTerminal, type StaffCheck } from '../../../electron/core/fleet/terminal';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { Vault } from '../../../electron/core/vault/vault';
import { FIXTURES, tempDir } from '../vault/helpers';
import { fakedSystemClock, fakedSystemNowMs } from '../../clock';

export const SAMPLE = readFileSync(join(FIXTURES, 'protected-sample.csv'));
export const T0 = new Date('2026-05-11T00:00:00Z');
const DAY = 86_400_000;

/**
 * Every fleet test starts at T0 with only Date faked (sqlite, Argon2id and the file system keep real timers); call it
 * before registering the test's own afterEach, so that one (closing the fleet) runs first.
 */
export function pinClockAtT0(): { advanceDays(n: number): void } {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return { advanceDays: (n) => vi.setSystemTime(new Date(fakedSystemNowMs() + n * DAY)) };
}

export function csvWithout(rows: number, fromEnd = false): Buffer {
  const lines = SAMPLE.toString('utf8').split(/\r?\n/).filter(Boolean);
  const body = fromEnd ? lines.slice(1, lines.length - rows) : lines.slice(1 + rows);
  return Buffer.from([lines[0], ...body].join('\r\n') + '\r\n', 'utf8');
}

export interface Node {
  id: string;
  dir: string;
  vault: Vault;
  audit: AuditChain;
  fleet: FleetTerminal;
  machineFile: string;
  policyPath: string;
}

export interface Fleet {
  key: string;
  drop: string;
  stationDir: string;
  station: FleetStation;
  stationVault: Vault;
  admins: AdminPinKey[];
  terminals: Node[];
  staff: Map<string, { pin: string; roles: string[] }>;
  reopen(t: Node): Promise<Node>;
  close(): Promise<void>;
}

const clock = fakedSystemClock;

export async function makeFleet(n = 3): Promise<Fleet> {
  const stationDir = tempDir('cs-fleet-st-');
  const { vault: stationVault, recoveryKey: key } = await Vault.create({ dataDir: stationDir, clock });
  const backup = join(tempDir('cs-fleet-bk-'), 'v.csbackup');
  await writeBackup(stationVault, stationDir, backup, key, clock());
  const drop = tempDir('cs-fleet-drop-');
  const admins: AdminPinKey[] = [
    { adminId: 'A-0001', pinKek: randomBytes(32) },
    { adminId: 'A-0002', pinKek: randomBytes(32) },
    { adminId: 'A-0003', pinKek: randomBytes(32) },
  ];
  const station = await FleetStation.create({ vault: stationVault, stateDir: stationDir, dropDir: drop, clock }, { recoveryKey: key, admins, listAgeLimitDays: 7 });
  const staff = new Map<string, { pin: string; roles: string[] }>([
    ['L-0001', { pin: '482913', roles: ['lead'] }],
    ['C-0001', { pin: '582014', roles: ['clerk'] }],
    ['A-0001', { pin: '682015', roles: ['admin'] }],
  ]);
  const check: StaffCheck = async (id, pin) => (staff.get(id)?.pin === pin ? staff.get(id)!.roles : null);
  const machineRoot = tempDir('cs-fleet-machine-');
  const terminals: Node[] = [];
  const open = async (id: string, dir: string, enrol: boolean): Promise<Node> => {
    const vault = await Vault.openWithRecovery({ dataDir: dir, clock }, key);
    const audit = await openAuditChain(vault, { dataDir: dir, terminal: id, clock, dailyCheckpoint: false });
    const deps = { vault, dataDir: dir, dropDir: drop, terminalId: id, machineFile: join(machineRoot, id, 'fleet-marks.json'), policyPath: join(machineRoot, id, 'policy.json'), audit, staff: check, clock };
    const fleet = enrol ? await FleetTerminal.enrol(deps, key) : new FleetTerminal(deps);
    return { id, dir, vault, audit, fleet, machineFile: deps.machineFile, policyPath: deps.policyPath };
  };
  for (let i = 1; i <= n; i++) {
    const dir = tempDir(`cs-fleet-t${i}-`);
    await restoreBackup({ dataDir: dir }, backup, key);
    terminals.push(await open(`T-0000000${i}`, dir, true));
  }
  return {
    key, drop, stationDir, station, stationVault, admins, terminals, staff,
    async reopen(t) {
      await t.audit.close();
      await t.vault.close();
      return open(t.id, t.dir, false);
    },
    async close() {
      for (const t of terminals) {
        await t.audit.close().catch(() => undefined);
        await t.vault.close().catch(() => undefined);
      }
      await stationVault.close();
    },
  };
}

/** A release made, signed by two administrators and published. */
export async function release(f: Fleet, opts: { policyFile?: Buffer; exportDate?: string } = {}): Promise<number> {
  const r = await f.station.prepareRelease({ recoveryKey: f.key, exportDate: opts.exportDate ?? fakedSystemClock().toISOString().slice(0, 10), contentHash: 'a'.repeat(64), ...(opts.policyFile && { policyFile: opts.policyFile }) });
  f.station.signRelease(r, f.admins[0]!);
  f.station.signRelease(r, f.admins[1]!);
  await f.station.publish(r);
  return r.version;
}

export async function auditHead(t: Node): Promise<{ seq: number; hash: string }> {
  await t.audit.drain();
  const row = await t.vault.database.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return { seq: row!.seq, hash: row!.hash };
}

export function copyDir(from: string): string {
  const to = tempDir('cs-fleet-copy-');
  // The folder's LOCK names its owner (this test process, still alive): a clerk's copy taken while the app runs
  // carries the app's LOCK, which a later start takes over once that app has ended — leave it out here.
  cpSync(from, to, { recursive: true, filter: (src) => !/[\\/]LOCK$/.test(src) });
  return to;
}

export function replaceDir(dir: string, withCopy: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(withCopy, dir, { recursive: true });
}

/** A vault and its chain a test opens itself on a terminal's folder (a restart, a folder put back). */
export interface Opened { vault: Vault; audit: AuditChain }

/**
 * The fleet a test makes and the vaults it reopens itself, all closed after each test (call after pinClockAtT0, so
 * this runs first). `reopen` opens a terminal's folder again with the recovery key, as the app does after a restart.
 */
export function fleetClosedAfterEach(): { fleet?: Fleet; reopen(f: Fleet, dir: string, terminal: string): Promise<Opened> } {
  const opened: Opened[] = [];
  const s: { fleet?: Fleet; reopen(f: Fleet, dir: string, terminal: string): Promise<Opened> } = {
    async reopen(f, dir, terminal) {
      const vault = await Vault.openWithRecovery({ dataDir: dir, clock }, f.key);
      const audit = await openAuditChain(vault, { dataDir: dir, terminal, clock, dailyCheckpoint: false });
      opened.push({ vault, audit });
      return { vault, audit };
    },
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.audit.close().catch(() => undefined);
      await o.vault.close().catch(() => undefined);
    }
    await s.fleet?.close();
    delete s.fleet;
  });
  return s;
}
