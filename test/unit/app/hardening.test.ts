import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createHardenedWindow,
  hardenSession,
  hardenWebContents,
  hardenedWebPreferences,
  isAppUrl,
  type SessionLike,
  type WebContentsLike,
  type WindowLike,
} from '../../../electron/app/hardening';

function fakeWebContents() {
  const listeners = new Map<string, (...a: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const wc = {
    on: vi.fn((event: string, l: (...a: unknown[]) => void) => listeners.set(event, l)),
    setWindowOpenHandler: vi.fn((h: typeof openHandler) => (openHandler = h)),
    closeDevTools: vi.fn(),
  };
  return { wc: wc as unknown as WebContentsLike & typeof wc, listeners, open: (url: string) => openHandler?.({ url }) };
}

function fakeSession() {
  const s = {
    request: null as null | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
    check: null as null | ((wc: unknown, p: string, o: string) => boolean),
    device: null as null | ((d: unknown) => boolean),
    display: null as null | ((r: unknown, cb: (s: null) => void) => void),
    before: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    headers: null as null | ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    download: null as null | ((e: { preventDefault(): void }) => void),
    spell: undefined as boolean | undefined,
  };
  const ses: SessionLike = {
    setPermissionRequestHandler: (h) => (s.request = h),
    setPermissionCheckHandler: (h) => (s.check = h),
    setDevicePermissionHandler: (h) => (s.device = h),
    setDisplayMediaRequestHandler: (h) => (s.display = h),
    setSpellCheckerEnabled: (e) => (s.spell = e),
    on: (_e, l) => (s.download = l),
    webRequest: { onBeforeRequest: (_f, l) => (s.before = l), onHeadersReceived: (_f, l) => (s.headers = l) },
  };
  return { ses, s };
}

// Every permission name Electron 45's session handlers can be asked about.
const PERMISSIONS = ['ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock', 'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown'];

describe('window hardening', () => {
  it('gives every window the exact hardened web preferences', () => {
    expect(hardenedWebPreferences('/app/preload.cjs', { devTools: false })).toEqual({
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
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });

  it('creates windows with content protection and the hardened preferences, whatever the caller passes', () => {
    const created: unknown[] = [];
    const { wc } = fakeWebContents();
    class FakeWindow implements WindowLike {
      webContents = wc;
      protected_ = false;
      constructor(opts: unknown) {
        created.push(opts);
      }
      setContentProtection(e: boolean) {
        this.protected_ = e;
      }
    }
    const base = { width: 800, webPreferences: { nodeIntegration: true, contextIsolation: false } } as never;
    const win = createHardenedWindow(FakeWindow, base, { preloadPath: '/p.cjs', devTools: false });
    expect(win.protected_).toBe(true);
    expect(created[0]).toMatchObject({ width: 800, show: false, webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true } });
    expect(wc.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('denies navigation, redirects, window.open, webviews, and closes devtools in packaged builds', () => {
    const { wc, listeners, open } = fakeWebContents();
    hardenWebContents(wc, { devTools: false });
    for (const ev of ['will-navigate', 'will-redirect']) {
      const e = { preventDefault: vi.fn(), url: 'app://countershield/index.html' };
      listeners.get(ev)!(e);
      expect(e.preventDefault).toHaveBeenCalled();
    }
    const sub = { preventDefault: vi.fn(), url: 'https://evil.example/' };
    listeners.get('will-frame-navigate')!(sub);
    expect(sub.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://countershield/index.html')).toEqual({ action: 'deny' });
    listeners.get('devtools-opened')!();
    expect(wc.closeDevTools).toHaveBeenCalled();
  });
});

describe('session hardening', () => {
  it('denies every permission request, check and device, and display capture', () => {
    const { ses, s } = fakeSession();
    const rec = { networkBlocked: false, permissionsDenied: false };
    hardenSession(ses, rec);
    for (const p of PERMISSIONS) {
      const cb = vi.fn();
      s.request!(null, p, cb);
      expect(cb, p).toHaveBeenCalledWith(false);
      expect(s.check!(null, p, 'app://countershield'), p).toBe(false);
    }
    expect(s.device!({ deviceType: 'usb' })).toBe(false);
    const display = vi.fn();
    s.display!({}, display);
    expect(display).toHaveBeenCalledWith(null);
    expect(s.spell).toBe(false);
    const dl = { preventDefault: vi.fn() };
    s.download!(dl);
    expect(dl.preventDefault).toHaveBeenCalled();
    expect(rec).toEqual({ networkBlocked: true, permissionsDenied: true });
  });

  it('cancels every request that is not the app scheme', () => {
    const { ses, s } = fakeSession();
    hardenSession(ses, { networkBlocked: false, permissionsDenied: false });
    const decide = (url: string) => {
      let out: boolean | undefined;
      s.before!({ url }, (r) => (out = r.cancel));
      return out;
    };
    expect(decide('app://countershield/index.html')).toBe(false);
    expect(decide('app://countershield/assets/index.js')).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///etc/passwd', 'ftp://x/', 'app://other/x', 'devtools://devtools/x', 'data:text/html,x', 'blob:https://x/y', 'garbage']) {
      expect(decide(url), url).toBe(true);
    }
  });

  it('adds the strict CSP to responses', () => {
    const { ses, s } = fakeSession();
    hardenSession(ses, { networkBlocked: false, permissionsDenied: false });
    let headers: Record<string, string[]> = {};
    s.headers!({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });

  it('isAppUrl accepts only the app origin', () => {
    expect(isAppUrl('app://countershield/x')).toBe(true);
    expect(isAppUrl('app://countershield.evil/x')).toBe(false);
    expect(isAppUrl('https://countershield/x')).toBe(false);
  });
});
