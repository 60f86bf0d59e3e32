/**
 * Issue 18: the terminal's configure step (FleetRuntime.configure, the `fleet:configure` channel) takes the
 * repository's root sheet apart from the vault's recovery key, which a terminal re-provisioned after a lineage
 * re-key needs: with its new recovery key alone the drop folder's first root is not this lineage's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChainBreaks } from '../../../electron/core/audit';
import { openAuditChain } from '../../../electron/core/audit/open';
import { FleetRuntime, type FleetTimers } from '../../../electron/core/fleet/runtime';
import { ProtectionGate } from '../../../electron/core/protection';
import { rekeyVault } from '../../../electron/core/vault/rekey';
import { Vault } from '../../../electron/core/vault/vault';
import { DEFAULT_CAMERA_POLICY } from '../../../shared/policy/cameraPolicy';
import { fakeStaff } from '../../fakes/policy';
import { fakedSystemClock } from '../../clock';
import { makeFleet, pinClockAtT0, type Fleet } from './helpers';

let fleet: Fleet | undefined;
pinClockAtT0();
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});
const auth = fakeStaff({ 'A-0001': { pin: '682015', roles: ['admin'] }, 'A-0002': { pin: '682016', roles: ['admin'] } });
const ADMINS = { first: { staffId: 'A-0001', pin: '682015' }, second: { staffId: 'A-0002', pin: '682016' } };
const timers: FleetTimers = { every: () => () => undefined };

describe('configuring a terminal after the lineage re-key', () => {
  it('is refused with the new recovery key alone and accepted with the repository\'s root sheet beside it', async () => {
    const f = (fleet = await makeFleet(1));
    const t = f.terminals[0]!;
    await t.audit.close();
    await t.vault.close();
    const { recoveryKey: newKey } = await rekeyVault({ dataDir: t.dir, clock: fakedSystemClock }, { recoveryKey: f.key });
    const vault = await Vault.openWithRecovery({ dataDir: t.dir, clock: fakedSystemClock }, newKey);
    const audit = await openAuditChain(vault, { dataDir: t.dir, terminal: t.id, clock: fakedSystemClock, dailyCheckpoint: false });
    try {
      const rt = await FleetRuntime.open({
        vault, dataDir: t.dir, terminalId: t.id, machineFile: t.machineFile, policyPath: t.policyPath, audit, auth,
        clock: fakedSystemClock, policy: () => DEFAULT_CAMERA_POLICY, timers,
      });
      new ProtectionGate(audit, new ChainBreaks(audit, auth)).holdWhile(() => rt.holdReason());
      await expect(rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop, recoveryKey: newKey })).rejects.toMatchObject({ code: 'E_FLEET_ROOT_UNTRUSTED' });
      expect(rt.config.mode).toBe('single');
      await rt.configure(ADMINS, { mode: 'terminal', dropDir: f.drop, recoveryKey: newKey, rootSheet: f.key });
      expect(rt.config).toEqual({ mode: 'terminal', dropDir: f.drop });
    } finally {
      await audit.close();
      await vault.close();
    }
  }, 240_000);
});
