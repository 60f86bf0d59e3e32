/**
 * The accounts and PCs this vault opens on, as the vault knows them today: one protector slot per enrolled
 * OS account (slot id = the terminal id it was enrolled under). Kept behind this one function on purpose:
 * issue 16 (one vault per PC, machine-wide data, per-account slots) will give slots owners and labels, and
 * only this function should have to learn that.
 */
import type { Vault } from '../vault/vault';

export interface EnrolledAccount {
  slotId: string;
}

export async function enrolledAccounts(vault: Vault): Promise<EnrolledAccount[]> {
  const rows = await vault.database.all<{ slot_id: string }>("SELECT slot_id FROM key_slots WHERE kind = 'protector' ORDER BY slot_id");
  return rows.map((r) => ({ slotId: r.slot_id }));
}

/** The lineage's id (meta 'vault_id', random at first run, not a secret): which vault a report is about. */
export async function vaultLineageId(vault: Vault): Promise<string> {
  const row = await vault.database.get<{ value: string | Buffer }>("SELECT value FROM meta WHERE key = 'vault_id'");
  return row ? String(row.value) : '';
}
