/**
 * The vault re-key (issue 18, docs/IT.md「保管庫の鍵の作り直し」) on synthetic lists of realistic size: a vault with
 * N persons (synthetic, invented names), then `rekeyVault` timed end to end — check of the old vault, copy, every
 * body and sealed field re-encrypted, the indexes rebuilt, the full check under the new key, the switch.
 * `npx tsx test/bench/run.mts rekey` runs this case alone; CS_REKEY_SIZES changes the sizes (default 10000,100000).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rekeyVault } from '../../electron/core/vault/rekey';
import { Vault } from '../../electron/core/vault/vault';
import { benchWallClock } from '../clock';
import { tempDir } from '../unit/vault/helpers';
import { syntheticCsv } from '../unit/vault/synthetic';
import type { Report } from './run.mjs';

export const name = 'rekey';
const SIZES = (process.env.CS_REKEY_SIZES ?? '10000,100000').split(',').map(Number);

export async function run(report: Report): Promise<void> {
  for (const n of SIZES) {
    const dataDir = join(tempDir('cs-bench-rekey-'), 'data');
    const { vault, recoveryKey } = await Vault.create({ dataDir, clock: benchWallClock });
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    // The import of the same list, timed in the same process: the scale to read the re-key's figure against on a
    // machine whose load differs from run to run.
    const ti = performance.now();
    const r = await vault.commit(Buffer.from(syntheticCsv(n, 11), 'utf8'));
    if (!r.ok) throw new Error(`synthetic import failed: ${r.error.code}`);
    report(`import_${label}_seconds`, (performance.now() - ti) / 1000, 's');
    await vault.close();
    const t0 = performance.now();
    const out = await rekeyVault({ dataDir, clock: benchWallClock }, { recoveryKey });
    report(`rekey_${label}_seconds`, (performance.now() - t0) / 1000, 's');
    report(`rekey_${label}_peak_rss`, process.resourceUsage().maxRSS / 1024, 'MB');
    if (out.persons !== n) throw new Error('re-key lost persons');
  }
}
