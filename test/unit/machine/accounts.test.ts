/**
 * One vault per counter PC, whichever OS account is logged on (issue 16): each account's own protector slot
 * for the data key and the pepper, enrolment by recovery key + administrator, a lost DPAPI key costing only
 * that account a re-enrolment, and no slot ever written without its audit entry.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { accountSlotId, currentAccount } from '../../../electron/core/machine/account';
import { pepperFileName } from '../../../electron/core/staff/pepper';
import { STAFF } from '../../fakes/core';
import { AccountProtector, tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, opened, seat, stageOf, TxAudit } from './helpers';

afterEach(closeAll);

const enrolAs = (key: string, who: { staffId: string; pin: string } = STAFF.admin2) => ({ recoveryKey: key, staffId: who.staffId, pin: who.pin });

describe('the account a slot belongs to', () => {
  it('is a hash of the OS account: the same account gets the same slot, another account (or domain) another, and no user name is kept', () => {
    const a = currentAccount('win32', { USERDOMAIN: 'CITY' }, { username: 'Tanaka', uid: -1 });
    expect(accountSlotId(a)).toBe(accountSlotId(currentAccount('win32', { USERDOMAIN: 'city' }, { username: 'tanaka', uid: -1 })));
    expect(accountSlotId(a)).not.toBe(accountSlotId(currentAccount('win32', { USERDOMAIN: 'PC01' }, { username: 'tanaka', uid: -1 })));
    expect(accountSlotId(a)).not.toBe(accountSlotId(currentAccount('win32', { USERDOMAIN: 'CITY' }, { username: 'suzuki', uid: -1 })));
    expect(accountSlotId(a)).toMatch(/^a-[0-9a-f]{24}$/);
    expect(accountSlotId(a)).not.toContain('tanaka');
  });
});

describe('two OS accounts on one data folder', () => {
  it('the second account is asked to enrol (not a fresh setup); after an administrator enrols it both accounts open the same vault', async () => {
    const dir = tempDir('cs-acct-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const key = await completeSetup(deps(dir, a));

    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required', enrolReason: 'new-account' });
    const d = deps(dir, b);
    const s = await SetupService.start(d);
    await s.enrol(enrolAs(key));
    expect(s.status().stage).toBe('complete');
    expect(d.audit.events.at(-1)).toMatchObject({ action: 'terminal.enrolled', actors: [STAFF.admin2.staffId] });
    expect(JSON.stringify(d.audit.events)).not.toContain(key);
    const bVault = d.ready[0]!;
    const bStatus = await bVault.status();
    await closeAll();

    // The first account still opens, its pepper untouched by the second account's enrolment (one file each).
    const da = deps(dir, a);
    await SetupService.start(da);
    expect(da.ready).toHaveLength(1);
    expect((await da.ready[0]!.status()).persons).toBe(bStatus.persons);
    expect(bStatus.enrolledProtectors).toBe(2);
    await closeAll();
    expect(existsSync(join(dir, pepperFileName(a.slot)))).toBe(true);
    expect(existsSync(join(dir, pepperFileName(b.slot)))).toBe(true);
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'complete' });
  });

  it('a wrong administrator PIN writes no slot and no pepper file for the new account', async () => {
    const dir = tempDir('cs-acct-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const key = await completeSetup(deps(dir, a));
    const d = deps(dir, b);
    const s = await SetupService.start(d);
    await expect(s.enrol({ ...enrolAs(key), pin: '999999' })).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(d.audit.actions()).toContain('terminal.enrol_refused');
    expect(readdirSync(dir)).not.toContain(pepperFileName(b.slot));
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
    expect(await stageOf(dir, a)).toMatchObject({ stage: 'complete' });
  });

  it('the slot is never written before its audit entry: when the audit chain refuses, the account is still not enrolled', async () => {
    const dir = tempDir('cs-acct-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const key = await completeSetup(deps(dir, a));
    const audit = new TxAudit();
    audit.failInTransaction = true;
    const s = await SetupService.start(deps(dir, b, audit));
    await expect(s.enrol(enrolAs(key))).rejects.toThrow();
    expect(audit.actions()).not.toContain('terminal.enrolled');
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'enrolment-required' });
    // and once the chain takes entries, the same enrolment goes through
    const d = deps(dir, b);
    await (await SetupService.start(d)).enrol(enrolAs(key));
    expect(d.audit.actions()).toContain('terminal.enrolled');
  });

  it("a Windows password reset that loses one account's DPAPI key: that account re-enrols, the other is untouched", async () => {
    const dir = tempDir('cs-acct-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const key = await completeSetup(deps(dir, a));
    await (await SetupService.start(deps(dir, b))).enrol(enrolAs(key));
    await closeAll();

    // Same account (same slot id), new DPAPI master key: its old blobs no longer open.
    const aReset = { ...a, protector: new AccountProtector() };
    expect(await stageOf(dir, aReset)).toMatchObject({ stage: 'enrolment-required' });
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'complete' });
    const d = deps(dir, aReset);
    await (await SetupService.start(d)).enrol(enrolAs(key, STAFF.admin1));
    expect(d.ready).toHaveLength(1);
    // Its slot was replaced, not added: still one slot per account.
    expect((await d.ready[0]!.status()).enrolledProtectors).toBe(2);
    await closeAll();
    expect(await stageOf(dir, aReset)).toMatchObject({ stage: 'complete' });
    expect(await stageOf(dir, b)).toMatchObject({ stage: 'complete' });
    expect(await stageOf(dir, a)).toMatchObject({ stage: 'enrolment-required' });
    expect(opened).toHaveLength(0);
  });
});
