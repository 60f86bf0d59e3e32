/**
 * One vault per counter PC, whichever OS account is logged on (issue 16): each account's own protector slot
 * for the data key and the pepper, enrolment by recovery key + administrator, a lost DPAPI key costing only
 * that account a re-enrolment, and no slot ever written without its audit entry.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { accountSlotId, parseWhoamiUser, posixAccount, windowsAccount } from '../../../electron/core/machine/account';
import { pepperFileName } from '../../../electron/core/staff/pepper';
import { STAFF } from '../../fakes/core';
import { AccountProtector, tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, opened, seat, stageOf, TxAudit } from './helpers';

afterEach(closeAll);

const enrolAs = (key: string, who: { staffId: string; pin: string } = STAFF.admin2) => ({ recoveryKey: key, staffId: who.staffId, pin: who.pin });

describe('the account a slot belongs to', () => {
  // In the shape `whoami /user /fo csv /nh` prints (one CSV line, name then SID) — written from Microsoft's whoami
  // documentation, not captured on a PC here: a local account, a domain account, a Japanese name garbled by the code page.
  const LOCAL = '"pc01\\tanaka","S-1-5-21-1004336348-1177238915-682003330-1001"\r\n';
  const DOMAIN = '"city\\tanaka","S-1-5-21-3623811015-3361044348-30300820-1013"\r\n';
  const GARBLED = '"city\\\uFFFD\uFFFD\uFFFD\uFFFD","S-1-5-21-3623811015-3361044348-30300820-2201"\r\n';
  const run = (out: string) => async () => out;

  it('on Windows is the SID from whoami, so a local and a domain account of the same name are two accounts, and a renamed account keeps its slot', async () => {
    const local = await windowsAccount(run(LOCAL)).read();
    const domain = await windowsAccount(run(DOMAIN)).read();
    expect(local).toEqual({ identity: 'sid:S-1-5-21-1004336348-1177238915-682003330-1001' });
    expect(accountSlotId(local)).not.toBe(accountSlotId(domain));
    const renamed = await windowsAccount(run(LOCAL.replace('tanaka', 'tanaka-old'))).read();
    expect(accountSlotId(renamed)).toBe(accountSlotId(local));
    expect((await windowsAccount(run(GARBLED)).read()).identity).toBe('sid:S-1-5-21-3623811015-3361044348-30300820-2201');
  });

  it('asks whoami.exe from System32 for the user SID, and fails closed when it cannot say', async () => {
    const calls: Array<{ file: string; args: string[] }> = [];
    await windowsAccount(async (file, args) => {
      calls.push({ file, args });
      return LOCAL;
    }, { SystemRoot: 'C:\\Windows' }).read();
    expect(calls).toEqual([{ file: 'C:\\Windows\\System32\\whoami.exe', args: ['/user', '/fo', 'csv', '/nh'] }]);
    for (const out of ['', 'ERROR: Access is denied.\r\n', '"pc01\\tanaka","not-a-sid"']) {
      await expect(windowsAccount(run(out)).read()).rejects.toMatchObject({ code: 'E_ACCOUNT_ID_UNAVAILABLE' });
    }
    await expect(windowsAccount(async () => {
      throw new Error('ENOENT');
    }).read()).rejects.toMatchObject({ code: 'E_ACCOUNT_ID_UNAVAILABLE' });
    expect(parseWhoamiUser(LOCAL.toLowerCase())).toBe('S-1-5-21-1004336348-1177238915-682003330-1001');
  });

  it('is a hash: no SID or user name is kept, and on Linux the uid and name make the account', async () => {
    const a = await windowsAccount(run(LOCAL)).read();
    expect(accountSlotId(a)).toMatch(/^a-[0-9a-f]{24}$/);
    expect(accountSlotId(a)).not.toContain('1001');
    const l1 = await posixAccount({ username: 'Tanaka', uid: 1000 }).read();
    expect(accountSlotId(l1)).toBe(accountSlotId(await posixAccount({ username: 'tanaka', uid: 1000 }).read()));
    expect(accountSlotId(l1)).not.toBe(accountSlotId(await posixAccount({ username: 'tanaka', uid: 1001 }).read()));
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
