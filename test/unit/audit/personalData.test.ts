import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../vault/helpers';
import { auditFixture, type AuditFixture } from './helpers';
import { personalNeedles, samplePersons, scanBytes, scanFolder } from './personal';
import { queryAudit, toCsv } from '../../../electron/core/audit';

let fx: AuditFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('the audit trail holds no personal data (SPEC F10, invariant 3)', () => {
  it('after every kind of event about every sample person, neither the audit table nor any file of the data folder holds a name, reading, birth date or address', async () => {
    fx = await auditFixture();
    expect((await fx.vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')))).ok).toBe(true);
    const persons = samplePersons();
    const writes: Promise<void>[] = [];
    for (const p of persons) {
      writes.push(fx.chain.append({ action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: p.id }], detail: { decision: 'match' } }));
      writes.push(fx.chain.append({ action: 'unmask.requested', actors: ['S0001'], targets: [{ recordId: p.id, field: 'address' }], detail: { ttlSeconds: 60 } }));
      writes.push(fx.chain.append({ action: 'unmask.approved', actors: ['S0001', 'L0001'], targets: [{ recordId: p.id, field: 'address' }] }));
      writes.push(fx.chain.append({ action: 'lookup.aitekata_hit', actors: ['S0002'], targets: [{ recordId: p.id, field: 'aitekata' }] }));
      // A developer mistake: the name where an id belongs. It must be refused, not written.
      writes.push(fx.chain.append({ action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: p.name }] }).then(() => {
        throw new Error('a name was accepted');
      }, (e: { code?: string }) => expect(e.code).toBe('E_AUDIT_PERSONAL_DATA')));
    }
    await Promise.all(writes);
    await fx.chain.checkpoint();
    const needles = personalNeedles();
    expect(needles.length).toBeGreaterThan(400);
    const rows = await fx.chain.db.all<Record<string, unknown>>('SELECT * FROM audit_log');
    expect(rows.length).toBe(persons.length * 4);
    const tableBytes = Buffer.from(rows.map((r) => Object.values(r).map(String).join('\x1f')).join('\n'), 'utf8');
    expect(scanBytes(tableBytes, needles)).toEqual([]);
    const csv = toCsv(await queryAudit(fx.chain.db, { limit: 5000 }));
    expect(scanBytes(Buffer.from(csv, 'utf8'), needles)).toEqual([]);
    // Open (database, WAL, SHM, head file) and after a clean close.
    const dataDir = fx.dataDir;
    expect(scanFolder(dataDir, needles)).toEqual([]);
    await fx.close();
    fx = undefined;
    expect(scanFolder(dataDir, needles)).toEqual([]);
  });
});
