/**
 * Electron's security checklist, as plain functions over the slice of Electron they touch, so unit
 * tests can hand in fakes and assert exact options (the binary cannot run in CI). Only `import type`
 * from 'electron' here: this file must load in plain Node.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_ORIGIN } from './scheme';

/** The web preferences every window gets; callers cannot loosen them (they are applied last). */
export function hardenedWebPreferences(preloadPath: string | undefined, opts: { devTools: boolean }): WebPreferences {
  const prefs: WebPreferences = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from a Google CDN: no network, ever (invariant 5).
    spellcheck: false,
    safeDialogs: true,
    // Middle-click can open links in new windows behind the window-open handler's back (Electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
    // Packaged builds never open devtools (an inspector would show every IPC message).
    devTools: opts.devTools,
  };
  if (preloadPath) prefs.preload = preloadPath;
  return prefs;
}

/** The slice of BrowserWindow the factory needs. */
export interface WindowLike {
  setContentProtection(enable: boolean): void;
  isContentProtected?(): boolean;
  webContents: WebContentsLike;
}
export type WindowCtor<W extends WindowLike> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates a window with the hardened preferences and content protection (screen capture and
 * recording show black — SPEC F5). Base options may set size and title, never webPreferences.
 */
export function createHardenedWindow<W extends WindowLike>(
  Ctor: WindowCtor<W>,
  base: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  opts: { preloadPath?: string; devTools: boolean },
): W {
  const win = new Ctor({ ...base, show: false, webPreferences: hardenedWebPreferences(opts.preloadPath, opts) });
  win.setContentProtection(true);
  hardenWebContents(win.webContents, { devTools: opts.devTools });
  return win;
}

/** Minimal event surface of webContents we rely on. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (e: { preventDefault(): void; url: string }, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  closeDevTools?(): void;
}

/** Navigation, redirects, window.open, webviews and (packaged) devtools — all denied. */
export function hardenWebContents(wc: WebContentsLike, opts: { devTools: boolean; appOrigin?: string }): void {
  const denyNavigation = (e: { preventDefault(): void; url: string }, url?: string): void => {
    // The renderer is a single page: it never needs to navigate, not even within the app scheme.
    void url;
    e.preventDefault();
  };
  wc.on('will-navigate', denyNavigation);
  wc.on('will-redirect', denyNavigation);
  wc.on('will-frame-navigate', (e) => {
    if (!isAppUrl(e.url, opts.appOrigin)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!opts.devTools) wc.on('devtools-opened', () => wc.closeDevTools?.());
}

/** The slice of Session that the hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string, origin: string, details?: unknown) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: null) => void) => void): void;
  setSpellCheckerEnabled?(enable: boolean): void;
  on(event: 'will-download', listener: (e: { preventDefault(): void }) => void): unknown;
  webRequest: {
    onBeforeRequest(filter: { urls: string[] }, listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(filter: { urls: string[] }, listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void;
  };
}

/** Records what hardening was actually installed, so the start screen reports facts, not hopes. */
export interface LockRecorder {
  networkBlocked: boolean;
  permissionsDenied: boolean;
}

export function hardenSession(ses: SessionLike, recorder: LockRecorder, appOrigin: string = APP_ORIGIN): void {
  // Every permission — camera, microphone, display capture, notifications, HID, USB, serial, … — denied.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.setSpellCheckerEnabled?.(false);
  ses.on('will-download', (e) => e.preventDefault());
  recorder.permissionsDenied = true;

  // No network at all (invariant 5): anything that is not the app's own scheme is cancelled.
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => callback({ cancel: !isAppUrl(details.url, appOrigin) }));
  ses.webRequest.onHeadersReceived({ urls: ['<all_urls>'] }, (details, callback) =>
    // The value is the CONTENT_SECURITY_POLICY literal below, which the scanner cannot follow from here.
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }), // eng-disable CSP_GLOBAL_CHECK
  );
  recorder.networkBlocked = true;
}

export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appOrigin);
    return u.protocol === app.protocol && u.host === app.host && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Strict CSP: only our own scheme; no inline script, no eval, no remote anything.
 * Accepted Electronegativity exception: the evaluator warns that `'self'` can be problematic where
 * an origin hosts JSONP, Angular or user uploads. Our origin (app://countershield) serves only the
 * bundled, read-only renderer files (resolveAppRequest), none of which is any of those.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; worker-src 'none'; media-src 'none'; manifest-src 'none'"; // eng-disable CSP_GLOBAL_CHECK
