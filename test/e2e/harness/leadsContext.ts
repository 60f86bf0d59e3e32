/**
 * A real vault (temp folder, sample list, in-memory key protector) with the real lead services on it — audit
 * chain, review, incidents — seeded with a month of events, wired into an AppContext for launchApp. Test-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../../electron/core/vault/vault';
import { createLeadServices, type LeadServices } from '../../../electron/core/leads';
import { previousMonth, jstClock, jstMonth } from '../../../electron/core/audit/time';
import type { AppContext } from '../../../electron/ipc';
import { fakeStaff } from '../../fakes/policy';
import { AccountProtector, FIXTURES, tempDir } from '../../unit/vault/helpers';
import { testNow } from '../../clock';

export const LEAD = { staffId: 'L0001', pin: '482915' };
export const SECOND = { staffId: 'S0001', pin: '561827' };
const staff = fakeStaff({ L0001: { pin: LEAD.pin, roles: ['lead'] }, L0002: { pin: '739164', roles: ['lead'] }, S0001: { pin: SECOND.pin, roles: ['clerk'] }, S0002: { pin: '918273', roles: ['clerk'] }, S0003: { pin: '275319', roles: ['clerk'] } });

export interface LeadsFixture {
  dataDir: string;
  services: LeadServices;
  month: string;
  context: Partial<AppContext>;
  saved: string[];
  close(): Promise<void>;
}

export async function leadsFixture(): Promise<LeadsFixture> {
  const dataDir = join(tempDir('cs-e2e-leads-'), 'data');
  let fixed: Date | null = null;
  const clock = () => fixed ?? testNow();
  const { vault } = await Vault.create({ dataDir, clock }, { protector: new AccountProtector() });
  const imported = await vault.commit(readFileSync(join(FIXTURES, 'protected-sample.csv')));
  if (!imported.ok) throw new Error('sample list must import');
  const services = await createLeadServices({ vault, dataDir, terminal: 'COUNTER-01', clock, auth: staff, listStaff: async () => ['L0001', 'L0002', 'S0001', 'S0002', 'S0003'] });
  const month = previousMonth(jstMonth(testNow()));
  await seedMonth(services, month, (d) => (fixed = d));
  fixed = null;
  const saved: string[] = [];
  const context: Partial<AppContext> = {
    vaultState: () => 'open',
    // The lead screens need a lead's live session (issue 14); this fixture stands for a lead logged in at the terminal.
    leads: { services, saveExport: async (content, fileName) => (saved.push(content), { location: join(dataDir, '..', fileName) }), actor: async () => ({ staffId: LEAD.staffId, roles: ['lead'] }) },
  };
  return { dataDir, services, month, context, saved, async close() { await services.close(); await vault.close(); } };
}

/**
 * A plausible month at a small town counter: lookups most days, a few unmasks, refusals, alarms, one spike.
 * Any month: only weekdays are seeded (days 1–28 always hold 20 of them), and the spike falls on the first
 * weekday from the 15th, so S0002's 90 lookups always sit far above the other clerks' (~22 each).
 */
async function seedMonth(s: LeadServices, month: string, at: (d: Date) => void): Promise<void> {
  const c = s.chain;
  const clerks = ['S0001', 'S0002', 'S0003'];
  const dayAt = (day: number, hhmm: string): Date => new Date(`${month}-${String(day).padStart(2, '0')}T${hhmm}:00+09:00`);
  const weekday = (day: number): boolean => ![0, 6].includes(jstClock(dayAt(day, '10:00')).weekday);
  const spike = [15, 16, 17].find(weekday)!;
  for (let day = 1; day <= 28; day++) {
    if (!weekday(day)) continue;
    at(dayAt(day, '10:00'));
    const n = day === spike ? 90 : 2 + (day % 4);
    for (let i = 0; i < n; i++) {
      const clerk = day === spike ? 'S0002' : clerks[i % 3]!;
      await c.append({ action: 'lookup.hit', actors: [clerk], targets: [{ recordId: `D${String(((day * 7 + i) % 150) + 1).padStart(4, '0')}` }], detail: { decision: 'match' } });
    }
    if (day % 3 === 0) {
      await c.append({ action: 'unmask.requested', actors: ['S0001'], targets: [{ recordId: 'D0003', field: 'address' }] });
      await c.append({ action: 'unmask.approved', actors: ['S0001', 'L0001'], targets: [{ recordId: 'D0003', field: 'address' }] });
    }
    if (day % 5 === 0) await c.append({ action: 'unmask.refused', actors: ['S0003', 'L0001'], targets: [{ recordId: 'D0010', field: 'honseki' }] });
    if (day === 9) await c.append({ action: 'lookup.aitekata_hit', actors: ['S0002'], targets: [{ recordId: 'D0004' }] });
    if (day === 20) await c.append({ action: 'policy.photo_requested', actors: ['S0001'], detail: { ref: 'K7QX2M4P' } });
  }
  // Outside office hours whatever the weekday: 19:40 is after 17:15.
  at(dayAt(21, '19:40'));
  await c.append({ action: 'unmask.approved', actors: ['S0002', 'L0002'], targets: [{ recordId: 'D0021', field: 'address' }] });
}
