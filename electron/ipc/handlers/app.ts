import type { AppContext } from '../context';
import type { Handler } from '../router';

export const appStatus =
  (ctx: AppContext): Handler<'app:status'> =>
  () => {
    const clock = ctx.clockStatus?.();
    return {
      version: ctx.version,
      terminalLabel: ctx.prefs.getTerminalLabel(),
      language: ctx.prefs.getLanguage(),
      vault: ctx.vaultState(),
      staffCount: ctx.staffCount(),
      locks: ctx.locks(),
      ...(clock && { clock: { backwards: clock.backwards, lastEntryAt: clock.lastEntryAt } }),
    };
  };

export const setLanguage =
  (ctx: AppContext): Handler<'prefs:setLanguage'> =>
  ({ language }) => {
    ctx.prefs.setLanguage(language);
    return { language: ctx.prefs.getLanguage() };
  };
