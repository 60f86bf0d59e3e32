/** One process at a time across accounts (issue 16): fast user switching must not open the PC's vault twice. */
import { afterEach, describe, expect, it } from 'vitest';
import { SetupService } from '../../../electron/core/setup';
import { startupFailureForStage } from '../../../electron/core/startup';
import { lockDataDir } from '../../../electron/core/vault/lock';
import { tempDir } from '../vault/helpers';
import { closeAll, completeSetup, deps, seat, stageOf, TxAudit } from './helpers';

afterEach(closeAll);

describe('the data folder lock with two holders', () => {
  it('a second holder in another OS account is told 「この端末は別のアカウントで使用中です」; in the same account, the plain 使用中', () => {
    const dir = tempDir('cs-lock-');
    const first = lockDataDir(dir, undefined, { account: 'tanaka' });
    try {
      expect(() => lockDataDir(dir, undefined, { account: 'suzuki' })).toThrow(expect.objectContaining({ code: 'E_VAULT_OTHER_ACCOUNT', ja: expect.stringContaining('この端末は別のアカウントで使用中です') }));
      expect(() => lockDataDir(dir, undefined, { account: 'tanaka' })).toThrow(expect.objectContaining({ code: 'E_VAULT_IN_USE' }));
    } finally {
      first.release();
    }
    // Released: the other account may take it now.
    lockDataDir(dir, undefined, { account: 'suzuki' }).release();
  });

  it('while another account holds the vault, this account gets the fail-closed start screen with that message, and the vault stays locked', async () => {
    const dir = tempDir('cs-lock-');
    const a = seat('city\\tanaka');
    await completeSetup(deps(dir, a));
    // The other account's instance holds the PC's one vault.
    const other = lockDataDir(dir, undefined, { account: 'city-suzuki' });
    try {
      const st = await stageOf(dir, a);
      expect(st).toMatchObject({ stage: 'error', errorCode: 'E_VAULT_OTHER_ACCOUNT' });
      const screen = startupFailureForStage(st);
      expect(screen).toMatchObject({ code: 'E_VAULT_OTHER_ACCOUNT', ja: expect.stringContaining('この端末は別のアカウントで使用中です') });
      expect(screen?.todoJa).toContain('終了');
      // Nothing opened: no services, no audit entries from this instance.
      const d = deps(dir, a, new TxAudit());
      await SetupService.start(d);
      expect(d.ready).toHaveLength(0);
      expect(d.audit.events).toHaveLength(0);
    } finally {
      other.release();
    }
    expect(await stageOf(dir, a)).toMatchObject({ stage: 'complete' });
  });
});
