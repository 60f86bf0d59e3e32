/**
 * The move from the old per-user folder (userData/vault) to the machine-wide one (issue 16): moved, not copied;
 * audited once; the old folder removed only after the new one opens; a kill at any step leaves one usable vault.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { MOVING_SUFFIX, moveLegacyVault } from '../../../electron/core/machine/migrate';
import { tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, seat, type Seat } from './helpers';

afterEach(closeAll);

/** A vault as the app before issue 16 left it: per-user folder, slot under the terminal id, pepper.bin. */
async function legacyVault(s: Seat): Promise<{ from: string; to: string }> {
  const root = tempDir('cs-move-');
  const from = join(root, 'userData', 'vault');
  mkdirSync(from, { recursive: true });
  await completeSetup(deps(from, s, undefined, { accountSlot: undefined, machineBinding: undefined }));
  return { from, to: join(root, 'ProgramData', 'CounterShield', 'vault') };
}

async function startAt(to: string, s: Seat, pending?: { staging: string }) {
  const d = deps(to, s, undefined, pending ? { pendingMove: pending } : {});
  const svc = await SetupService.start(d);
  const persons = d.ready[0] ? (await d.ready[0].status()).persons : undefined;
  await closeAll();
  return { stage: svc.status().stage, persons, actions: d.audit.actions() };
}

describe('moving the per-user vault to the machine-wide folder', () => {
  it('moves it on first start, opens it there with the same list, audits it once, and only then removes the old folder', async () => {
    const a = seat('city\\tanaka');
    const { from, to } = await legacyVault(a);
    const before = (await startAt(from, { ...a, slot: undefined as never })).persons;

    const pending = await moveLegacyVault(from, to);
    expect(pending).toBeDefined();
    expect(existsSync(from)).toBe(false);
    expect(existsSync(`${from}${MOVING_SUFFIX}`)).toBe(true);
    const first = await startAt(to, a, pending);
    expect(first).toMatchObject({ stage: 'complete', persons: before });
    expect(first.actions.filter((x) => x === 'vault.migrated')).toHaveLength(1);
    expect(existsSync(`${from}${MOVING_SUFFIX}`)).toBe(false);
    // Next start: nothing to move, nothing audited again.
    expect(await moveLegacyVault(from, to)).toBeUndefined();
    expect((await startAt(to, a)).actions).not.toContain('vault.migrated');
  });

  for (const step of ['renamed', 'copied'] as const) {
    it(`a kill after the files were ${step} leaves one usable vault and the next start finishes the move`, async () => {
      const a = seat('city\\tanaka');
      const { from, to } = await legacyVault(a);
      await expect(moveLegacyVault(from, to, (s) => {
        if (s === step) throw new Error('killed');
      })).rejects.toThrow('killed');
      // The old place no longer looks like a vault, the new one not yet: only the moving copy exists.
      expect(existsSync(from)).toBe(false);
      expect(existsSync(join(to, 'CURRENT'))).toBe(false);
      const pending = await moveLegacyVault(from, to);
      const r = await startAt(to, a, pending);
      expect(r.stage).toBe('complete');
      expect(r.persons).toBeGreaterThan(0);
      expect(existsSync(`${from}${MOVING_SUFFIX}`)).toBe(false);
    });
  }

  it('a kill after the new vault opened but before the old folder went: the next start removes it without a second audit entry', async () => {
    const a = seat('city\\tanaka');
    const { from, to } = await legacyVault(a);
    const pending = await moveLegacyVault(from, to);
    // Opened and audited, then killed before the removal (the moving copy is still there).
    const d = deps(to, a, undefined, {});
    await SetupService.start({ ...d, pendingMove: { staging: join(to, '..', 'not-there') } });
    await closeAll();
    expect(existsSync(pending!.staging)).toBe(true);
    const again = await moveLegacyVault(from, to);
    expect(again).toEqual(pending);
    const r = await startAt(to, a, again);
    expect(r.actions).not.toContain('vault.migrated');
    expect(existsSync(pending!.staging)).toBe(false);
  });

  it('a new PC with no old vault: nothing to move', async () => {
    const root = tempDir('cs-move-');
    expect(await moveLegacyVault(join(root, 'userData', 'vault'), join(root, 'pd'))).toBeUndefined();
  });
});
