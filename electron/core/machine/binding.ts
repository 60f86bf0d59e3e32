/**
 * The PC a vault belongs to (issue 16): a keyed record of machineBindingOf(MachineGuid / machine-id), written
 * when the vault is created or enrolled on a PC. A data folder copied to another PC (or restored there) reads a
 * different binding and is treated as a copy: it asks for enrolment as a new terminal instead of carrying on as
 * the PC it was copied from. Keyed with a service key so the row cannot be set to another PC's value without
 * the data key.
 */
import { hmac, sameBytes } from '../vault/keys';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';

const MIGRATIONS = ['CREATE TABLE machine_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);'];

export type BindingState = 'this-pc' | 'unbound' | 'other-pc';

const mac = (vault: Vault, binding: string): Buffer => hmac(vault.serviceKey('machine-binding'), binding);

export async function bindingState(vault: Vault, binding: string): Promise<BindingState> {
  await migrateSubsystem(vault.database, 'machine', MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>("SELECT value FROM machine_meta WHERE key = 'binding'");
  if (!row) return 'unbound';
  return sameBytes(row.value, mac(vault, binding)) ? 'this-pc' : 'other-pc';
}

/** Inside the caller's transaction, beside its audit entry ('terminal.bound' / 'terminal.enrolled'). */
export async function writeBinding(vault: Vault, binding: string): Promise<void> {
  await migrateSubsystem(vault.database, 'machine', MIGRATIONS);
  await vault.database.run("INSERT OR REPLACE INTO machine_meta (key, value) VALUES ('binding', ?)", [mac(vault, binding)]);
}
