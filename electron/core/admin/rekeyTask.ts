/**
 * The re-key as an administration task (issue 18): two different administrators' PINs and the current recovery key,
 * then vault/rekey.ts. The `vault.rekeyed` entry is appended to the re-keyed vault's own chain before it is put in
 * force — so the new vault never exists without it, and a kill before the switch leaves the old vault with no entry
 * and no change. It holds counts only, never a key. A refusal after a PIN check is recorded on the old vault.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '../../../shared/errors';
import { HEAD_FILE, openAuditChain } from '../audit';
import { pinSigner } from '../bundle/signing';
import { vaultErrors } from '../vault/errors';
import { rekeyVault, type RekeyResult, type RekeyStep } from '../vault/rekey';
import { withAdmin, type AdminEnv } from './access';
import { requireAdminPair } from './auth';
import { adminErrors } from './errors';
import { anchorOf, reanchor, type HeadAnchor } from './restoreAnchor';
import type { AdminPeople } from './tasks';

export type RekeyOutcome = RekeyResult;

export async function rekeyTask(env: AdminEnv, people: AdminPeople, opts: { recoveryKey?: string; faultPoint?: (s: RekeyStep) => void } = {}): Promise<RekeyOutcome> {
  const key = opts.recoveryKey ?? (env.access.kind === 'recovery' ? env.access.recoveryKey : undefined);
  if (!key) throw adminErrors.recoveryKeyNeeded('鍵の作り直し');
  // Always two administrators — also for the holder of the recovery key: the re-key locks every other account out.
  const actors = await withAdmin(env, async (h) => {
    try {
      await h.vault.verifyRecoveryKey(key);
      if (!people.first || !people.second) throw vaultErrors.rekeyNeedsTwoAdmins();
      return (await requireAdminPair(h.staff, people.first, people.second, 'admin-rekey', '鍵の作り直し')).map((a) => a.staffId);
    } catch (e) {
      if (isAppError(e)) await h.chain.append({ action: 'admin.refused', actors: ['terminal'], detail: { code: e.code, op: 'admin-rekey' } }).catch(() => undefined);
      throw e;
    }
  });
  // The candidate's chain writes its head file here, not beside the live database: a head ahead of the live log
  // would read as a truncation if the switch never happened.
  const headDir = await mkdtemp(join(tmpdir(), 'cs-rekey-'));
  try {
    let anchor: HeadAnchor | undefined;
    const r = await rekeyVault({ dataDir: env.dataDir, clock: env.clock }, {
      recoveryKey: key,
      ...(env.access.protector && { protector: env.access.protector, protectorSlot: env.accountSlot ?? 'default' }),
      ...(opts.faultPoint && { faultPoint: opts.faultPoint }),
      beforeSwitch: async (candidate, newKey, summary) => {
        // Bundles made from now on are signed with the new key (bundle/signing.ts).
        await pinSigner(candidate, newKey);
        await copyFile(join(env.dataDir, HEAD_FILE), join(headDir, HEAD_FILE)).catch(() => undefined);
        const chain = await openAuditChain(candidate, { dataDir: headDir, terminal: env.terminalId, clock: env.clock, dailyCheckpoint: false });
        try {
          await chain.append({ action: 'vault.rekeyed', actors, detail: { ...summary } });
        } finally {
          await chain.close();
        }
        anchor = await anchorOf(candidate);
      },
    });
    if (anchor) await reanchor(env.dataDir, anchor);
    return r;
  } finally {
    await rm(headDir, { recursive: true, force: true });
  }
}
