import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentLog, reportClocks } from '../../../electron/core/incident';
import { fakeStaff } from '../../fakes/policy';
import { auditFixture, type AuditFixture } from '../audit/helpers';
import { scanFolder } from '../audit/personal';

const staff = fakeStaff({ L0001: { pin: '482915', roles: ['lead'] }, S0001: { pin: '561827', roles: ['clerk'] } });
const lead = { staffId: 'L0001', pin: '482915' };
let fx: AuditFixture;
let log: IncidentLog;
beforeEach(async () => {
  fx = await auditFixture({ start: '2026-04-06T01:00:00Z' });
  log = await IncidentLog.open({ db: fx.chain.db, serviceKey: fx.vault.serviceKey('incident-records'), audit: fx.chain, auth: staff, clock: fx.clock.fn });
});
afterEach(async () => {
  await fx.close();
});

const input = {
  discoveredAt: '2026-04-06T01:00:00Z', disclosedAt: '2026-04-03T05:00:00Z',
  what: '転籍届の空欄に住所を補記し、申出者に提示した（神奈川県中郡二宮町富士見が丘5丁目）', toWhom: '申出者（対象者の親族 伊藤翔太）', how: '窓口で書面を提示、スマートフォンで撮影された',
  improperPurpose: false, recordIds: ['D0001'],
};

describe('the report clock (個人情報保護法)', () => {
  it('速報 in 5 days with a warning from the 3rd day; 確報 in 30 days, 60 with an improper purpose', () => {
    const at = (d: number) => new Date(Date.parse(input.discoveredAt) + d * 86_400_000);
    expect(reportClocks(input, at(1))[0]).toMatchObject({ kind: 'sokuho', dayNumber: 2, state: 'ok' });
    expect(reportClocks(input, at(2))[0]).toMatchObject({ dayNumber: 3, state: 'warning' });
    expect(reportClocks(input, at(5.01))[0]).toMatchObject({ state: 'overdue' });
    expect(reportClocks(input, at(24))[1]).toMatchObject({ kind: 'kakuho', state: 'warning' });
    expect(reportClocks(input, at(31))[1]).toMatchObject({ state: 'overdue' });
    expect(reportClocks({ ...input, improperPurpose: true }, at(31))[1]).toMatchObject({ state: 'ok' });
    expect(reportClocks({ ...input, sokuhoAt: at(1).toISOString() }, at(9))[0]).toMatchObject({ state: 'done' });
  });
});

describe('incident records (F12)', () => {
  it('are written by a lead, encrypted at rest, audited by id only, and count down until reported', async () => {
    await expect(log.create(input, { staffId: 'S0001', pin: '561827' })).rejects.toMatchObject({ code: 'E_INCIDENT_LEAD_REQUIRED' });
    const inc = await log.create(input, lead);
    expect(inc.id).toMatch(/^INC-\d{6}-[A-Z2-9]{4}$/);
    await log.addCorrection(inc.id, '誤って伝えた転居予定日を訂正し、正しい内容を本人に連絡した', lead);
    await log.addContact(inc.id, { method: '電話', text: '本人に経緯を説明し、謝罪した' }, lead);
    fx.clock.advance(2 * 86_400_000);
    expect((await log.deadlines())[0]).toMatchObject({ incidentId: inc.id, kind: 'sokuho', state: 'warning' });
    await log.markReported(inc.id, 'sokuho', lead);
    expect((await log.deadlines()).map((d) => d.kind)).toEqual(['kakuho']);
    expect(await log.get(inc.id)).toMatchObject({ what: input.what, corrections: [expect.objectContaining({ by: 'L0001' })], contacts: [expect.objectContaining({ method: '電話' })] });
    const audit = await fx.chain.db.all<{ action: string; targets: string; detail: string }>("SELECT action, targets, detail FROM audit_log WHERE action LIKE 'incident.%' ORDER BY seq");
    expect(audit.map((a) => a.action)).toEqual(['incident.recorded', 'incident.updated', 'incident.updated', 'incident.reported']);
    expect(JSON.parse(audit[0]!.targets)).toEqual([{ recordId: inc.id }, { recordId: 'D0001' }]);
    const dataDir = fx.dataDir;
    await fx.chain.drain();
    expect(scanFolder(dataDir, ['富士見が丘', '伊藤翔太', '撮影された', '転居予定日', '謝罪'])).toEqual([]);
  });

  it('a record moved to another id or edited fails closed', async () => {
    const a = await log.create(input, lead);
    const b = await log.create({ ...input, recordIds: ['D0002'] }, lead);
    const row = await fx.chain.db.get<{ body: Buffer }>('SELECT body FROM incident_records WHERE id = ?', [a.id]);
    await fx.chain.db.run('UPDATE incident_records SET body = ? WHERE id = ?', [row!.body, b.id]);
    await expect(log.get(b.id)).rejects.toMatchObject({ code: 'E_INCIDENT_CORRUPT' });
  });
});
