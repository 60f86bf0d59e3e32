/**
 * Issue 15, one writer at a time on the one connection: every service of the vault shares one sqlite
 * connection, so a plain (autocommit) write that another service makes while an import's BEGIN IMMEDIATE is
 * open would run inside the import's transaction — lost when the import rolls back, committed with it
 * otherwise. A clerk's wrong-PIN counter written then and rolled back is a free guess.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, type ImportStep } from '../../../electron/core/vault/vault';
import { openAuditChain } from '../../../electron/core/audit/open';
import { tempDir } from '../vault/helpers';
import { SAMPLE, sampleWithout } from './helpers';
import { testClock } from '../../clock';

describe('writes from other services never join an open import transaction (issue 15)', () => {
  it('a write and an audit entry made while an import runs survive the import’s rollback, and the import’s own entries still commit', async () => {
    const dir = tempDir('cs-shared-');
    const dataDir = join(dir, 'data');
    let onStep: (s: ImportStep) => void = () => undefined;
    const { vault } = await Vault.create({ dataDir, clock: testClock, faultPoint: (s) => onStep(s) });
    const db = vault.database;
    const chain = await openAuditChain(vault, { dataDir, terminal: 'T01', clock: testClock, dailyCheckpoint: false });
    expect((await vault.commit(readFileSync(SAMPLE))).ok).toBe(true);
    await db.exec('CREATE TABLE other_service (v TEXT)');

    // Another service (started outside the import) writes as soon as the import has planned.
    let planned!: () => void;
    const atPlanned = new Promise<void>((r) => (planned = r));
    const order: string[] = [];
    const other = (async () => {
      await atPlanned;
      await db.run("INSERT INTO other_service VALUES ('failed PIN for C001')");
      order.push('other write');
      await chain.append({ action: 'session.login', actors: ['C001'] });
      order.push('other audit');
    })();
    onStep = (s) => {
      if (s === 'planned') planned();
      // The import fails after its rows are in: the whole transaction rolls back.
      if (s === 'index-written') throw new Error('import fails late');
    };
    const { file } = sampleWithout(dir, 3);
    await expect(vault.commit(readFileSync(file), { confirmRemovals: true })).rejects.toBeTruthy();
    order.push('import done');
    await other;
    expect(await db.all('SELECT v FROM other_service')).toEqual([{ v: 'failed PIN for C001' }]);
    expect((await vault.status()).persons).toBe(150);
    expect(order).toEqual(['import done', 'other write', 'other audit']);

    // An import that commits, with its own entries in its transaction and another service appending meanwhile:
    // nothing waits on itself, and every entry is there once, in a whole chain.
    onStep = (s) => {
      if (s === 'planned') void chain.append({ action: 'session.logout', actors: ['C001'] });
    };
    const r = await vault.commit(readFileSync(file), {
      confirmRemovals: true,
      audit: { sink: chain, events: () => [{ action: 'import.committed', actors: ['A001'], detail: { added: 0 } }] },
    });
    expect(r.ok).toBe(true);
    await chain.drain();
    const actions = (await db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).map((x) => x.action);
    expect(actions.filter((a) => ['session.login', 'session.logout', 'import.committed'].includes(a))).toEqual(['session.login', 'import.committed', 'session.logout']);
    expect((await chain.verify()).ok).toBe(true);
    await chain.close();
    await vault.close();
  }, 60_000);
});
