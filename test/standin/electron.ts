/**
 * A strict stand-in for Electron 45's main-process module, for running the REAL built main (out/main/index.js)
 * in plain Node. It implements only what the app uses, with the signatures and the ready rules of the Electron
 * docs (app.md, browser-window.md, protocol.md, session.md, safe-storage.md, power-monitor.md, screen.md,
 * dialog.md), refuses every other member (strict.ts), and lets the test play Chromium and the OS: fire `ready`,
 * load pages through the app's own protocol handler and session, lock the screen, end the Windows session.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, unlinkSync } from 'node:fs';
import { electronEvent, strict, StrictEmitter, violate } from './strict';
import { loadSandboxedPreload, type PreloadWorld, type RendererFrame } from './preload';

export interface StandInOptions {
  userData: string;
  documents: string;
  /** The single-instance lock, as a file: present while some instance holds it. */
  lockFile: string;
  version: string;
  isPackaged: boolean;
  /** Switches Chromium parsed (app.commandLine), beyond those in argv. */
  chromiumSwitches: string[];
  argv: string[];
  /** What the OS key store is like (safe-storage.md; the Linux providers and their tags). */
  keyStore: 'keyring' | 'basic_text' | 'hard-coded-fallback';
  /** Hex, 32 bytes: the "OS account" key, so a second run can open what the first protected. */
  keyStoreKey: string;
  /** Paths the open dialog answers with, in order; an empty queue cancels. */
  openDialogAnswers: string[];
}

const APP_EVENTS = ['ready', 'will-finish-launching', 'window-all-closed', 'before-quit', 'will-quit', 'quit', 'second-instance', 'web-contents-created', 'browser-window-created', 'activate'];
const WINDOW_EVENTS = ['ready-to-show', 'show', 'hide', 'restore', 'minimize', 'maximize', 'close', 'closed', 'focus', 'blur', 'query-session-end', 'session-end', 'resize', 'move', 'unresponsive', 'responsive'];
const WEB_CONTENTS_EVENTS = ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview', 'devtools-opened', 'did-finish-load', 'did-fail-load', 'dom-ready', 'render-process-gone', 'destroyed'];
const POWER_EVENTS = ['suspend', 'resume', 'on-ac', 'on-battery', 'shutdown', 'lock-screen', 'unlock-screen', 'user-did-become-active', 'user-did-resign-active'];
const SCREEN_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'];
const SESSION_EVENTS = ['will-download'];

type Fn = (...a: never[]) => unknown;

export interface LoadedPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  blockedBySession: boolean;
}

export class StandInElectron {
  ready = false;
  exitCode: number | null = null;
  quitting = false;
  readonly log: string[] = [];
  readonly appEvents = new StrictEmitter('app', APP_EVENTS);
  readonly power = new StrictEmitter('powerMonitor', POWER_EVENTS);
  readonly screenEvents = new StrictEmitter('screen', SCREEN_EVENTS);
  readonly windows: StandInWindow[] = [];
  readonly privilegedSchemes: unknown[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  readonly ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly ipcListeners = new Map<string, Fn[]>();
  readonly defaultSession = new StandInSession('defaultSession');
  readonly partitions = new Map<string, StandInSession>();
  readonly dialogCalls: Array<{ kind: 'open' | 'save'; parent: boolean; options: unknown }> = [];
  sandboxEnabled = false;
  lockHeld = false;
  private readyResolve!: () => void;
  private readonly readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  private exitHook: (code: number) => void = () => undefined;
  readonly module: object;

  constructor(readonly o: StandInOptions) {
    this.module = strict('electron', this.buildModule());
  }

  onExit(hook: (code: number) => void): void {
    this.exitHook = hook;
  }

  /** Test side: Chromium has started; `ready` fires. */
  fireReady(): void {
    this.ready = true;
    this.appEvents.emit('will-finish-launching');
    this.readyResolve();
    this.appEvents.emit('ready', electronEvent(), {});
  }

  requireReady(what: string): void {
    if (!this.ready) violate('before-ready', what);
  }

  private finish(code: number): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    this.releaseLock();
    this.exitHook(code);
  }

  private releaseLock(): void {
    if (!this.lockHeld) return;
    this.lockHeld = false;
    if (existsSync(this.o.lockFile)) unlinkSync(this.o.lockFile);
  }

  /** app.quit() as app.md describes it: before-quit (preventable), close every window, will-quit (preventable), quit. */
  quit(): void {
    if (this.exitCode !== null) return;
    const before = electronEvent();
    this.appEvents.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    for (const w of [...this.windows]) w.close();
    if (this.windows.length > 0) {
      this.quitting = false;
      return;
    }
    const will = electronEvent();
    this.appEvents.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.appEvents.emit('quit', electronEvent(), 0);
    this.finish(0);
  }

  windowClosed(w: StandInWindow): void {
    this.windows.splice(this.windows.indexOf(w), 1);
    if (this.windows.length === 0 && !this.quitting && this.exitCode === null) this.appEvents.emit('window-all-closed');
  }

  /** Test side: a request as Chromium would route it: the session's onBeforeRequest, then the scheme's handler. */
  async request(url: string, raw = false): Promise<LoadedPage> {
    const blocked = this.defaultSession.wouldCancel(url);
    if (blocked) return { url, status: 0, headers: {}, body: '', blockedBySession: true };
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) return { url, status: -1, headers: {}, body: '', blockedBySession: false };
    // Chromium normalises the URL of a standard scheme before the handler sees it (as Request does); `raw`
    // hands the handler the string as typed, to show its own refusal does not depend on that normalisation.
    const request = raw ? ({ url, method: 'GET', headers: new Headers() } as unknown as Request) : new Request(url);
    const res = await handler(request);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { url, status: res.status, headers, body: await res.text(), blockedBySession: false };
  }

  private buildModule(): object {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module's members are closures over the stand-in
    const s = this;
    const keyStore = new StandInSafeStorage(s);
    const app = strict('app', {
      get isPackaged() {
        return s.o.isPackaged;
      },
      commandLine: strict('app.commandLine', {
        hasSwitch(name: string): boolean {
          const fromArgv = s.o.argv.some((a) => a.replace(/^--?/, '').split('=')[0] === name && a.startsWith('-'));
          return fromArgv || s.o.chromiumSwitches.includes(name);
        },
      }),
      on: (event: string, fn: Fn) => (s.appEvents.on(event, fn), app),
      once: (event: string, fn: Fn) => (s.appEvents.once(event, fn), app),
      whenReady: () => s.readyPromise,
      isReady: () => s.ready,
      quit: () => void queueMicrotask(() => s.quit()),
      exit: (code = 0) => {
        for (const w of [...s.windows]) w.destroy();
        s.finish(code);
      },
      getPath(name: string): string {
        if (name === 'userData') return s.o.userData;
        if (name === 'documents') return s.o.documents;
        return violate('unknown-member', `app.getPath('${name}')`);
      },
      getVersion: () => s.o.version,
      requestSingleInstanceLock(): boolean {
        try {
          closeSync(openSync(s.o.lockFile, 'wx'));
        } catch {
          return false;
        }
        s.lockHeld = true;
        return true;
      },
      releaseSingleInstanceLock: () => s.releaseLock(),
      enableSandbox(): void {
        if (s.ready) violate('after-ready', 'app.enableSandbox() (app.md: only before ready)');
        s.sandboxEnabled = true;
      },
    });
    const ipcMain = strict('ipcMain', {
      handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
        // ipc-main.md: a second handler for one channel is an error.
        if (s.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        s.ipcHandlers.set(channel, fn);
      },
      removeHandler: (channel: string) => void s.ipcHandlers.delete(channel),
      on(channel: string, fn: Fn) {
        s.ipcListeners.set(channel, [...(s.ipcListeners.get(channel) ?? []), fn]);
        return ipcMain;
      },
    });
    const protocol = strict('protocol', {
      registerSchemesAsPrivileged(schemes: unknown[]): void {
        if (s.ready) violate('after-ready', 'protocol.registerSchemesAsPrivileged (protocol.md: only before ready)');
        s.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
        s.requireReady('protocol.handle');
        if (s.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
        s.protocolHandlers.set(scheme, handler);
      },
    });
    const session = strict('session', {
      get defaultSession() {
        s.requireReady('session.defaultSession');
        return s.defaultSession.api;
      },
      fromPartition(partition: string) {
        s.requireReady('session.fromPartition');
        if (!s.partitions.has(partition)) s.partitions.set(partition, new StandInSession(`session(${partition})`));
        return s.partitions.get(partition)!.api;
      },
    });
    const powerMonitor = strict('powerMonitor', {
      on(event: string, fn: Fn) {
        s.requireReady('powerMonitor.on (power-monitor.md: not before ready)');
        s.power.on(event, fn);
        return powerMonitor;
      },
    });
    const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, internal: true };
    const screenApi = strict('screen', {
      getAllDisplays: () => [primary],
      getPrimaryDisplay: () => primary,
      on(event: string, fn: Fn) {
        s.screenEvents.on(event, fn);
        return screenApi;
      },
    });
    const dialog = strict('dialog', {
      async showOpenDialog(a: unknown, b?: unknown) {
        s.requireReady('dialog.showOpenDialog');
        s.dialogCalls.push({ kind: 'open', parent: b !== undefined, options: b ?? a });
        const path = s.o.openDialogAnswers.shift();
        return path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] };
      },
      async showSaveDialog(a: unknown, b?: unknown) {
        s.requireReady('dialog.showSaveDialog');
        s.dialogCalls.push({ kind: 'save', parent: b !== undefined, options: b ?? a });
        return { canceled: true, filePath: '' };
      },
    });
    const BrowserWindow = function BrowserWindow(this: unknown, options: Record<string, unknown>) {
      if (!new.target) throw new TypeError("Class constructor BrowserWindow cannot be invoked without 'new'");
      s.requireReady('new BrowserWindow (browser-window.md: not before ready)');
      const w = new StandInWindow(s, options);
      s.windows.push(w);
      s.appEvents.emit('web-contents-created', electronEvent(), w.webContents.api);
      s.appEvents.emit('browser-window-created', electronEvent(), w.api);
      return w.api;
    } as unknown as { new (o: Record<string, unknown>): unknown; getAllWindows(): unknown[] };
    BrowserWindow.getAllWindows = () => s.windows.map((w) => w.api);

    return {
      app,
      BrowserWindow: strict('BrowserWindow', BrowserWindow),
      ipcMain,
      protocol,
      session,
      powerMonitor,
      get screen() {
        // screen.md: "This module cannot be used until the ready event of the app module is emitted."
        s.requireReady('screen');
        return screenApi;
      },
      get safeStorage() {
        return keyStore.api;
      },
      dialog,
      // electron-store destructures `shell` from the module when it loads; the app calls nothing on it.
      shell: strict('shell', {}),
    };
  }
}

export class StandInSession {
  readonly events: StrictEmitter;
  permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void;
  permissionCheck?: (wc: unknown, permission: string, origin: string, details?: unknown) => boolean;
  devicePermission?: (details: unknown) => boolean;
  displayMedia?: (request: unknown, cb: (streams: unknown) => void) => void;
  spellChecker = true;
  beforeRequest: Array<{ filter: { urls: string[] }; listener: (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void }> = [];
  headersReceived: Array<{ filter: { urls: string[] }; listener: (d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void }> = [];
  readonly api: object;

  constructor(name: string) {
    this.events = new StrictEmitter(name, SESSION_EVENTS);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- closures over the stand-in session
    const ses = this;
    this.api = strict(name, {
      setPermissionRequestHandler: (h: StandInSession['permissionRequest']) => void (ses.permissionRequest = h),
      setPermissionCheckHandler: (h: StandInSession['permissionCheck']) => void (ses.permissionCheck = h),
      setDevicePermissionHandler: (h: StandInSession['devicePermission']) => void (ses.devicePermission = h),
      setDisplayMediaRequestHandler: (h: StandInSession['displayMedia']) => void (ses.displayMedia = h),
      setSpellCheckerEnabled: (on: boolean) => void (ses.spellChecker = on),
      on: (event: string, fn: Fn) => (ses.events.on(event, fn), ses.api),
      webRequest: strict(`${name}.webRequest`, {
        onBeforeRequest: (filter: { urls: string[] }, listener: StandInSession['beforeRequest'][number]['listener']) => void ses.beforeRequest.push({ filter, listener }),
        onHeadersReceived: (filter: { urls: string[] }, listener: StandInSession['headersReceived'][number]['listener']) => void ses.headersReceived.push({ filter, listener }),
      }),
    });
  }

  /** What the session's onBeforeRequest listeners answer for one URL (session.md: the callback decides). */
  wouldCancel(url: string): boolean {
    let cancel = false;
    for (const { listener } of this.beforeRequest) listener({ url }, (r) => (cancel = cancel || r.cancel === true));
    return cancel;
  }

  headersFor(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> {
    let out = responseHeaders;
    for (const { listener } of this.headersReceived) listener({ url, responseHeaders: out }, (r) => (out = r.responseHeaders ?? out));
    return out;
  }

  askPermission(permission: string): Promise<boolean> {
    return new Promise((resolve) => (this.permissionRequest ? this.permissionRequest({}, permission, resolve, {}) : resolve(true)));
  }
}

let nextId = 1;

export class StandInWindow {
  readonly id = nextId++;
  readonly events = new StrictEmitter('BrowserWindow', WINDOW_EVENTS);
  readonly webContents: StandInWebContents;
  contentProtected = false;
  visible = false;
  destroyed = false;
  readonly api: object;

  constructor(private readonly s: StandInElectron, readonly options: Record<string, unknown>) {
    this.webContents = new StandInWebContents(s, this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- closures over the stand-in window
    const w = this;
    this.api = strict('BrowserWindow instance', {
      get id() {
        return w.id;
      },
      get webContents() {
        return w.webContents.api;
      },
      setContentProtection: (on: boolean) => void (w.contentProtected = on),
      isContentProtected: () => w.contentProtected,
      on: (event: string, fn: Fn) => (w.events.on(event, fn), w.api),
      once: (event: string, fn: Fn) => (w.events.once(event, fn), w.api),
      removeListener: (event: string, fn: Fn) => (w.events.removeListener(event, fn), w.api),
      loadURL: (url: string) => w.webContents.load(url),
      show: () => {
        w.visible = true;
        w.events.emit('show');
      },
      showInactive: () => void (w.visible = true),
      isVisible: () => w.visible,
      isMinimized: () => false,
      restore: () => undefined,
      focus: () => undefined,
      isDestroyed: () => w.destroyed,
      close: () => w.close(),
      destroy: () => w.destroy(),
    });
  }

  close(): void {
    if (this.destroyed) return;
    const e = electronEvent();
    this.events.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.events.emit('closed');
    this.s.windowClosed(this);
  }
}

export class StandInWebContents {
  readonly events = new StrictEmitter('webContents', WEB_CONTENTS_EVENTS);
  windowOpenHandler?: (details: { url: string }) => { action: string };
  page: LoadedPage | null = null;
  preload: PreloadWorld | null = null;
  readonly mainFrame: RendererFrame & { api: object };
  readonly api: object;

  constructor(private readonly s: StandInElectron, readonly win: StandInWindow) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- closures over the stand-in webContents
    const wc = this;
    const frame = { url: '', isMainFrame: true } as RendererFrame & { api: object };
    frame.api = strict('WebFrameMain', {
      get url() {
        return frame.url;
      },
    });
    this.mainFrame = frame;
    this.api = strict('webContents', {
      get mainFrame() {
        return frame.api;
      },
      on: (event: string, fn: Fn) => (wc.events.on(event, fn), wc.api),
      once: (event: string, fn: Fn) => (wc.events.once(event, fn), wc.api),
      setWindowOpenHandler: (h: StandInWebContents['windowOpenHandler']) => void (wc.windowOpenHandler = h),
      isDevToolsOpened: () => false,
      closeDevTools: () => undefined,
    });
  }

  get webPreferences(): Record<string, unknown> {
    return (this.win.options.webPreferences ?? {}) as Record<string, unknown>;
  }

  /** loadURL: through the session and the protocol handler; then the preload, as Chromium runs it, before the page. */
  async load(url: string): Promise<void> {
    const page = await this.s.request(url);
    if (page.blockedBySession) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
    if (page.status === -1) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const hs = this.s.defaultSession.headersFor(url, Object.fromEntries(Object.entries(page.headers).map(([k, v]) => [k, [v]])));
    this.page = { ...page, headers: Object.fromEntries(Object.entries(hs).map(([k, v]) => [k.toLowerCase(), v.join(', ')])) };
    this.mainFrame.url = url;
    const preload = this.webPreferences.preload;
    if (typeof preload === 'string') this.preload = loadSandboxedPreload(preload, this.s, this.api, this.mainFrame);
    this.events.emit('dom-ready', electronEvent());
    this.events.emit('did-finish-load', electronEvent());
    this.win.events.emit('ready-to-show');
  }

  /** Test side: a user clicks a link; returns whether navigation went ahead (webcontents.md: will-navigate is preventable). */
  navigate(url: string): boolean {
    const e = electronEvent({ url, isMainFrame: true });
    this.events.emit('will-navigate', e, url);
    return !e.defaultPrevented;
  }
}

/**
 * safeStorage as each Linux key store presents itself (safe-storage.md, and Chromium's os_crypt_async providers
 * behind it): a keyring (backend gnome_libsecret, tag v11), no keyring with `basic_text`, or a keyring name with the
 * async encryptor fallen back to the hard-coded key (tag v10). It really encrypts (AES-256-GCM with this "OS
 * account's" key), so the vault's blobs are opaque and a second run opens only what this account protected.
 */
export class StandInSafeStorage {
  readonly api: object;
  constructor(s: StandInElectron) {
    const key = Buffer.from(s.o.keyStoreKey, 'hex');
    const tag = Buffer.from(s.o.keyStore === 'hard-coded-fallback' ? 'v10' : 'v11');
    const notReady = (what: string): never => violate('before-ready', `safeStorage.${what} (safe-storage.md: rejects before ready)`);
    this.api = strict('safeStorage', {
      async isAsyncEncryptionAvailable(): Promise<boolean> {
        return s.ready;
      },
      getSelectedStorageBackend(): string {
        if (!s.ready) return 'unknown';
        return s.o.keyStore === 'basic_text' ? 'basic_text' : 'gnome_libsecret';
      },
      async encryptStringAsync(plain: string): Promise<Buffer> {
        if (!s.ready) notReady('encryptStringAsync');
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv);
        return Buffer.concat([tag, iv, c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
      },
      async decryptStringAsync(blob: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
        if (!s.ready) notReady('decryptStringAsync');
        if (!Buffer.isBuffer(blob)) throw new Error('Expected the first argument of decryptStringAsync() to be a buffer');
        if (blob.length === 0) return { shouldReEncrypt: false, result: '' };
        const body = blob.subarray(3);
        const d = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
        d.setAuthTag(body.subarray(body.length - 16));
        try {
          return { shouldReEncrypt: false, result: Buffer.concat([d.update(body.subarray(12, body.length - 16)), d.final()]).toString('utf8') };
        } catch {
          throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
        }
      },
    });
  }
}

