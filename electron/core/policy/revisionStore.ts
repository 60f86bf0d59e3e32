/**
 * The last approved policy revision, kept in the vault (issue 14): a policy file put back from before the last
 * approval, or deleted after one, is then a rollback the loader refuses. The row is MACed with the policy key,
 * so lowering it with a SQL editor reads as "unknown" — which the loader treats as a rollback (fail closed).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../vault/db';
import { migrateSubsystem } from '../vault/schema';
import type { PolicyRevisions } from './load';

const MIGRATIONS = [
  'CREATE TABLE policy_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL, mac BLOB NOT NULL);',
  // The approved file waiting to be written (intent.ts): the change's audit entry commits with it.
  'CREATE TABLE policy_intent (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL, proposal TEXT NOT NULL, content TEXT NOT NULL, mac BLOB NOT NULL);',
];

const macOf = (key: Uint8Array, revision: number) => createHmac('sha256', key).update(`countershield/v1/policy-revision|${revision}`).digest();

export async function policyRevisionStore(db: Db, key: Uint8Array): Promise<PolicyRevisions> {
  await migrateSubsystem(db, 'policy', MIGRATIONS);
  const last = async (): Promise<number> => {
    const row = await db.get<{ revision: number; mac: Buffer }>('SELECT revision, mac FROM policy_revision WHERE id = 1');
    if (!row) return 0;
    const want = macOf(key, row.revision);
    if (!Buffer.isBuffer(row.mac) || row.mac.length !== want.length || !timingSafeEqual(row.mac, want)) throw new Error('policy revision row does not verify');
    return row.revision;
  };
  return {
    last,
    async raise(revision) {
      const current = await last().catch(() => -1);
      // Only upwards; a row that does not verify is replaced by the next approval (two administrators).
      if (current >= revision) return;
      await db.run('INSERT OR REPLACE INTO policy_revision (id, revision, mac) VALUES (1, ?, ?)', [revision, macOf(key, revision)]);
    },
  };
}
