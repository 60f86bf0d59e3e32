/** SPEC invariant 7 for staff and key changes: the change and its entry commit together or not at all. */
import { describe, expect, it } from 'vitest';
import { auditedTransaction } from '../../../electron/core/audit';
import { auditFixture } from '../audit/helpers';

describe('a change and its audit entry share one transaction (issue 15)', () => {
  it('committed together; a failure after the change, or an entry the chain refuses, rolls both back', async () => {
    const fx = await auditFixture();
    const db = fx.vault.database;
    await db.exec('CREATE TABLE t (v TEXT)');
    const count = async () => ({
      rows: (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))!.n,
      entries: (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'staff.pin.changed'"))!.n,
    });

    await auditedTransaction(db, fx.chain, () => db.run("INSERT INTO t VALUES ('a')"), () => [{ action: 'staff.pin.changed', actors: ['S001'] }]);
    expect(await count()).toEqual({ rows: 1, entries: 1 });

    await expect(auditedTransaction(db, fx.chain, async () => {
      await db.run("INSERT INTO t VALUES ('b')");
      throw new Error('crash after the change');
    }, () => [{ action: 'staff.pin.changed', actors: ['S001'] }])).rejects.toThrow('crash');
    expect(await count()).toEqual({ rows: 1, entries: 1 });

    await expect(auditedTransaction(db, fx.chain, () => db.run("INSERT INTO t VALUES ('c')"), () => [{ action: 'staff.pin.changed', actors: ['山田 花子'] }]))
      .rejects.toMatchObject({ code: 'E_AUDIT_PERSONAL_DATA' });
    expect(await count()).toEqual({ rows: 1, entries: 1 });

    // Appends queued meanwhile are not lost and the chain stays whole.
    await Promise.all([
      fx.chain.append({ action: 'session.login', actors: ['S002'] }),
      auditedTransaction(db, fx.chain, () => db.run("INSERT INTO t VALUES ('d')"), () => [{ action: 'staff.pin.changed', actors: ['S002'] }]),
      fx.chain.append({ action: 'session.logout', actors: ['S002'] }),
    ]);
    expect(await count()).toEqual({ rows: 2, entries: 2 });
    expect((await fx.chain.verify()).ok).toBe(true);
    await fx.close();
  });
});
