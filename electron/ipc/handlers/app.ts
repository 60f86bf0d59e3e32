import type { AppContext } from '../context';
import type { Handler } from '../router';

export const appStatus =
  (ctx: AppContext): Handler<'app:status'> =>
  () => ({
    version: ctx.version,
    terminalLabel: ctx.prefs.getTerminalLabel(),
    language: ctx.prefs.getLanguage(),
    vault: ctx.vaultState(),
    staffCount: ctx.staffCount(),
    locks: ctx.locks(),
  });

export const setLanguage =
  (ctx: AppContext): Handler<'prefs:setLanguage'> =>
  ({ language }) => {
    ctx.prefs.setLanguage(language);
    return { language: ctx.prefs.getLanguage() };
  };
