/** A terminal identity a copy cannot take (issue 16): the PC's MachineGuid / machine-id, hashed, and the vault's binding. */
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { linuxMachineId, machineBindingOf, parseRegQuery, terminalIdOf, windowsMachineId } from '../../../electron/core/machine/identity';
import { STAFF } from '../../fakes/core';
import { tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, seat, stageOf } from './helpers';

afterEach(closeAll);

const REG_OUTPUT = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n    MachineGuid    REG_SZ    6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B\r\n\r\n';

describe('the machine identity adapter', () => {
  it('reads MachineGuid from `reg query` (64-bit view) and never keeps it raw', async () => {
    const calls: string[][] = [];
    const id = await windowsMachineId(async (file, args) => {
      calls.push([file, ...args]);
      return REG_OUTPUT;
    }).read();
    expect(id).toBe('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(calls[0]).toEqual(['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid', '/reg:64']);
    expect(terminalIdOf(id)).toMatch(/^T-[0-9a-f]{8}$/);
    expect(terminalIdOf(id)).toBe(terminalIdOf(id.toUpperCase()));
    expect(machineBindingOf(id)).not.toContain('6f1c2a3b');
    expect(terminalIdOf(id)).not.toBe(terminalIdOf('00000000-0000-0000-0000-000000000000'));
  });

  it('refuses (fail closed) when the id cannot be read, rather than inventing one', async () => {
    await expect(windowsMachineId(async () => 'ERROR: The system was unable to find the specified registry key').read()).rejects.toMatchObject({ code: 'E_MACHINE_ID_UNAVAILABLE' });
    await expect(windowsMachineId(async () => Promise.reject(new Error('ENOENT'))).read()).rejects.toMatchObject({ code: 'E_MACHINE_ID_UNAVAILABLE' });
    await expect(linuxMachineId('/x', async () => '\n').read()).rejects.toMatchObject({ code: 'E_MACHINE_ID_UNAVAILABLE' });
    expect(await linuxMachineId('/x', async () => '3d1219c7c4c5404aaa1f6d2a48adfda4\n').read()).toBe('3d1219c7c4c5404aaa1f6d2a48adfda4');
    expect(parseRegQuery('MachineGuid REG_DWORD 0x1')).toBeUndefined();
  });
});

describe('a data folder copied to another PC', () => {
  it('is recognised as a copy even when the account key still opens it (a roaming profile), and enrols as the new PC instead of carrying on', async () => {
    const dir = tempDir('cs-copy-');
    const onA = seat('city\\tanaka', 'pc-a');
    const key = await completeSetup(deps(dir, onA));
    // The same roaming account (same DPAPI key) on another PC, with the folder copied there.
    const onB = { ...onA, binding: machineBindingOf('pc-b') };
    expect(await stageOf(dir, onB)).toMatchObject({ stage: 'enrolment-required', enrolReason: 'copied-folder' });

    const d = deps(dir, onB, undefined, { terminalId: terminalIdOf('pc-b') });
    const s = await SetupService.start(d);
    expect(d.ready).toHaveLength(0);
    await s.enrol({ recoveryKey: key, staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', detail: { terminal: terminalIdOf('pc-b'), copiedFromOtherPc: true } });
    await closeAll();
    expect(await stageOf(dir, onB)).toMatchObject({ stage: 'complete' });
    // This folder now belongs to PC B: put back on PC A it is the copy.
    expect(await stageOf(dir, onA)).toMatchObject({ stage: 'enrolment-required', enrolReason: 'copied-folder' });
  });

  it('a vault from before machine binding is bound to the PC it is found on, once, audited', async () => {
    const dir = tempDir('cs-copy-');
    const a = seat('city\\tanaka', 'pc-a');
    await completeSetup(deps(dir, a, undefined, { machineBinding: undefined }));
    const d = deps(dir, a);
    await SetupService.start(d);
    expect(d.audit.actions()).toContain('terminal.bound');
    await closeAll();
    const again = deps(dir, a);
    await SetupService.start(again);
    expect(again.audit.actions()).not.toContain('terminal.bound');
    await closeAll();
    expect(await stageOf(dir, { ...a, binding: machineBindingOf('pc-b') })).toMatchObject({ enrolReason: 'copied-folder' });
  });
});
