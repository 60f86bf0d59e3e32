/** Wiring from an open Vault: the app's writer, and the CLI's read-only verifier (recovery key). */
import { join } from 'node:path';
import type { Clock } from '../ports';
import type { Vault } from '../vault/vault';
import { AuditChain } from './chain';
import { firstKey } from './entry';
import { HEAD_FILE, headKey } from './head';
import { migrateAudit } from './schema';
import { verifyChain, type VerifyResult } from './verify';
import type { Checkpoint } from './checkpoint';

export function openAuditChain(vault: Vault, opts: { dataDir: string; terminal: string; clock: Clock; dailyCheckpoint?: boolean }): Promise<AuditChain> {
  return AuditChain.open({
    db: vault.database,
    macServiceKey: vault.serviceKey('audit-mac'),
    checkpointServiceKey: vault.serviceKey('audit-checkpoint'),
    ...opts,
  });
}

/** Verifies without appending anything (so it can run beside the app and never changes the evidence). */
export function openVerifier(vault: Vault, dataDir: string): { verify(opts?: { checkpoint?: Checkpoint }): Promise<VerifyResult> } {
  const mac = vault.serviceKey('audit-mac');
  return {
    async verify(opts = {}) {
      await migrateAudit(vault.database);
      return verifyChain({ db: vault.database, k1: firstKey(mac), headKey: headKey(mac), headFile: join(dataDir, HEAD_FILE), ...(opts.checkpoint && { checkpoint: opts.checkpoint }) });
    },
  };
}
