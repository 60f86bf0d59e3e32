/** Issue 15, defect 6: an OS clock set back is flagged, and no checkpoint is dated before the previous one. */
import { describe, expect, it } from 'vitest';
import { findClockRegressions } from '../../../electron/core/audit';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { auditFixture } from '../audit/helpers';

describe('time going backwards (issue 15)', () => {
  it('an entry dated before its predecessor is flagged in the chain, written into the log, and found by verify', async () => {
    const fx = await auditFixture({ start: '2026-05-11T01:00:00Z' });
    await fx.chain.append({ action: 'session.login', actors: ['S001'] });
    expect(fx.chain.clockStatus().backwards).toBe(false);
    fx.clock.advance(-3 * 3600_000);
    await fx.chain.append({ action: 'session.logout', actors: ['S001'] });
    expect(fx.chain.clockStatus()).toMatchObject({ backwards: true, lastEntryAt: expect.any(String) });
    const rows = await fx.vault.database.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.action)).toContain('audit.clock_backwards');
    const found = await findClockRegressions(fx.vault.database);
    expect(found.entriesBackwards).toBeGreaterThan(0);
    // Not tampering: the chain itself still verifies.
    expect((await fx.chain.verify()).ok).toBe(true);

    // The start screen gets it through app:status.
    const ctx = {
      version: 't', prefs: { getLanguage: () => 'ja', setLanguage: () => undefined, getTerminalLabel: () => '' },
      locks: () => ({ networkBlocked: true, permissionsDenied: true, contentProtection: true, source: 'test-harness' }),
      vaultState: () => 'open', staffCount: () => 1, clockStatus: () => fx.chain.clockStatus(),
      policy: {} as AppContext['policy'],
    } as AppContext;
    const res = await createAppRouter(ctx, 'app://countershield').dispatch({ url: 'app://countershield/index.html', isMainFrame: true }, { channel: 'app:status', payload: {} });
    expect(res).toMatchObject({ ok: true, value: { clock: { backwards: true } } });
    await fx.close();
  });

  it('reopening with a clock behind the last entry flags it at once', async () => {
    const fx = await auditFixture({ start: '2026-05-11T01:00:00Z' });
    await fx.chain.append({ action: 'session.login', actors: ['S001'] });
    fx.clock.advance(-24 * 3600_000);
    const chain = await fx.reopen();
    expect(chain.clockStatus().backwards).toBe(true);
    await fx.close();
  });

  it('a checkpoint is never dated before the previous one', async () => {
    const fx = await auditFixture({ start: '2026-05-11T01:00:00Z' });
    await fx.chain.append({ action: 'session.login', actors: ['S001'] });
    await fx.chain.checkpoint();
    fx.clock.advance(-2 * 24 * 3600_000);
    await expect(fx.chain.checkpoint()).rejects.toMatchObject({ code: 'E_AUDIT_CLOCK_BACKWARDS' });
    // The daily checkpoint of a new (earlier) JST day is skipped, not signed with the earlier date.
    await fx.chain.append({ action: 'session.logout', actors: ['S001'] });
    const cps = await fx.vault.database.all<{ at: string }>('SELECT at FROM audit_checkpoints ORDER BY seq');
    expect(cps.map((c) => c.at)).toEqual([...cps.map((c) => c.at)].sort());
    expect((await findClockRegressions(fx.vault.database)).checkpointsBackwards).toBe(0);
    await fx.close();
  });
});
