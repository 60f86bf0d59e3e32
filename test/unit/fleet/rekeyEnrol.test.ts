/**
 * Issue 18: after the station's vault is re-keyed (vault/rekey.ts), a terminal re-provisioned from the station's new
 * backup enrols with the new recovery key for its vault and the sheet the repository was made with for the root —
 * and then picks up a package made after the re-key, which only a vault of the new generation can decrypt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditChain } from '../../../electron/core/audit/open';
import { FleetStation } from '../../../electron/core/fleet/station';
import { FleetTerminal } from '../../../electron/core/fleet/terminal';
import { restoreBackup, writeBackup } from '../../../electron/core/vault/backup';
import { rekeyVault } from '../../../electron/core/vault/rekey';
import { Vault } from '../../../electron/core/vault/vault';
import { fakedSystemClock } from '../../clock';
import { tempDir } from '../vault/helpers';
import { makeFleet, pinClockAtT0, SAMPLE } from './helpers';

const clock = fakedSystemClock;
pinClockAtT0();

describe('a terminal after the lineage re-key', () => {
  it('enrols with the new recovery key and the repository\'s root sheet, and applies a package made after the re-key', async () => {
    const f = await makeFleet(1);
    await f.stationVault.close();
    const { recoveryKey: newKey } = await rekeyVault({ dataDir: f.stationDir, clock }, { recoveryKey: f.key });
    const stationVault = await Vault.openWithRecovery({ dataDir: f.stationDir, clock }, newKey);
    const backup = join(tempDir('cs-rekey-bk-'), 'v.csbackup');
    await writeBackup(stationVault, f.stationDir, backup, newKey, clock());
    // The list changes after the re-key: the terminal gets it only from the package, under the new package key.
    expect((await stationVault.commit(SAMPLE)).ok).toBe(true);
    const station = await FleetStation.open({ vault: stationVault, stateDir: f.stationDir, dropDir: f.drop, clock });
    const r = await station.prepareRelease({ recoveryKey: newKey, exportDate: clock().toISOString().slice(0, 10), contentHash: 'a'.repeat(64) });
    station.signRelease(r, f.admins[0]!);
    station.signRelease(r, f.admins[1]!);
    await station.publish(r);

    const dir = tempDir('cs-rekey-t1-');
    await restoreBackup({ dataDir: dir }, backup, newKey);
    const vault = await Vault.openWithRecovery({ dataDir: dir, clock }, newKey);
    const audit = await openAuditChain(vault, { dataDir: dir, terminal: 'T-00000001', clock, dailyCheckpoint: false });
    const machineRoot = tempDir('cs-rekey-machine-');
    const deps = { vault, dataDir: dir, dropDir: f.drop, terminalId: 'T-00000001', machineFile: join(machineRoot, 'fleet-marks.json'), policyPath: join(machineRoot, 'policy.json'), audit, staff: async () => null, clock };
    // One key cannot be both any more: the vault's is new, the repository's first root is the old sheet's.
    await expect(FleetTerminal.enrol(deps, newKey)).rejects.toMatchObject({ code: 'E_FLEET_ROOT_UNTRUSTED' });
    await expect(FleetTerminal.enrol(deps, f.key)).rejects.toMatchObject({ code: 'E_RECOVERY_KEY_WRONG' });
    const t = await FleetTerminal.enrol(deps, newKey, { rootSheet: f.key });
    expect(await t.check()).toMatchObject({ state: 'updated', unmaskAllowed: true, identity: { version: r.version } });
    expect((await vault.status()).persons).toBe(150);
    // A terminal still on the old keys cannot open the new package: its list stays as it was.
    const old = f.terminals[0]!;
    expect(await old.fleet.check()).toMatchObject({ state: 'refused', error: { code: 'E_FLEET_OTHER_LINEAGE' } });
    expect((await old.vault.status()).persons).toBe(0);
    await f.close().catch(() => undefined);
    await audit.close();
    await vault.close();
    await stationVault.close().catch(() => undefined);
  }, 240_000);
});
