import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal, type TerminalOptions } from '../../../electron/core/terminal';
import { createAppRouter } from '../../../electron/ipc';
import { OWASP_MIN } from '../../../electron/core/staff';
import { STAFF } from '../../fakes/core';
import { AccountProtector, tempDir } from '../vault/helpers';
import { base, firstRunSetup, platform } from './helpers';

const started: Terminal[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

async function start(dataDir: string, protector: AccountProtector, terminalId = 'T-unit0001', fleet?: TerminalOptions['fleet']) {
  const t = await Terminal.start({ dataDir, protector, policyPath: join(dataDir, 'no-policy.json'), terminalId, argon2: OWASP_MIN, sweepMs: 0, ...(fleet && { fleet }) });
  started.push(t);
  return t;
}

describe('one counter terminal, composed as main composes it', () => {
  it('starts not set up with the strict policy, and offers setup only', async () => {
    const t = await start(tempDir('cs-term-'), new AccountProtector());
    const ctx = t.context(base, platform);
    expect(ctx.vaultState()).toBe('absent');
    expect(ctx.cases).toBeUndefined();
    expect(ctx.unmask).toBeUndefined();
    expect(ctx.policy.effective().source).toBe('defaults');
    await expect(async () => ctx.policy.recordPhotoRequest({})).rejects.toMatchObject({ code: 'E_AUDIT_UNAVAILABLE' });
  });

  it('after setup every service is live on one audit chain; reopened on the same account it opens directly', async () => {
    const dir = tempDir('cs-term-');
    const protector = new AccountProtector();
    const t = await start(dir, protector);
    const ctx = t.context(base, platform);
    // The router is built once, before setup, exactly as main builds it: it must see the services appear.
    const router = createAppRouter(ctx, 'app://countershield');
    const sender = { url: 'app://countershield/index.html', isMainFrame: true };
    expect(await router.dispatch(sender, { channel: 'case:open', payload: { form: 'koseki', channel: 'counter' } })).toMatchObject({ ok: false, error: { code: 'E_CASE_UNAVAILABLE' } });
    await firstRunSetup(t);
    expect(await router.dispatch(sender, { channel: 'case:open', payload: { form: 'koseki', channel: 'counter' } })).toMatchObject({ ok: false, error: { code: 'E_CASE_UNAVAILABLE' } });
    expect(await router.dispatch(sender, { channel: 'session:login', payload: { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin } })).toMatchObject({ ok: true });
    expect(await router.dispatch(sender, { channel: 'case:open', payload: { form: 'koseki', channel: 'counter' } })).toMatchObject({ ok: true, value: { form: 'koseki' } });
    expect(ctx.vaultState()).toBe('open');
    expect(ctx.staffCount()).toBe(2);
    expect(ctx.cases).toBeDefined();
    expect(ctx.unmask).toBeDefined();
    expect(ctx.leads).toBeDefined();
    await ctx.policy.recordPhotoRequest({});
    const verified = await ctx.leads!.services.chain.verify();
    expect(verified.ok).toBe(true);
    await t.close();
    started.splice(started.indexOf(t), 1);

    const again = await start(dir, protector);
    const ctx2 = again.context(base, platform);
    expect(ctx2.vaultState()).toBe('open');
    expect((await ctx2.leads!.services.chain.verify()).ok).toBe(true);
  });

  it('on another OS account the vault asks for enrolment and offers no service', async () => {
    const dir = tempDir('cs-term-');
    const first = await start(dir, new AccountProtector());
    await firstRunSetup(first);
    await first.close();
    started.splice(started.indexOf(first), 1);
    const other = await start(dir, new AccountProtector(), 'T-unit0002');
    const ctx = other.context(base, platform);
    expect(ctx.vaultState()).toBe('locked');
    expect(ctx.cases).toBeUndefined();
  });

  it('composes the fleet (issue 18): the pick-up timer starts with the vault, the list’s age is for everyone, the mode only for an administrator', async () => {
    const dir = tempDir('cs-term-');
    const timers: number[] = [];
    let stopped = 0;
    const t = await start(dir, new AccountProtector(), 'T-unit0003', { pickupMs: 120_000, timers: { every: (ms) => (timers.push(ms), () => void stopped++) } });
    const ctx = t.context(base, platform);
    const router = createAppRouter(ctx, 'app://countershield');
    const sender = { url: 'app://countershield/index.html', isMainFrame: true };
    const call = (channel: string, payload: unknown = {}) => router.dispatch(sender, { channel, payload }) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>;
    expect((await call('fleet:status')).error?.code).toBe('E_FLEET_UNAVAILABLE');
    await firstRunSetup(t);
    expect(timers).toEqual([120_000]);
    const status = await call('fleet:status');
    expect(status.value).toMatchObject({ mode: 'single', state: 'single', terminalId: 'T-unit0003', withIds: false, dropDir: null, identity: { version: 1 }, age: { days: 0, stale: false, leadRequired: false } });
    const admins = { first: { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin }, second: { staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin } };
    expect((await call('fleet:configure', { mode: 'station', dropDir: tempDir('cs-term-drop-'), ...admins })).error?.code).toBe('E_FLEET_SESSION_REQUIRED');
    await call('session:login', { staffId: STAFF.admin1.staffId, pin: STAFF.admin1.pin });
    expect((await call('fleet:configure', { mode: 'station', dropDir: tempDir('cs-term-drop-'), ...admins, second: admins.first })).error?.code).toBe('E_FLEET_SECOND_ADMIN');
    expect((await call('fleet:configure', { mode: 'station', dropDir: tempDir('cs-term-drop-'), ...admins })).value).toMatchObject({ mode: 'station', withIds: true });
    await t.close();
    started.splice(started.indexOf(t), 1);
    expect(stopped).toBe(1);
  });
});
