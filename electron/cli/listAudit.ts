/**
 * The CLI's list imports and bundle exports go into the vault's own audit chain like the app's (SPEC F10):
 * terminal 'cli', actor 'cli' (whoever holds the recovery key), counts, codes and 管理番号 only.
 * A committed import writes its entries inside the import's own transaction (issue 15); refusals and dry runs
 * are appended afterwards, so a refused file still leaves its refusal in the log.
 */
import type { AuditChain } from '../core/audit';
import { openAuditChain } from '../core/audit/open';
import { committedEvent, removalConfirmedEvents } from '../core/list';
import type { AuditEvent } from '../core/ports';
import type { CommitOptions, Vault } from '../core/vault/vault';

export const CLI_ACTOR = 'cli';

export function openCliChain(vault: Vault, dataDir: string): Promise<AuditChain> {
  return openAuditChain(vault, { dataDir, terminal: 'cli', clock: () => new Date(), dailyCheckpoint: false });
}

/** Runs `body` with the chain open and always closes it (its queued entries drained first). */
export async function withCliChain<T>(vault: Vault, dataDir: string, body: (chain: AuditChain) => Promise<T>): Promise<T> {
  const chain = await openCliChain(vault, dataDir);
  try {
    return await body(chain);
  } finally {
    await chain.close();
  }
}

export async function appendCliAudit(vault: Vault, dataDir: string, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await withCliChain(vault, dataDir, async (chain) => {
    for (const e of events) await chain.append(e);
  });
}

/** The entries a committed import writes in its own transaction: who confirmed which removals, then the commit. */
export function importAudit(chain: AuditChain, source: 'csv' | 'bundle'): NonNullable<CommitOptions['audit']> {
  const actors = [CLI_ACTOR];
  return { sink: chain, events: (s, bundleCreatedAt) => [...removalConfirmedEvents(actors, s, source), committedEvent(actors, s, source, bundleCreatedAt)] };
}
