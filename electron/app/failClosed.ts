/**
 * The fail-closed start (SPEC F21, invariant 4): a window that says what failed and what to do, offers only
 * 終了, and holds nothing — no preload, no IPC, no vault. The single-instance lock is released at once, so that
 * IT can start the app again after fixing the cause without hunting for this process.
 */
import type { BrowserWindow } from 'electron';
import { createHardenedWindow, type WindowCtor } from './hardening';
import { APP_ORIGIN } from './scheme';
import { STARTUP_FAILURE_PAGE, STARTUP_QUIT_PATH } from '../core/startup';

export interface FailClosedApp {
  releaseSingleInstanceLock(): void;
  quit(): void;
}

export function showStartupFailure(app: FailClosedApp, Ctor: WindowCtor<BrowserWindow>): BrowserWindow {
  app.releaseSingleInstanceLock();
  const win = createHardenedWindow(Ctor, { width: 900, height: 640, title: '窓口シールド — 起動できません', backgroundColor: '#fff5f5', autoHideMenuBar: true }, { devTools: false });
  // 終了 is a link: its navigation is refused like every other (hardening), and main quits instead.
  win.webContents.on('will-navigate', (e) => {
    e.preventDefault();
    if (e.url === `${APP_ORIGIN}${STARTUP_QUIT_PATH}`) app.quit();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}${STARTUP_FAILURE_PAGE}`);
  return win;
}
