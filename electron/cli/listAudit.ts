/**
 * The CLI's list imports and bundle exports go into the vault's own audit chain like the app's (SPEC F10):
 * terminal 'cli', actor 'cli' (whoever holds the recovery key), counts, codes and 管理番号 only.
 * The chain is opened after the work so a refused file still leaves its refusal in the log.
 */
import { openAuditChain } from '../core/audit/open';
import type { AuditEvent } from '../core/ports';
import type { Vault } from '../core/vault/vault';

export const CLI_ACTOR = 'cli';

export async function appendCliAudit(vault: Vault, dataDir: string, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const chain = await openAuditChain(vault, { dataDir, terminal: 'cli', clock: () => new Date(), dailyCheckpoint: false });
  try {
    for (const e of events) await chain.append(e);
  } finally {
    await chain.close();
  }
}
