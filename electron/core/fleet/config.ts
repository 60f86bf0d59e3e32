/**
 * How this PC takes part in the fleet (issue 18): 'single' (one PC, no drop folder — today's app), 'station' (where
 * IT and the administrators work, makes packages, reviews segments) or 'terminal' (a counter PC that reads the drop
 * folder). Chosen by an administrator after setup; kept in the vault (sealed, so an edit of the database row is
 * refused, not obeyed) and audited. The list's identity as last applied lives here too, so the start screen can
 * show its age before the drop folder is read.
 */
import * as aead from '../vault/aead';
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { FLEET_MIGRATIONS } from './highWater';
import type { ListIdentity } from './package';

export const FLEET_MODES = ['single', 'station', 'terminal'] as const;
export type FleetMode = (typeof FLEET_MODES)[number];
export interface FleetConfig { mode: FleetMode; dropDir: string | null }

const SINGLE: FleetConfig = { mode: 'single', dropDir: null };
const AAD = 'cs/v1|fleet|config';

async function readSealed<T>(vault: Vault, key: string): Promise<T | undefined> {
  await migrateSubsystem(vault.database, 'fleet', FLEET_MIGRATIONS);
  const row = await vault.database.get<{ value: Buffer }>('SELECT value FROM fleet_meta WHERE key = ?', [key]);
  if (!row) return undefined;
  return JSON.parse(aead.open(vault.serviceKey('fleet-config'), row.value, `${AAD}|${key}`, 'fleet-config').toString('utf8')) as T;
}

async function writeSealed(vault: Vault, key: string, value: unknown): Promise<void> {
  await migrateSubsystem(vault.database, 'fleet', FLEET_MIGRATIONS);
  const blob = aead.seal(vault.serviceKey('fleet-config'), Buffer.from(JSON.stringify(value), 'utf8'), `${AAD}|${key}`);
  await vault.database.run('INSERT OR REPLACE INTO fleet_meta (key, value) VALUES (?, ?)', [key, blob]);
}

export async function readFleetConfig(vault: Vault): Promise<FleetConfig> {
  return (await readStoredConfig(vault)) ?? SINGLE;
}

/** Undefined when no mode was ever chosen in this vault (or the row is gone). */
export async function readStoredConfig(vault: Vault): Promise<FleetConfig | undefined> {
  const c = await readSealed<FleetConfig>(vault, 'config');
  return c && FLEET_MODES.includes(c.mode) ? c : undefined;
}

export const writeFleetConfig = (vault: Vault, c: FleetConfig): Promise<void> => writeSealed(vault, 'config', c);

export const readIdentity = (vault: Vault): Promise<ListIdentity | undefined> => readSealed<ListIdentity>(vault, 'identity');
export const writeIdentity = (vault: Vault, id: ListIdentity): Promise<void> => writeSealed(vault, 'identity', id);

/** The JST day of the last automatic segment (one a day). */
export async function readSegmentDay(vault: Vault): Promise<string | undefined> {
  return readSealed<string>(vault, 'segment_day');
}
export const writeSegmentDay = (vault: Vault, day: string): Promise<void> => writeSealed(vault, 'segment_day', day);
