/**
 * SPEC invariant 7 for the lead's records (issue 15): an incident record, an incident update and a review
 * re-confirmation commit with their audit entries or not at all. They were audited first and written after,
 * so a write that failed (a full disk, a kill) left an entry for a record that does not exist.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jstMonth } from '../../../electron/core/audit/time';
import { STAFF } from '../../fakes/core';
import { startTerminal, type TestTerminal } from '../../fakes/terminal';
import { testNow } from '../../clock';

let t: TestTerminal | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const lead = { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin };
const incident = { discoveredAt: testNow().toISOString(), disclosedAt: testNow().toISOString(), what: '住所', toWhom: '窓口の方', how: '口頭', improperPurpose: false, recordIds: ['D0001'] };

describe('a lead’s record and its audit entry commit together (issue 15)', () => {
  it('a write that fails leaves neither the record nor its entry; one that succeeds leaves both', async () => {
    t = await startTerminal();
    const { incidents, review, chain } = t.ctx.leads!.services;
    const db = chain.db;
    const entries = async (action: string) => {
      await chain.drain();
      return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?', [action]))!.n;
    };
    // The disk refuses every write to these tables (as a full disk would, after the entry was queued).
    for (const table of ['incident_records', 'review_reconfirmations']) {
      await db.exec(`CREATE TRIGGER fail_${table}_i BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
      await db.exec(`CREATE TRIGGER fail_${table}_u BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    }
    await expect(incidents.create(incident, lead)).rejects.toBeTruthy();
    await expect(review.reconfirm({ ...lead, month: jstMonth(testNow()) })).rejects.toBeTruthy();
    expect(await entries('incident.recorded')).toBe(0);
    expect(await entries('review.reconfirmed')).toBe(0);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM incident_records'))!.n).toBe(0);

    await db.exec('DROP TRIGGER fail_incident_records_i; DROP TRIGGER fail_review_reconfirmations_i');
    const made = await incidents.create(incident, lead);
    await review.reconfirm({ ...lead, month: jstMonth(testNow()) });
    expect(await entries('incident.recorded')).toBe(1);
    expect(await entries('review.reconfirmed')).toBe(1);
    // An update the disk refuses: the record keeps its old body and no incident.updated entry appears.
    await expect(incidents.addContact(made.id, { method: '電話', text: '連絡済み' }, lead)).rejects.toBeTruthy();
    expect(await entries('incident.updated')).toBe(0);
    expect((await chain.verify()).ok).toBe(true);
  }, 60_000);
});
