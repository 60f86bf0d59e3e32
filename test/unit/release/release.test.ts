/**
 * Temporary release (SPEC F20, issue 22): two approvers, one person, one form, one case, hours — and it always
 * comes back: at its end, across a restart, with the clock set back, with its row edited, or on a stopped terminal,
 * each end recorded with its cause.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleaseService } from '../../../electron/core/release';
import { reportFromRows } from '../../../electron/core/review/report';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

const pin = (s: { staffId: string; pin: string }) => ({ staffId: s.staffId, pin: s.pin });
const CASE = 'c0ffee00c0ffee00c0ffee00';

let core: TestCore;
let clock: ReturnType<typeof manualClock>;
let mono: number;
let stopped: unknown;

async function service(): Promise<ReleaseService> {
  return ReleaseService.open({
    db: core.vault.database, key: core.vault.serviceKey('releases'), audit: core.audit, auth: core.staff, clock,
    exists: async (id) => (await core.vault.bodyOf(id)) !== undefined, stopped: async () => stopped, monotonic: () => mono,
  });
}
const grant = (s: ReleaseService, hours = 2) =>
  s.grant({ recordId: 'D0001', form: 'juminhyo', caseId: CASE, reason: 'court-order', hours, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) });
const ends = () => core.audit.events.filter((e) => e.action === 'release.ended').map((e) => e.detail?.cause);

beforeEach(async () => {
  clock = manualClock('2026-05-11T09:00:00+09:00');
  core = await createTestCore({ clock });
  mono = 0;
  stopped = null;
});
afterEach(async () => {
  await core.close();
});

describe('a temporary release', () => {
  it('needs two different leads, one listed person, a reason and 1–8 hours', async () => {
    const s = await service();
    const base = { recordId: 'D0001', form: 'juminhyo' as const, caseId: CASE, reason: 'court-order', hours: 2, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) };
    await expect(s.grant({ ...base, officer: pin(STAFF.lead1) })).rejects.toMatchObject({ code: 'E_RELEASE_TWO_PEOPLE' });
    await expect(s.grant({ ...base, officer: pin(STAFF.clerk1) })).rejects.toMatchObject({ code: 'E_RELEASE_ROLE' });
    await expect(s.grant({ ...base, hours: 9 })).rejects.toMatchObject({ code: 'E_RELEASE_HOURS' });
    await expect(s.grant({ ...base, hours: 0.5 })).rejects.toMatchObject({ code: 'E_RELEASE_HOURS' });
    await expect(s.grant({ ...base, reason: 'because' })).rejects.toMatchObject({ code: 'E_RELEASE_REASON' });
    await expect(s.grant({ ...base, recordId: 'D9999' })).rejects.toMatchObject({ code: 'E_RELEASE_NOT_FOUND' });
    expect(core.audit.actions()).not.toContain('release.granted');
  });

  it('is in force for its person, form and case only, one at a time, and is audited with both approvers', async () => {
    const s = await service();
    const r = await grant(s);
    expect(await s.inForce('D0001', 'juminhyo', CASE)).toBe(true);
    expect(await s.inForce('D0001', 'koseki', CASE)).toBe(false);
    expect(await s.inForce('D0002', 'juminhyo', CASE)).toBe(false);
    expect(await s.inForce('D0001', 'juminhyo', 'another-case')).toBe(false);
    await expect(grant(s)).rejects.toMatchObject({ code: 'E_RELEASE_ACTIVE' });
    const g = core.audit.events.find((e) => e.action === 'release.granted')!;
    expect(g).toMatchObject({ actors: [STAFF.lead1.staffId, STAFF.lead2.staffId], targets: [{ recordId: 'D0001' }], detail: { release: r.id, hours: 2, form: 'juminhyo' } });
  });

  it('ends by itself at its end, and the end is recorded', async () => {
    const s = await service();
    await grant(s);
    clock.advance(2 * 3600 - 1);
    expect(await s.inForce('D0001', 'juminhyo', CASE)).toBe(true);
    clock.advance(1);
    expect(await s.inForce('D0001', 'juminhyo', CASE)).toBe(false);
    expect(ends()).toEqual(['expired']);
  });

  it('that ended while the app was closed is recorded as ended at the next start', async () => {
    await grant(await service());
    clock.advance(5 * 3600);
    const again = await service();
    expect(ends()).toEqual(['expired']);
    expect(await again.forCase(CASE)).toEqual([]);
  });

  it('ends when the clock is set back — in the same process and after a restart', async () => {
    const s = await service();
    await grant(s);
    clock.advance(1800);
    clock.set('2026-05-11T08:00:00+09:00');
    expect(await s.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['clock-back']);

    clock.set('2026-05-11T10:00:00+09:00');
    const t = await service();
    await grant(t);
    clock.set('2026-05-11T11:00:00+09:00');
    expect(await t.forCase(CASE)).toHaveLength(1);
    clock.set('2026-05-11T10:30:00+09:00'); // after the release's start, but behind the highest time this vault has seen
    const u = await service();
    expect(await u.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['clock-back', 'clock-back']);
  });

  it('ends when its length has passed on the monotonic clock, though the wall clock stands still', async () => {
    const s = await service();
    await grant(s, 1);
    mono += 3_600_000;
    expect(await s.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['monotonic']);
  });

  it('ends instead of stretching when its end is edited in the database', async () => {
    const s = await service();
    await grant(s);
    await core.vault.database.run("UPDATE releases SET ends_at = '2026-05-20T00:00:00.000Z'");
    expect(await s.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['tampered']);
  });

  it('ends on a stopped terminal (a rolled-back folder held by the fleet, a broken chain) and none can be granted there', async () => {
    const s = await service();
    await grant(s);
    stopped = { code: 'E_PROTECTION_STOPPED' };
    expect(await s.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['stopped']);
    await expect(grant(s)).rejects.toMatchObject({ code: 'E_RELEASE_STOPPED' });
  });

  it('a lead can end it early; a folder rolled back to before that revives it only until its original end', async () => {
    const s = await service();
    const r = await grant(s);
    await s.endEarly(r.id, pin(STAFF.lead1));
    expect(ends()).toEqual(['ended-early']);
    await core.vault.database.run('UPDATE releases SET ended_at = NULL, end_cause = NULL'); // the row as an old copy of the folder had it
    clock.advance(2 * 3600);
    const t = await service();
    expect(await t.forCase(CASE)).toEqual([]);
    expect(ends()).toEqual(['ended-early', 'expired']);
  });

  it('the monthly review lists every release and when (and how) it ended; one not yet ended stands out', async () => {
    const s = await service();
    const first = await grant(s);
    clock.advance(2 * 3600);
    await s.sweep();
    const second = await s.grant({ recordId: 'D0002', form: 'koseki', caseId: CASE, reason: 'own-request', hours: 1, lead: pin(STAFF.lead1), officer: pin(STAFF.lead2) });
    const rows = core.audit.events.map((e, i) => ({ seq: i + 1, at: '2026-05-11T03:00:00.000Z', actors: JSON.stringify(e.actors), action: e.action, detail: JSON.stringify(e.detail ?? {}) }));
    const report = reportFromRows(rows, '2026-05');
    expect(report.counts.releasesGranted).toBe(2);
    expect(report.releases).toEqual([
      expect.objectContaining({ release: first.id, recordId: 'D0001', endsAt: first.endsAt, cause: 'expired', endedAt: expect.any(String) }),
      expect.objectContaining({ release: second.id, recordId: 'D0002', endedAt: null, cause: null }),
    ]);
  });
});
