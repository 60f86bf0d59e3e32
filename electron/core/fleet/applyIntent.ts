/**
 * A package applied as one all-or-nothing step (issue 15, SPEC invariant 7). The list, the staff directory and
 * the vault's marks live in the vault database; the policy file and the machine-wide marks do not, so they cannot
 * share the transaction. The pattern is the policy change's (policy/intent.ts): the list, the directory, the
 * vault marks, this intent row and the `fleet.package_applied` entry — naming the real changes — commit in one
 * transaction; the files are written after; the intent is cleared last. A kill in between is finished at the
 * next check (the same bytes written again; no second entry), so the log names each change exactly once, and a
 * re-apply of the same package (which used to be audited as "zero changes") cannot happen: the vault marks
 * already say it is applied.
 */
import * as aead from '../vault/aead';
import type { Vault } from '../vault/vault';
import { migrateSubsystem } from '../vault/schema';
import { FLEET_MIGRATIONS, type Marks } from './highWater';

export interface PackageIntent {
  version: number;
  /** The package's policy file (base64) when it differs from the file in force; null when nothing to write. */
  policy: string | null;
  /** True when the package waits for two people: its file stays as `pending.csp`; false removes that file. */
  keepPending: boolean;
  /** The marks the apply committed to the vault; the machine-wide copy is raised to them afterwards. */
  marks: Marks;
}

export type PackageApplyStep = 'planned' | 'intent-written' | 'files-written' | 'finished';

const KEY = 'apply-intent';
const AAD = 'cs/v1|fleet|apply-intent';

/** The intent row in fleet_meta, sealed (AES-GCM) under its own vault service key: an edited row does not open. */
export class PackageIntents {
  constructor(private readonly vault: Vault) {}

  private async ready(): Promise<void> {
    await migrateSubsystem(this.vault.database, 'fleet', FLEET_MIGRATIONS);
  }

  /** Inside the caller's transaction. */
  async put(i: PackageIntent): Promise<void> {
    await this.ready();
    const blob = aead.seal(this.vault.serviceKey('fleet-apply-intent'), Buffer.from(JSON.stringify(i), 'utf8'), AAD);
    await this.vault.database.run('INSERT OR REPLACE INTO fleet_meta (key, value) VALUES (?, ?)', [KEY, blob]);
  }

  /** The intent an interrupted apply left; one that does not open (edited outside the app) reads as `tampered`. */
  async pending(): Promise<PackageIntent | 'tampered' | null> {
    await this.ready();
    const row = await this.vault.database.get<{ value: Buffer }>('SELECT value FROM fleet_meta WHERE key = ?', [KEY]);
    if (!row) return null;
    try {
      return JSON.parse(aead.open(this.vault.serviceKey('fleet-apply-intent'), row.value, AAD, 'fleet-apply-intent').toString('utf8')) as PackageIntent;
    } catch {
      return 'tampered';
    }
  }

  async clear(): Promise<void> {
    await this.ready();
    await this.vault.database.run('DELETE FROM fleet_meta WHERE key = ?', [KEY]);
  }
}
