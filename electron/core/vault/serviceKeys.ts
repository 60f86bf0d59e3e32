/**
 * Which master a service key comes from (issue 18, key rotation). Before any re-key every service key is derived
 * from the data key's `services` sub-key, as it always was. A re-key (rekey.ts) makes a new data key; the services
 * whose stored data must stay readable and whose MACs are anchored outside this PC keep their master — it is
 * carried, sealed under the new data key (meta `services_master`) — and the services in ROTATED start from the
 * new data key:
 * - `fleet-package`, `list-bundle`: the keys of the files that leave the PC. A key extracted from a stolen PC must
 *   not open the packages and bundles made after the re-key — that is what the re-key is for.
 * - `export-key-pin`, `seal-tags`: what they protect is made again by the re-key itself.
 * Carried (everything else): the audit chain's MAC and checkpoint keys (printed checkpoints and the station's
 * acknowledged heads are anchored on them; re-MACing history would orphan every anchor), the staff directory, the
 * policy MAC, the fleet's own state and the case/lookup/incident stores. docs/vault.md says what this leaves.
 */
import * as aead from './aead';
import type { Db } from './db';
import { hkdf, type SubKeys } from './keys';

export const ROTATED_SERVICES: ReadonlySet<string> = new Set(['fleet-package', 'list-bundle', 'export-key-pin', 'seal-tags']);

const CARRIED_AAD = 'cs/v1|meta|services_master';

export function serviceKeyOf(sub: SubKeys, carried: Buffer | undefined, service: string): Buffer {
  const master = carried && !ROTATED_SERVICES.has(service) ? carried : sub.services;
  return hkdf(master, Buffer.alloc(0), `countershield/v1/service/${service}`);
}

/** The carried master of a re-keyed vault (undefined before the first re-key). A damaged one is E_VAULT_CORRUPT. */
export async function readCarriedMaster(db: Db, sub: SubKeys): Promise<Buffer | undefined> {
  const row = await db.get<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'services_master'");
  return row ? aead.open(sub.record, row.value, CARRIED_AAD, 'services-master') : undefined;
}

export async function writeCarriedMaster(db: Db, sub: SubKeys, master: Uint8Array): Promise<void> {
  await db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', ['services_master', aead.seal(sub.record, master, CARRIED_AAD)]);
}
