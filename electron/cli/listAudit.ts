/**
 * The CLI's list imports and bundle exports go into the vault's own audit chain like the app's (SPEC F10):
 * the terminal id of the data folder they run on (issue 19: every entry names where it happened — the app on that
 * PC writes the same id), actor 'cli' (whoever holds the recovery key), counts, codes and 管理番号 only.
 * A committed import writes its entries inside the import's own transaction (issue 15); refusals and dry runs
 * are appended afterwards, so a refused file still leaves its refusal in the log.
 */
import { ChainBreaks, type AuditChain } from '../core/audit';
import { ProtectionGate } from '../core/protection';
import { refusedEvent } from '../core/list';
import { printError } from './args';
import { openAuditChain } from '../core/audit/open';
import { platformMachineId, terminalIdOf } from '../core/machine/identity';
import { committedEvent, removalConfirmedEvents } from '../core/list';
import type { AuditEvent } from '../core/ports';
import type { CommitOptions, Vault } from '../core/vault/vault';

export const CLI_ACTOR = 'cli';

export async function openCliChain(vault: Vault, dataDir: string): Promise<AuditChain> {
  return openAuditChain(vault, { dataDir, terminal: await cliTerminalId(), clock: () => new Date(), dailyCheckpoint: false });
}

/**
 * The terminal the CLI's entries name: this PC's own id (issue 16 binds it to the machine), the same id the app on
 * this PC writes — never 'cli', so the fleet review can say where an entry happened (issue 19).
 */
export async function cliTerminalId(): Promise<string> {
  return terminalIdOf(await platformMachineId(process.platform).read());
}

/**
 * The app's fail-closed gate for the CLI's list imports too (issue 14): while a recorded chain break, failed
 * integrity check, policy rollback or counter reset is unacknowledged, no list import commits — the recovery key
 * alone does not override what two people must acknowledge in the app. Returns the exit code (4, as verify's
 * "broken") after recording the refusal, or null when the import may go on.
 */
export async function refuseWhileStopped(chain: AuditChain, source: 'csv' | 'bundle'): Promise<number | null> {
  // Acknowledging is not something the CLI does: an authenticator that never verifies anyone.
  const gate = new ProtectionGate(chain, new ChainBreaks(chain, { verifyPin: async () => ({ ok: false, error: { code: 'E_CLI_NO_ACK', ja: 'CLI では確認できません。', en: 'The CLI cannot acknowledge.' } }) }));
  const stopped = await gate.stopped();
  if (!stopped) return null;
  await chain.append(refusedEvent([CLI_ACTOR], source, stopped.code)).catch(() => undefined);
  printError(stopped.toInfo());
  return 4;
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
