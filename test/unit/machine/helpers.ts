/** Two OS accounts and two PCs against one data folder, for the issue-16 tests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as aead from '../../../electron/core/vault/aead';
import { machineKeyErrors, type MachineProtector } from '../../../electron/core/machine/machineProtector';
import { expect } from 'vitest';
import type { AuditEvent, TransactionalAuditSink } from '../../../electron/core/ports';
import { accountSlotId } from '../../../electron/core/machine/account';
import { machineBindingOf } from '../../../electron/core/machine/identity';
import { SetupService, type AdminInput, type SetupDeps } from '../../../electron/core/setup';
import { OWASP_MIN } from '../../../electron/core/staff';
import type { Vault } from '../../../electron/core/vault/vault';
import { validateEvent } from '../../../electron/core/audit/validate';
import { testNow } from '../../clock';
import { SAMPLE_CSV, STAFF } from '../../fakes/core';
import { AccountProtector } from '../vault/helpers';

export const ADMINS: [AdminInput, AdminInput] = [
  { ...STAFF.admin1, pinConfirm: STAFF.admin1.pin },
  { ...STAFF.admin2, pinConfirm: STAFF.admin2.pin },
];

/** Writes into the caller's transaction like the real chain, so a failure here rolls the change back with it. */
export class TxAudit implements TransactionalAuditSink {
  readonly events: AuditEvent[] = [];
  failInTransaction = false;
  async append(e: AuditEvent): Promise<void> {
    validateEvent(e);
    this.events.push(structuredClone(e) as AuditEvent);
  }
  async appendInTransaction(events: readonly AuditEvent[]): Promise<void> {
    if (this.failInTransaction) throw new Error('audit chain unavailable');
    for (const e of events) await this.append(e);
  }
  actions(): string[] {
    return this.events.map((e) => e.action);
  }
}

/**
 * A PC's machine-scope secret (DPAPI LocalMachine in the app): the same PC name gives the same secret, so every
 * account of one PC shares it; another PC's cannot open it.
 */
export class PcSecret implements MachineProtector {
  private readonly key: Buffer;
  available = true;
  /** Like PowerShell failing after it said it works. */
  failProtect = false;
  unprotectCalls = 0;
  constructor(pc: string) {
    this.key = createHash('sha256').update(`test-machine-secret|${pc}`).digest();
  }
  async isAvailable(): Promise<boolean> {
    return this.available;
  }
  async protect(plain: Uint8Array): Promise<Uint8Array> {
    if (this.failProtect) throw machineKeyErrors.unavailable('powershell Protect exit 1');
    return aead.seal(this.key, plain, 'test|pc');
  }
  async unprotect(blob: Uint8Array): Promise<Uint8Array> {
    this.unprotectCalls++;
    const out = aead.tryOpen(this.key, blob, 'test|pc');
    if (!out) throw machineKeyErrors.refused();
    return out;
  }
}

/** One OS account on one PC: its own DPAPI stand-in, its slot id, the PC's binding and machine secret. */
export interface Seat { protector: AccountProtector; slot: string; binding: string; machine: PcSecret }
export const seat = (account: string, pc = 'pc-a', protector = new AccountProtector()): Seat => ({
  protector, slot: accountSlotId({ identity: account }), binding: machineBindingOf(pc), machine: new PcSecret(pc),
});

export const opened: Vault[] = [];

export function deps(dataDir: string, s: Seat, audit = new TxAudit(), extra: Partial<SetupDeps> = {}): SetupDeps & { audit: TxAudit; ready: Vault[] } {
  const ready: Vault[] = [];
  return {
    dataDir, protector: s.protector, accountSlot: s.slot, machineBinding: s.binding, terminalId: 'T-0000aaaa',
    machineProtector: s.machine, enrolArgon2: OWASP_MIN,
    argon2: OWASP_MIN, clock: testNow, audit, ready,
    openAudit: async () => audit,
    onReady: async (v) => {
      ready.push(v);
      opened.push(v);
    },
    ...extra,
  };
}

export async function closeAll(): Promise<void> {
  for (const v of opened.splice(0)) await v.close().catch(() => undefined);
}

/** First-run setup to 'complete' with the sample list; returns the recovery key. */
export async function completeSetup(d: SetupDeps): Promise<string> {
  const s = await SetupService.start(d);
  await s.createAdmins(ADMINS);
  const key = s.recoveryKeyGroups().join('-');
  await s.confirmRecoveryKey(key.split('-').slice(-2).join(' ').toLowerCase());
  await s.reviewPolicy();
  const { token } = s.holdListFile('list.csv', readFileSync(SAMPLE_CSV));
  const dry = await s.dryRunImport(token);
  if (!dry.ok) throw new Error('dry run failed');
  const r = await s.commitImport({ token, planHash: dry.summary.planHash, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
  expect(r.ok).toBe(true);
  await closeAll();
  return key;
}

/** Starts as `s` and says where it stands; closes what opened. */
export async function stageOf(dataDir: string, s: Seat, extra: Partial<SetupDeps> = {}): Promise<ReturnType<SetupService['status']>> {
  const svc = await SetupService.start(deps(dataDir, s, new TxAudit(), extra));
  const st = svc.status();
  await closeAll();
  return st;
}
