/**
 * Issue 17: the administration screen's rules in main, through the real router as the app's main frame —
 * only an administrator's own PIN opens it, the login expires after 10 minutes and ends with the session lock,
 * and a forged token gets nothing.
 */
import { describe, expect, it } from 'vitest';
import { startTerminal } from '../../fakes/terminal';
import { manualClock, STAFF } from '../../fakes/core';
import { testNow } from '../../clock';

describe('the administration screen over IPC', () => {
  it('a lead is refused; an administrator gets a token that expires after 10 minutes and ends when the session locks', async () => {
    const clock = manualClock(testNow().toISOString());
    const t = await startTerminal({ clock });
    try {
      expect(await t.login(STAFF.admin1)).toMatchObject({ ok: true });
      const lead = await t.call('admin:login', { staffId: STAFF.lead1.staffId, pin: STAFF.lead1.pin });
      expect(lead).toMatchObject({ ok: false, error: { code: 'E_ADMIN_NOT_ADMIN' } });
      expect(await t.call('admin:status', { token: 'A'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'E_ADMIN_LOGIN_EXPIRED' } });

      const ok = await t.call('admin:login', { staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin });
      expect(ok.ok).toBe(true);
      const token = (ok.value as { token: string }).token;
      const status = await t.call('admin:status', { token });
      expect(status).toMatchObject({ ok: true, value: { list: { persons: 150 }, terminalId: 'T-oracle01' } });
      expect(JSON.stringify(t.log.map((l) => l.response))).not.toContain(STAFF.admin2.pin);

      clock.advance(601);
      expect(await t.call('admin:status', { token })).toMatchObject({ ok: false, error: { code: 'E_ADMIN_LOGIN_EXPIRED' } });

      const again = (await t.call('admin:login', { staffId: STAFF.admin2.staffId, pin: STAFF.admin2.pin })).value as { token: string };
      expect((await t.call('admin:verify', { token: again.token })).ok).toBe(true);
      await t.ctx.staff!.sessions.lock('screen-lock');
      expect(await t.call('admin:verify', { token: again.token })).toMatchObject({ ok: false, error: { code: 'E_ADMIN_LOGIN_EXPIRED' } });
    } finally {
      await t.close();
    }
  });
});
