/**
 * Two OS accounts through the whole Terminal composition (issue 16), as main builds it: setup in one account,
 * enrolment in the other, and a PIN login in both afterwards — every StaffService the terminal composes must use
 * the account's own pepper file (the stand-in caught a composed one still reading pepper.bin).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '../../../electron/core/terminal';
import { createAppRouter } from '../../../electron/ipc';
import { OWASP_MIN } from '../../../electron/core/staff';
import { machineBindingOf, terminalIdOf } from '../../../electron/core/machine/identity';
import { testNow } from '../../clock';
import { STAFF } from '../../fakes/core';
import { tempDir } from '../vault/helpers';
import { Db } from '../../../electron/core/vault/db';
import { currentDbPath } from '../../../electron/core/vault/dataDir';
import { seat, type Seat } from './helpers';
import { base, firstRunSetup, platform } from '../terminal/helpers';

const sender = { url: 'app://countershield/index.html', isMainFrame: true };
const started: Terminal[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

async function start(dataDir: string, s: Seat, machine: boolean = false) {
  const t = await Terminal.start({
    dataDir, protector: s.protector, policyPath: join(dataDir, 'no-policy.json'), terminalId: terminalIdOf('pc-a'),
    ...(machine && { machineProtector: s.machine, enrolArgon2: OWASP_MIN }),
    accountSlot: s.slot, machineBinding: machineBindingOf('pc-a'), argon2: OWASP_MIN, sweepMs: 0, clock: testNow,
  });
  started.push(t);
  return { t, router: createAppRouter(t.context(base, platform), 'app://countershield') };
}

/** The audit trail's action column, read from the closed vault's database (actions are not secret). */
async function auditActions(dir: string): Promise<string[]> {
  const db = await Db.open((await currentDbPath(dir))!);
  try {
    return (await db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).map((r) => r.action);
  } finally {
    await db.close();
  }
}

const login = (router: ReturnType<typeof createAppRouter>, who: { staffId: string; pin: string }) =>
  router.dispatch(sender, { channel: 'session:login', payload: { staffId: who.staffId, pin: who.pin } });

describe('two OS accounts on one counter PC, through the terminal', () => {
  it('the account that set it up and the account enrolled after it both log staff in with their PINs', async () => {
    const dir = tempDir('cs-term2-');
    const a = seat('city\\tanaka');
    const b = seat('city\\suzuki');
    const first = await start(dir, a);
    const key = await firstRunSetup(first.t);
    expect(await login(first.router, STAFF.admin1)).toMatchObject({ ok: true });
    await first.t.close();

    const second = await start(dir, b);
    expect(second.t.setup.status()).toMatchObject({ stage: 'enrolment-required', enrolReason: 'new-account' });
    expect(await login(second.router, STAFF.admin2)).toMatchObject({ ok: false });
    await second.router.dispatch(sender, { channel: 'enrol:submit', payload: { recoveryKey: key, staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin } });
    expect(second.t.setup.status().stage).toBe('complete');
    expect(await login(second.router, STAFF.admin2)).toMatchObject({ ok: true });
    await second.t.close();

    const again = await start(dir, a);
    expect(again.t.setup.status().stage).toBe('complete');
    expect(await login(again.router, STAFF.admin1)).toMatchObject({ ok: true });
  });

  it('a vault from before enrolment slots: an administrator’s first sign-in writes their slot (audited), then a second account enrols with that 職員番号 + PIN', async () => {
    const dir = tempDir('cs-term3-');
    const a = seat('sid:S-1-5-21-1-2-3-1001');
    const b = seat('sid:S-1-5-21-1-2-3-1002');
    // Set up by a version without the machine secret: no slots.
    const first = await start(dir, a);
    await firstRunSetup(first.t);
    await first.t.close();

    const early = await start(dir, b, true);
    expect(await early.router.dispatch(sender, { channel: 'enrol:submitPin', payload: { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin } })).toMatchObject({ ok: false, error: { code: 'E_PIN_WRONG' } });
    await early.t.close();

    const updated = await start(dir, a, true);
    expect(await login(updated.router, STAFF.admin1)).toMatchObject({ ok: true });
    await updated.t.close();
    const events = await auditActions(dir);
    expect(events).toContain('terminal.enrol_slot_written');
    // The refused try of the other account was counted and audited when this account opened the vault.
    expect(events).toContain('staff.pin.failed');

    const second = await start(dir, b, true);
    expect(second.t.setup.status()).toMatchObject({ stage: 'enrolment-required', pinEnrolment: true });
    expect(await second.router.dispatch(sender, { channel: 'enrol:submitPin', payload: { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin } })).toMatchObject({ ok: true, value: { stage: 'complete' } });
    expect(await login(second.router, STAFF.admin1)).toMatchObject({ ok: true });
  });
});
