import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonthlyReview, FIVE_RULES } from '../../../electron/core/review';
import { fakeStaff } from '../../fakes/policy';
import { auditFixture, type AuditFixture } from '../audit/helpers';

const staff = fakeStaff({ L0001: { pin: '482915', roles: ['lead'] }, L0002: { pin: '739164', roles: ['lead'] }, S0001: { pin: '561827', roles: ['clerk'] }, S0002: { pin: '918273', roles: ['clerk'] }, S0003: { pin: '275319', roles: ['clerk'] } });
let fx: AuditFixture;
let review: MonthlyReview;
beforeEach(async () => {
  // 2026-04-06 10:00 JST, a Monday.
  fx = await auditFixture({ start: '2026-04-06T01:00:00Z' });
  review = await MonthlyReview.open({ db: fx.chain.db, audit: fx.chain, auth: staff, clock: fx.clock.fn, listStaff: async () => ['L0001', 'L0002', 'S0001', 'S0002', 'S0003'] });
});
afterEach(async () => {
  await fx.close();
});

async function aprilEvents(): Promise<void> {
  const c = fx.chain;
  for (let i = 0; i < 30; i++) await c.append({ action: 'lookup.hit', actors: ['S0001'], targets: [{ recordId: 'D0001' }] });
  for (let i = 0; i < 4; i++) await c.append({ action: 'lookup.hit', actors: ['S0002'], targets: [{ recordId: 'D0002' }] });
  for (let i = 0; i < 5; i++) await c.append({ action: 'lookup.hit', actors: ['S0003'], targets: [{ recordId: 'D0003' }] });
  for (let i = 0; i < 3; i++) await c.append({ action: 'unmask.refused', actors: ['S0002', 'L0001'], targets: [{ recordId: 'D0002', field: 'address' }] });
  await c.append({ action: 'unmask.approved', actors: ['S0001', 'L0001'], targets: [{ recordId: 'D0001', field: 'address' }] });
  fx.clock.advance(10 * 3600_000); // 20:00 JST
  await c.append({ action: 'unmask.approved', actors: ['S0003', 'L0002'], targets: [{ recordId: 'D0003', field: 'honseki' }] });
  await c.append({ action: 'lookup.aitekata_hit', actors: ['S0001'], targets: [{ recordId: 'D0004', field: 'aitekata' }] });
  await c.append({ action: 'policy.photo_requested', actors: ['S0001'], detail: { ref: 'ABCD2345' } });
  await c.append({ action: 'staff.pin.failed', actors: ['S0002'] });
}

describe('the monthly report (F11)', () => {
  it('counts the month and finds unmasks outside office hours, a clerk far above the others, and repeated refusals', async () => {
    await aprilEvents();
    const r = await review.report('2026-04');
    expect(r.counts).toMatchObject({ unmaskApproved: 2, unmaskRefused: 3, aitekataAlarms: 1, photoRequests: 1, pinFailures: 1, lookups: 39 });
    expect(r.perDay).toHaveLength(30);
    expect(r.perDay.find((d) => d.day === '2026-04-06')).toMatchObject({ total: 47, refusal: 3, unmask: 2, alarm: 1, photo: 1 });
    expect(r.anomalies).toEqual([
      expect.objectContaining({ kind: 'unmask-outside-hours', actors: ['S0003', 'L0002'] }),
      { kind: 'lookup-outlier', staffId: 'S0001', lookups: 30, median: 5 },
      { kind: 'repeated-refusals', staffId: 'S0002', refusals: 3 },
    ]);
    expect(r.reportHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('sign-off by a lead and a second person', () => {
  it('needs two different PIN-verified people, a lead first, bound to the report they saw; overdue until then', async () => {
    await aprilEvents();
    fx.clock.now = new Date('2026-05-08T01:00:00Z');
    expect((await review.status()).overdueReviews).toEqual(['2026-04']);
    const r = await review.report('2026-04');
    await expect(review.signOff({ month: '2026-04', reportHash: r.reportHash, lead: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'L0001', pin: '482915' } })).rejects.toMatchObject({ code: 'E_REVIEW_TWO_PEOPLE' });
    await expect(review.signOff({ month: '2026-04', reportHash: r.reportHash, lead: { staffId: 'S0001', pin: '561827' }, second: { staffId: 'L0001', pin: '482915' } })).rejects.toMatchObject({ code: 'E_REVIEW_LEAD_REQUIRED' });
    await expect(review.signOff({ month: '2026-04', reportHash: r.reportHash, lead: { staffId: 'L0001', pin: '000000' }, second: { staffId: 'S0001', pin: '561827' } })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    await expect(review.signOff({ month: '2026-04', reportHash: 'ab'.repeat(32), lead: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'S0001', pin: '561827' } })).rejects.toMatchObject({ code: 'E_REVIEW_REPORT_CHANGED' });
    const ok = await review.signOff({ month: '2026-04', reportHash: r.reportHash, lead: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'S0001', pin: '561827' } });
    expect(ok).toMatchObject({ lead: 'L0001', second: 'S0001' });
    expect((await review.status()).overdueReviews).toEqual([]);
    const logged = await fx.chain.db.all<{ action: string; actors: string }>("SELECT action, actors FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq");
    expect(logged.map((l) => l.action)).toEqual(['review.refused', 'review.refused', 'review.refused', 'review.refused', 'review.signed']);
    await expect(review.signOff({ month: '2026-05', reportHash: r.reportHash, lead: { staffId: 'L0001', pin: '482915' }, second: { staffId: 'S0001', pin: '561827' } })).rejects.toMatchObject({ code: 'E_REVIEW_MONTH' });
  });

  it('a review is due, not overdue, during the first week of the next month', async () => {
    await aprilEvents();
    fx.clock.now = new Date('2026-05-07T10:00:00Z');
    expect(await review.status()).toMatchObject({ overdueReviews: [], dueReview: '2026-04' });
  });
});

describe('monthly re-confirmation of the five rules', () => {
  it('lists who has not re-confirmed this month, overdue after the 7th', async () => {
    expect(FIVE_RULES).toHaveLength(5);
    await review.reconfirm({ staffId: 'S0001', pin: '561827', month: '2026-04' });
    await expect(review.reconfirm({ staffId: 'S0002', pin: '561827', month: '2026-04' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    await expect(review.reconfirm({ staffId: 'S0002', pin: '918273', month: '2026-03' })).rejects.toMatchObject({ code: 'E_REVIEW_RECONFIRM_MONTH' });
    expect(await review.status()).toMatchObject({ reconfirmationsDue: ['L0001', 'L0002', 'S0002', 'S0003'], reconfirmationsOverdue: false });
    fx.clock.now = new Date('2026-04-08T01:00:00Z');
    expect((await review.status()).reconfirmationsOverdue).toBe(true);
  });
});
