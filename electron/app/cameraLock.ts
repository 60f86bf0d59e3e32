/**
 * The camera-policy lock as main enforces it (SPEC F5), on every window — including windows created
 * later by anyone (`browser-window-created`). Plain functions over the slice of Electron they touch,
 * so unit tests can hand in fakes. Deliberately takes no policy argument: content protection, denied
 * permissions and closed devtools are not settings, so no policy file has a way to reach them.
 */
import type { WebContentsLike, WindowLike } from './hardening';

export interface LockedWindow extends WindowLike {
  on(event: 'show' | 'restore', listener: () => void): unknown;
  isDestroyed?(): boolean;
  webContents: WebContentsLike & { closeDevTools?(): void; isDevToolsOpened?(): boolean };
}

/**
 * Content protection now and again whenever the window is shown or restored: Windows has dropped the
 * display affinity after hide/show in some Electron releases (electron/electron#29085, #45844).
 */
export function enforceOnWindow(win: LockedWindow, opts: { devTools: boolean }): void {
  const protect = (): void => {
    if (!win.isDestroyed?.()) win.setContentProtection(true);
  };
  protect();
  win.on('show', protect);
  win.on('restore', protect);
  if (!opts.devTools && win.webContents.isDevToolsOpened?.()) win.webContents.closeDevTools?.();
}

export interface AppLike<W extends LockedWindow> {
  on(event: 'browser-window-created', listener: (event: unknown, win: W) => void): unknown;
}

/** Applies the lock to the windows that exist and to every window created from now on. */
export function enforceOnEveryWindow<W extends LockedWindow>(app: AppLike<W>, existing: () => readonly W[], opts: { devTools: boolean }): void {
  for (const w of existing()) enforceOnWindow(w, opts);
  app.on('browser-window-created', (_e, w) => enforceOnWindow(w, opts));
}

/** Re-applies content protection to every window (after resume, unlock or a display change). */
export function reapplyContentProtection(windows: readonly LockedWindow[]): void {
  for (const w of windows) if (!w.isDestroyed?.()) w.setContentProtection(true);
}
