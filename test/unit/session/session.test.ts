import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, manualClock, STAFF, type TestCore } from '../../fakes/core';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  core = null;
});

describe('clerk sessions', () => {
  it('logs in with staff id + PIN and refuses a wrong PIN without opening a session', async () => {
    core = await createTestCore({ adminsOnly: true });
    await expect(core.sessions.login(STAFF.admin1.staffId, '905172')).rejects.toMatchObject({ code: 'E_PIN_WRONG' });
    expect(await core.sessions.current()).toBeNull();
    const s = await core.sessions.login(STAFF.admin1.staffId, STAFF.admin1.pin);
    expect(s).toMatchObject({ staffId: 'A001', displayName: '管理 一郎', roles: ['admin'] });
    expect(core.audit.actions()).toEqual(expect.arrayContaining(['staff.pin.failed', 'session.login']));
  });

  it('locks after the idle time (a parameter), tells every subscriber, and activity postpones it', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock, adminsOnly: true, idleSeconds: 120 });
    const locks: string[] = [];
    core.sessions.onLock((reason, s) => void locks.push(`${reason}:${s.staffId}`));
    await core.sessions.login(STAFF.admin1.staffId, STAFF.admin1.pin);
    clock.advance(100);
    expect(await core.sessions.touch()).not.toBeNull();
    clock.advance(100);
    expect(await core.sessions.current()).not.toBeNull();
    clock.advance(20);
    expect(await core.sessions.current()).toBeNull();
    expect(locks).toEqual(['idle:A001']);
    expect(core.audit.events.at(-1)).toMatchObject({ action: 'session.lock', actors: ['A001'], detail: { reason: 'idle' } });
  });

  it('defaults to a 5-minute idle lock, and locks on OS screen lock', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock, adminsOnly: true });
    expect(core.sessions.idleSeconds).toBe(300);
    await core.sessions.login(STAFF.admin1.staffId, STAFF.admin1.pin);
    clock.advance(299);
    expect(await core.sessions.current()).not.toBeNull();
    await core.sessions.lock('screen-lock');
    expect(await core.sessions.current()).toBeNull();
    expect(core.audit.events.at(-1)?.detail).toMatchObject({ reason: 'screen-lock' });
  });

  it('a clock that goes backwards locks rather than extends', async () => {
    const clock = manualClock();
    core = await createTestCore({ clock, adminsOnly: true });
    await core.sessions.login(STAFF.admin1.staffId, STAFF.admin1.pin);
    clock.advance(-3600);
    expect(await core.sessions.current()).toBeNull();
  });
});
