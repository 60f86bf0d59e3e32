/** A real vault in a temp folder with an audit chain on it, a steppable clock, and tampering helpers. */
import { join } from 'node:path';
import { Vault } from '../../../electron/core/vault/vault';
import { openAuditChain } from '../../../electron/core/audit/open';
import type { AuditChain } from '../../../electron/core/audit';
import type { AuditEvent } from '../../../electron/core/ports';
import { AccountProtector, tempDir } from '../vault/helpers';

export interface AuditFixture {
  dir: string;
  dataDir: string;
  vault: Vault;
  chain: AuditChain;
  recoveryKey: string;
  protector: AccountProtector;
  clock: { now: Date; advance(ms: number): void; fn: () => Date };
  reopen(): Promise<AuditChain>;
  close(): Promise<void>;
}

export function steppingClock(start = '2026-04-06T01:00:00Z'): AuditFixture['clock'] {
  const c = {
    now: new Date(start),
    advance(ms: number) {
      c.now = new Date(c.now.getTime() + ms);
    },
    fn: () => c.now,
  };
  return c;
}

export async function auditFixture(opts: { start?: string } = {}): Promise<AuditFixture> {
  const dir = tempDir('cs-audit-');
  const dataDir = join(dir, 'data');
  const clock = steppingClock(opts.start);
  const protector = new AccountProtector();
  const { vault, recoveryKey } = await Vault.create({ dataDir, clock: clock.fn }, { protector });
  const fx: AuditFixture = {
    dir, dataDir, vault, recoveryKey, protector, clock,
    chain: await openAuditChain(vault, { dataDir, terminal: 'T01', clock: clock.fn }),
    async reopen() {
      await fx.chain.close();
      fx.chain = await openAuditChain(vault, { dataDir, terminal: 'T01', clock: clock.fn });
      return fx.chain;
    },
    async close() {
      await fx.chain.close().catch(() => undefined);
      await vault.close();
    },
  };
  return fx;
}

export function sampleEvent(i: number): AuditEvent {
  const kinds: AuditEvent[] = [
    { action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: `D${String((i % 150) + 1).padStart(4, '0')}` }], detail: { decision: 'match', count: 1 } },
    { action: 'unmask.requested', actors: ['S0001'], targets: [{ recordId: 'D0003', field: 'address' }], detail: { grant: `g${i}` } },
    { action: 'unmask.approved', actors: ['S0001', 'L0001'], targets: [{ recordId: 'D0003', field: 'address' }], detail: { grant: `g${i}`, ttlSeconds: 60 } },
    { action: 'policy.photo_requested', actors: ['S0002'], detail: { ref: 'ABCD2345', at: '2026-04-06T01:00:00.000Z' } },
  ];
  return kinds[i % kinds.length]!;
}

export async function appendMany(chain: AuditChain, n: number, from = 0): Promise<void> {
  await Promise.all(Array.from({ length: n }, (_, i) => chain.append(sampleEvent(from + i))));
}

/** The file-level attacker: drops the append-only triggers first, as anyone with the file can. */
export async function tamper(chain: AuditChain, sql: string, params: unknown[] = []): Promise<void> {
  await chain.drain();
  await chain.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  await chain.db.run(sql, params);
}
