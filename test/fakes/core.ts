/**
 * A real core for tests, the e2e harness and the bench: a vault in a temp folder with the sample list
 * (../shared/fixtures/protected-sample.csv), the real staff directory (two administrators, two leads, two
 * clerks, created through the same two-person flow the app uses), sessions and unmask — composed by the
 * same createCoreServices the app uses. Only the key protector (in-memory) and the audit sink (a recorder)
 * stand in for the platform. Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEvent } from '../../electron/core/audit/validate';
import { createCoreServices, type CoreServices } from '../../electron/core/compose';
import type { AuditEvent, AuditSink, Clock, Role } from '../../electron/core/ports';
import { OWASP_MIN, type Argon2Params } from '../../electron/core/staff';
import { Vault } from '../../electron/core/vault/vault';
import { AccountProtector, FIXTURES, tempDir } from '../unit/vault/helpers';
import { testClock } from '../clock';

export class RecordingAudit implements AuditSink {
  readonly events: AuditEvent[] = [];
  failNext = false;
  async append(event: AuditEvent): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('audit unavailable');
    }
    // The real chain's guard: an event the audit trail would refuse fails the test that emitted it.
    validateEvent(event);
    this.events.push(structuredClone(event) as AuditEvent);
  }
  actions(): string[] {
    return this.events.map((e) => e.action);
  }
  /** Every audit row as one string, for byte-searching PINs and values. */
  text(): string {
    return JSON.stringify(this.events);
  }
}

/** PINs that pass the policy; tests search files and audit rows for every one of them. */
export const STAFF = {
  admin1: { staffId: 'A001', displayName: '管理 一郎', pin: '240681', roles: ['admin'] as Role[] },
  admin2: { staffId: 'A002', displayName: '管理 花子', pin: '358024', roles: ['admin'] as Role[] },
  lead1: { staffId: 'L001', displayName: '班長 健', pin: '472913', roles: ['lead'] as Role[] },
  lead2: { staffId: 'L002', displayName: '班長 恵', pin: '830572', roles: ['lead', 'clerk'] as Role[] },
  clerk1: { staffId: 'C001', displayName: '窓口 太郎', pin: '583946', roles: ['clerk'] as Role[] },
  clerk2: { staffId: 'C002', displayName: '窓口 次郎', pin: '691357', roles: ['clerk'] as Role[] },
} as const;
export const ALL_PINS = Object.values(STAFF).map((s) => s.pin);

export const SAMPLE_CSV = join(FIXTURES, 'protected-sample.csv');

/** A clock tests move by hand: no test sleeps for a delay or a TTL. */
export function manualClock(start = '2026-05-11T09:00:00+09:00'): Clock & { advance(seconds: number): void; set(iso: string): void } {
  let now = Date.parse(start);
  const clock = (() => new Date(now)) as Clock & { advance(seconds: number): void; set(iso: string): void };
  clock.advance = (s) => { now += s * 1000; };
  clock.set = (iso) => { now = Date.parse(iso); };
  return clock;
}

export interface TestCore extends CoreServices {
  dataDir: string;
  recoveryKey: string;
  protector: AccountProtector;
  audit: RecordingAudit;
  /** The clock every service of this core reads (the option, or testClock): fakes built on the core use it too. */
  clock: Clock;
}

export interface TestCoreOptions {
  clock?: Clock;
  audit?: RecordingAudit;
  dataDir?: string;
  grantTtlSeconds?: number;
  requestTtlSeconds?: number;
  idleSeconds?: number;
  /** The OWASP minimum keeps the suite quick; the bench and the app use DEFAULT_ARGON2. */
  argon2?: Argon2Params;
  sweepMs?: number;
  /** Skip the leads and clerks (bootstrap tests). */
  adminsOnly?: boolean;
}

export async function createTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDir('cs-core-');
  const clock = opts.clock ?? (testClock);
  const audit = opts.audit ?? new RecordingAudit();
  const protector = new AccountProtector();
  const { vault, recoveryKey } = await Vault.create({ dataDir, clock }, { protector });
  const imported = await vault.commit(readFileSync(SAMPLE_CSV));
  if (!imported.ok) throw new Error('sample list did not import');
  const core = await createCoreServices({
    dataDir, protector, audit, clock, vault, argon2: opts.argon2 ?? OWASP_MIN, sweepMs: opts.sweepMs ?? 0,
    ...(opts.grantTtlSeconds ? { grantTtlSeconds: opts.grantTtlSeconds } : {}),
    ...(opts.requestTtlSeconds ? { requestTtlSeconds: opts.requestTtlSeconds } : {}),
    ...(opts.idleSeconds ? { idleSeconds: opts.idleSeconds } : {}),
  });
  await core.staff.bootstrapAdmins({ recoveryKey, admins: [STAFF.admin1, STAFF.admin2] });
  if (!opts.adminsOnly) {
    for (const s of [STAFF.lead1, STAFF.lead2, STAFF.clerk1, STAFF.clerk2]) await addStaff(core, s, recoveryKey);
  }
  return { ...core, dataDir, recoveryKey, protector, audit, clock };
}

/** The real two-person flow: admin1 proposes, admin2 confirms, the new member types their PIN. */
export async function addStaff(core: CoreServices, s: { staffId: string; displayName: string; pin: string; roles: readonly Role[] }, recoveryKey?: string): Promise<void> {
  const p = await core.staff.proposeChange(STAFF.admin1.staffId, STAFF.admin1.pin, { kind: 'add', staffId: s.staffId, displayName: s.displayName, roles: [...s.roles] });
  await core.staff.confirmChange({
    changeId: p.changeId, changeHash: p.changeHash, confirmerId: STAFF.admin2.staffId, confirmerPin: STAFF.admin2.pin, subjectPin: s.pin,
    ...(p.needsSealAuthority && recoveryKey ? { recoveryKey } : {}),
  });
}

/** The sample's sealed values (address, 方書, 本籍, 備考) and names, read straight from the CSV. */
export function sampleSecrets(): { addresses: string[]; all: string[] } {
  const lines = readFileSync(SAMPLE_CSV, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(','));
  const pick = (name: string) => rows.map((r) => r[col(name)] ?? '').filter((v) => v.length >= 4);
  const addresses = pick('住所');
  return { addresses, all: [...addresses, ...pick('方書'), ...pick('本籍'), ...pick('備考')] };
}
