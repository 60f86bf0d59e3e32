/**
 * Issue 21: station packages carry the 前住所 / 前本籍 tokens exactly as list bundles do. The station imports the
 * plain 住基 CSV (with the old places); the vault keeps those only as keyed tokens, so a package built from the
 * exported persons alone left every terminal unable to see that a letter goes to a protected person's old address,
 * or that a new 本籍 lands on a 前本籍.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPackage, packageName } from '../../../electron/core/fleet/package';
import { MailingService } from '../../../electron/core/mailing';
import { MemoryProbeCounters } from '../../../electron/core/mailing/probeStore';
import { fakedSystemClock } from '../../clock';
import { fixture, KODOMO_MAPPING, listPersons, MemoryAudit, utf8 } from '../mailing/helpers';
import { makeFleet, pinClockAtT0, release, type Fleet } from './helpers';

let fleet: Fleet | undefined;
pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const LIST = fixture('list.csv');
const persons = listPersons();
const m2 = persons.find((p) => p.id === 'M0002')!; // 前住所 given
const m3 = persons.find((p) => p.id === 'M0003')!; // 前本籍 given
const HEAD = '宛名氏名,宛名カナ,宛名生年月日,送付先住所,児童1氏名,児童1生年月日';

/** A letter to M0002 at their 前住所, checked at a terminal: the query matches the person only by the old place. */
async function letterToFormerAddress(f: Fleet, i: number) {
  const t = f.terminals[i]!;
  const service = new MailingService({ directory: () => t.vault, clock: fakedSystemClock, counters: new MemoryProbeCounters(new MemoryAudit(), fakedSystemClock) });
  const r = await service.check({ staffId: 'C-0001', department: 'kodomo-teate', mapping: KODOMO_MAPPING, bytes: utf8(`${HEAD}\n${m2.name},${m2.kana},${m2.dob},${m2.formerAddress},,\n`) });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.results[0];
}

describe('station packages carry the 前住所 / 前本籍 (issue 21)', () => {
  it('a terminal fed by the station stops a letter to the 前住所 and flags a new 本籍 on the 前本籍, as a bundle-fed one does', async () => {
    const f = (fleet = await makeFleet(2));
    expect((await f.stationVault.commit(LIST)).ok).toBe(true);
    await release(f);
    for (const [i, t] of f.terminals.entries()) {
      expect((await t.fleet.check()).state, t.id).toBe('updated');
      expect(t.vault.matchAddress(m2.id, m2.formerAddress!), t.id).toBe('former');
      expect(t.vault.matchAddress(m2.id, m2.address)).toBe('current');
      expect(t.vault.matchLot(m3.formerHonseki!)).toContain(m3.id);
      expect(await letterToFormerAddress(f, i)).toMatchObject({ decision: 'stop', code: 'ADDRESS_NOT_PROTECTED' });
    }
  });

  it('carries tokens only: the package, opened with its key, holds no 前住所 or 前本籍 text', async () => {
    const f = (fleet = await makeFleet(1));
    await f.stationVault.commit(LIST);
    const v = await release(f);
    const c = openPackage(f.stationVault, readFileSync(join(f.stationDir, 'fleet-last-package.csp')), v);
    expect(packageName(v)).toBe(`pkg-${v}.csp`);
    expect(c.former?.find(([id]) => id === m2.id)?.[1].length).toBeGreaterThan(0);
    const text = JSON.stringify(c) + Buffer.from(c.list, 'base64').toString('utf8');
    for (const p of persons) for (const place of [p.formerAddress, p.formerHonseki]) if (place) expect(text.includes(place), place).toBe(false);
  });

  it('a person the next release drops keeps their old places on the interim list while removal waits for two people', async () => {
    const f = (fleet = await makeFleet(1));
    await f.stationVault.commit(LIST);
    await release(f);
    const t = f.terminals[0]!;
    expect((await t.fleet.check()).state).toBe('updated');
    const without = LIST.toString('utf8').split('\n').filter((l) => !l.startsWith(`${m2.id},`)).join('\n');
    expect((await f.stationVault.commit(Buffer.from(without, 'utf8'), { confirmRemovals: true })).ok).toBe(true);
    await release(f);
    const s = await t.fleet.check();
    expect(s).toMatchObject({ state: 'pending-confirmation', plan: { appliedNow: 'interim', removed: [m2.id] } });
    expect(t.vault.matchAddress(m2.id, m2.formerAddress!)).toBe('former');
    expect(await letterToFormerAddress(f, 0)).toMatchObject({ decision: 'stop', code: 'ADDRESS_NOT_PROTECTED' });
  });
});
