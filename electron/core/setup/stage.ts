/**
 * How far first-run setup got, kept in the vault itself (migrateSubsystem 'setup'), so a setup interrupted by a
 * power cut or a closed window resumes where it stopped — or, before the recovery key was confirmed, is started
 * over (see SetupService.status): a vault whose only key nobody confirmed must never look finished.
 */
import { migrateSubsystem } from '../vault/schema';
import type { Vault } from '../vault/vault';

export const PERSISTED_STAGES = ['admins-created', 'key-confirmed', 'policy-reviewed', 'complete'] as const;
export type PersistedStage = (typeof PERSISTED_STAGES)[number];

const MIGRATIONS = ['CREATE TABLE setup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);'];

export async function readStage(vault: Vault): Promise<PersistedStage | undefined> {
  await migrateSubsystem(vault.database, 'setup', MIGRATIONS);
  const row = await vault.database.get<{ value: string }>("SELECT value FROM setup_meta WHERE key = 'stage'");
  return PERSISTED_STAGES.find((s) => s === row?.value);
}

export async function writeStage(vault: Vault, stage: PersistedStage): Promise<void> {
  await migrateSubsystem(vault.database, 'setup', MIGRATIONS);
  await vault.database.run("INSERT OR REPLACE INTO setup_meta (key, value) VALUES ('stage', ?)", [stage]);
}
