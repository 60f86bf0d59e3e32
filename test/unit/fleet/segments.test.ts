/**
 * Audit segments (SPEC F16, issue 19): each terminal's chain travels to the station, which verifies every terminal
 * separately and names what is wrong per terminal; accepted heads are what the next manifest acknowledges.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FleetReview } from '../../../electron/core/fleet/review';
import { writeSegment } from '../../../electron/core/fleet/segment';
import { personalNeedles, scanFolder } from '../audit/personal';
import { copyDir, makeFleet, release, replaceDir, SAMPLE, T0, pinClockAtT0, type Fleet, type Node } from './helpers';
import { fakedSystemClock } from '../../clock';

let fleet: Fleet | undefined;
pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const seg = (f: Fleet, t: Node) => writeSegment({ vault: t.vault, terminal: t.id, outDir: join(f.drop, 'segments'), clock: fakedSystemClock, audit: t.audit });
async function lookups(t: Node, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await t.audit.append({ action: 'lookup.hit', actors: ['C-0001'], targets: [{ recordId: `R${i}` }] });
}

describe('audit segments at the station', () => {
  it('three terminals: one clean, one tampered, one rolled back — each named on its own', async () => {
    const f = (fleet = await makeFleet(3));
    await f.stationVault.commit(SAMPLE);
    await release(f);
    for (const t of f.terminals) {
      await t.fleet.check();
      await lookups(t, 3);
    }
    const review = await FleetReview.open({ vault: f.stationVault, stateDir: f.stationDir, clock: fakedSystemClock });
    for (const t of f.terminals) {
      const s = (await seg(f, t))!;
      expect(s.segment.fromSeq).toBe(1);
      expect(await review.importSegment(readFileSync(s.file, 'utf8'))).toMatchObject({ terminal: t.id, ok: true });
    }
    // T3's clerk keeps a copy of the folder; T1 and T3 carry on.
    f.terminals[2] = await f.reopen(f.terminals[2]!);
    const copy = copyDir(f.terminals[2]!.dir);
    for (const t of f.terminals) await lookups(t, 2);
    const s1 = (await seg(f, f.terminals[0]!))!;
    const s2 = (await seg(f, f.terminals[1]!))!;
    const s3 = (await seg(f, f.terminals[2]!))!;
    expect(await review.importSegment(readFileSync(s1.file, 'utf8'))).toMatchObject({ ok: true });
    // T2: one entry edited in the file (a record id changed) → edited, at that entry.
    const text = readFileSync(s2.file, 'utf8').replace('"[{\\"recordId\\":\\"R0\\"}]"', '"[{\\"recordId\\":\\"R9\\"}]"');
    expect(text).not.toBe(readFileSync(s2.file, 'utf8'));
    writeFileSync(s2.file, text);
    const r2 = await review.importSegment(text);
    expect(r2).toMatchObject({ terminal: 'T-00000002', ok: false });
    expect(r2.problems.map((p) => p.kind)).toEqual(['edited']);
    expect(r2.problems[0]!.ja).toMatch(/T-00000002.*改ざん/);
    expect(await review.importSegment(readFileSync(s3.file, 'utf8'))).toMatchObject({ ok: true });
    // T3 copied back: its next segment starts where the old folder stood and ends before the head the station
    // accepted → an older head, named for T3 only.
    await f.terminals[2]!.audit.close();
    await f.terminals[2]!.vault.close();
    replaceDir(f.terminals[2]!.dir, copy);
    f.terminals[2] = await f.reopen(f.terminals[2]!);
    await lookups(f.terminals[2]!, 1);
    const back = (await seg(f, f.terminals[2]!))!;
    const r3 = await review.importSegment(readFileSync(back.file, 'utf8'));
    expect(r3.ok).toBe(false);
    expect(r3.problems.map((p) => [p.terminal, p.kind])).toEqual([['T-00000003', 'older-head']]);
    // Once the copied-back PC has written past the accepted head, its history is another one: a fork.
    vi.setSystemTime(new Date(T0.getTime() + 3_600_000));
    await lookups(f.terminals[2]!, 5);
    const past = await review.importSegment(readFileSync((await seg(f, f.terminals[2]!))!.file, 'utf8'));
    expect(past.problems.map((p) => [p.terminal, p.kind])).toEqual([['T-00000003', 'fork']]);
    // The station acknowledges what it accepted; the rolled-back terminal is then stopped at its next check.
    await f.station.acknowledge(review.heads());
    expect(await f.terminals[0]!.fleet.check()).toMatchObject({ state: 'current' });
    expect(await f.terminals[2]!.fleet.check()).toMatchObject({ state: 'rolled-back' });
    expect(scanFolder(join(f.drop, 'segments'), personalNeedles())).toEqual([]);
  });

  it('a missing segment is a gap, a replayed older one an older head, and a retired terminal is refused', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    const review = await FleetReview.open({ vault: f.stationVault, stateDir: f.stationDir, clock: fakedSystemClock });
    await lookups(t, 2);
    const a = (await seg(f, t))!;
    await lookups(t, 2);
    const b = (await seg(f, t))!;
    await lookups(t, 2);
    const c = (await seg(f, t))!;
    expect((await review.importSegment(readFileSync(a.file, 'utf8'))).ok).toBe(true);
    const gap = await review.importSegment(readFileSync(c.file, 'utf8'));
    expect(gap.problems.map((p) => p.kind)).toEqual(['gap']);
    expect((await review.importSegment(readFileSync(b.file, 'utf8'))).ok).toBe(true);
    expect((await review.importSegment(readFileSync(c.file, 'utf8'))).ok).toBe(true);
    const old = await review.importSegment(readFileSync(b.file, 'utf8'));
    expect(old.problems.map((p) => p.kind)).toEqual(['older-head']);
    expect((await review.importSegment(readFileSync(c.file, 'utf8'), [t.id])).problems.map((p) => p.kind)).toEqual(['retired']);
    // A terminal silent for longer than the policy's days is overdue; the state survives a reopen, MACed.
    expect(review.overdue(3, [t.id, 'T-00000009'])).toEqual(['T-00000009']);
    vi.setSystemTime(new Date(T0.getTime() + 4 * 86_400_000));
    const again = await FleetReview.open({ vault: f.stationVault, stateDir: f.stationDir, clock: fakedSystemClock });
    expect(again.overdue(3, [t.id])).toEqual([t.id]);
    expect(again.heads()[t.id]!.seq).toBe(c.segment.toSeq);
  });
});
