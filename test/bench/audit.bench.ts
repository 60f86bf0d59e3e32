/**
 * Audit figures for issue 8: append throughput (a burst of concurrent appends, group-committed, and
 * one-at-a-time awaited appends for the durable single-event case), and a full verify of 1,000,000 entries.
 * The 1M chain is written through the same AuditChain in large concurrent bursts (batched transactions).
 */
import { join } from 'node:path';
import { Vault } from '../../electron/core/vault/vault';
import { openAuditChain, openVerifier } from '../../electron/core/audit';
import { AccountProtector, tempDir } from '../unit/vault/helpers';
import { sampleEvent } from '../unit/audit/helpers';
import type { Report } from './run.mjs';
import { testClock } from '../clock';

export const name = 'audit';
const BURST = 20_000;
const SINGLE = 200;
const BIG = Number(process.env.CS_AUDIT_BENCH_ENTRIES ?? 1_000_000);

export async function run(report: Report): Promise<void> {
  const dataDir = join(tempDir('cs-bench-audit-'), 'data');
  const { vault } = await Vault.create({ dataDir }, { protector: new AccountProtector() });
  const chain = await openAuditChain(vault, { dataDir, terminal: 'BENCH', clock: testClock });
  try {
    let t = performance.now();
    for (let i = 0; i < SINGLE; i++) await chain.append(sampleEvent(i));
    report('single awaited appends (each durable: commit + head file)', SINGLE / ((performance.now() - t) / 1000), 'entries/s');

    t = performance.now();
    await Promise.all(Array.from({ length: BURST }, (_, i) => chain.append(sampleEvent(i))));
    report(`burst of ${BURST} concurrent appends (group commit)`, BURST / ((performance.now() - t) / 1000), 'entries/s', { min: 2000 });

    t = performance.now();
    let written = SINGLE + BURST;
    while (written < BIG) {
      const n = Math.min(50_000, BIG - written);
      await Promise.all(Array.from({ length: n }, (_, i) => chain.append(sampleEvent(written + i))));
      written += n;
    }
    report(`build of ${BIG} entries`, (performance.now() - t) / 1000, 's');

    const verifier = openVerifier(vault, dataDir);
    t = performance.now();
    const r = await verifier.verify();
    const secs = (performance.now() - t) / 1000;
    if (!r.ok || r.entries !== BIG) throw new Error(`verify failed: ${JSON.stringify(r.problems[0])} entries=${r.entries}`);
    report(`verify ${BIG} entries`, secs, 's', { max: 10 });
  } finally {
    await chain.close();
    await vault.close();
  }
}
