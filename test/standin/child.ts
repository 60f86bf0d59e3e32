/**
 * One scenario, in its own process (so each starts clean, as a launch does): installs the stand-in as
 * `require('electron')`, loads the REAL built main, plays Chromium and the OS through the stand-in, and writes what
 * it saw to a report file. Run by run.ts; never imported by a test.
 */
import Module from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StandInElectron, type StandInOptions, type StandInWindow } from './electron';
import { loadSandboxedPreload, type PreloadWorld } from './preload';
import { strict, violations } from './strict';

export interface Scenario {
  kind: 'first-run' | 'relaunch' | 'fail' | 'debug-switch' | 'admin';
  /** The folder holding main/index.js, preload/index.cjs and renderer/ (out/ or an extracted app.asar's out/). */
  outDir: string;
  reportFile: string;
  /** An ISO instant: the child's clock starts here (the app's clock; a test never reads today's date). */
  clock: string;
  env: Record<string, string>;
  standIn: StandInOptions;
  /** relaunch: what Windows or the OS does once the vault is open. */
  relaunchEnd?: 'quit' | 'query-session-end' | 'session-end';
  admins?: Array<{ staffId: string; displayName: string; pin: string }>;
}

export interface Report {
  exitCode: number | null;
  violations: typeof violations;
  unhandled: string[];
  stderr: string[];
  sandboxEnabled: boolean;
  privilegedSchemes: unknown[];
  lockHeldAfterStart: boolean | null;
  windows: Array<{ options: Record<string, unknown>; contentProtected: boolean; url: string; status: number; csp: string | undefined; body: string; preload?: { exposedKeys: string[]; apiMembers: string[]; requires: PreloadWorld['requires'] } }>;
  ipcChannels: string[];
  steps: Record<string, unknown>;
  timings: Record<string, number>;
}

const sc = JSON.parse(process.env.CS_STANDIN_SCENARIO ?? '{}') as Scenario;
const report: Report = {
  exitCode: null, violations, unhandled: [], stderr: [], sandboxEnabled: false, privilegedSchemes: [], lockHeldAfterStart: null,
  windows: [], ipcChannels: [], steps: {}, timings: {},
};
fixClock(Date.parse(sc.clock));
for (const [k, v] of Object.entries(sc.env)) process.env[k] = v;
const standIn = new StandInElectron(sc.standIn);

standIn.onExit((code) => {
  report.exitCode = code;
  writeReport();
  process.exit(code);
});
process.on('unhandledRejection', (e) => void report.unhandled.push(String((e as Error)?.stack ?? e)));
process.on('uncaughtException', (e) => {
  report.unhandled.push(String(e?.stack ?? e));
  writeReport();
  process.exit(70);
});
const origError = console.error;
console.error = (...a: unknown[]) => {
  report.stderr.push(a.map(String).join(' '));
  origError(...a);
};

// require('electron') from the built main (and anything it loads) is the stand-in; everything else is Node's.
const moduleWithLoad = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const nodeLoad = moduleWithLoad._load;
moduleWithLoad._load = function load(request: string, parent: unknown, isMain: boolean) {
  return request === 'electron' ? standIn.module : nodeLoad.call(this, request, parent, isMain);
};
Object.assign(process, { type: 'browser', resourcesPath: join(sc.outDir, '..', '..') });
process.argv = ['/opt/CounterShield/counter-shield', ...sc.standIn.argv];

void main().catch((e) => {
  report.unhandled.push(`driver: ${String((e as Error)?.stack ?? e)}`);
  writeReport();
  process.exit(71);
});

async function main(): Promise<void> {
  const t0 = performance.now();
  Module.createRequire(__filename)(join(sc.outDir, 'main', 'index.js'));
  report.sandboxEnabled = standIn.sandboxEnabled;
  report.privilegedSchemes = standIn.privilegedSchemes;
  report.timings.mainLoadMs = performance.now() - t0;
  if (standIn.exitCode !== null) return;
  standIn.fireReady();
  // `--admin`: no window may open; the app ends itself through app.exit, which writes the report (onExit above).
  if (sc.kind === 'admin') return adminRun();
  const win = await waitFor(() => standIn.windows.find((w) => w.webContents.page), 'a window with a page');
  report.timings.readyToWindowMs = performance.now() - t0;
  report.lockHeldAfterStart = standIn.lockHeld;
  report.ipcChannels = [...standIn.ipcHandlers.keys()];
  recordWindows();
  if (sc.kind === 'fail') return failedStart(win);
  if (sc.kind === 'first-run') return firstRun(win);
  return relaunch(win);
}

function recordWindows(): void {
  report.windows = standIn.windows.map((w) => {
    const page = w.webContents.page!;
    const world = w.webContents.preload;
    const api = world?.exposed.countershield as Record<string, unknown> | undefined;
    return {
      options: JSON.parse(JSON.stringify(w.options)) as Record<string, unknown>,
      contentProtected: w.contentProtected,
      url: page.url, status: page.status, csp: page.headers['content-security-policy'], body: page.body.slice(0, 20_000),
      ...(world && { preload: { exposedKeys: Object.keys(world.exposed), apiMembers: api ? Object.keys(api).map((k) => `${k}:${typeof api[k]}`) : [], requires: world.requires } }),
    };
  });
}

type Api = { invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> };
const apiOf = (world: PreloadWorld | null): Api => world!.exposed.countershield as Api;

/** The fail-closed screen: what it shows, what it refuses, and that 終了 quits. */
async function failedStart(win: StandInWindow): Promise<void> {
  report.steps.rendererWhileFailed = (await standIn.request('app://countershield/index.html')).status;
  report.steps.cssWhileFailed = (await standIn.request('app://countershield/startup-error.css')).status;
  report.steps.otherNavigationAllowed = win.webContents.navigate('app://countershield/index.html');
  report.steps.quitNavigationAllowed = win.webContents.navigate('app://countershield/quit');
  await waitFor(() => standIn.exitCode !== null || undefined, 'the app to quit');
}

async function firstRun(win: StandInWindow): Promise<void> {
  const steps = report.steps;
  steps.protocol = await protocolProbe();
  steps.session = await sessionProbe();
  const api = apiOf(win.webContents.preload);
  steps.statusBefore = await api.invoke('setup:status', {});
  steps.senderChecks = await senderProbe(win);

  // First-run setup as the renderer's wizard drives it (renderer/src/setup/*), every step over the preload's api.
  const [a1, a2] = sc.admins!;
  const tSetup = performance.now();
  steps.weakPin = await api.invoke('setup:createAdmins', { admins: [{ ...a1, pinConfirm: a1!.pin }, { ...a2, pin: '123456', pinConfirm: '123456' }] });
  steps.createAdmins = await api.invoke('setup:createAdmins', { admins: [{ ...a1, pinConfirm: a1!.pin }, { ...a2, pinConfirm: a2!.pin }] });
  const key = await api.invoke('setup:recoveryKey', {});
  const groups = (key.value as unknown as { groups: string[] } | undefined)?.groups ?? [];
  steps.recoveryGroups = groups;
  steps.wrongConfirm = await api.invoke('setup:confirmRecoveryKey', { lastGroups: groups.slice(-3, -1).join('-') });
  steps.confirm = await api.invoke('setup:confirmRecoveryKey', { lastGroups: groups.slice(-2).join(' ').toLowerCase() });
  steps.keyAfterConfirm = await api.invoke('setup:recoveryKey', {});
  steps.policy = await api.invoke('setup:reviewPolicy', {});
  const chosen = await api.invoke('setup:chooseList', {});
  steps.chooseList = chosen;
  steps.dialogCalls = standIn.dialogCalls.map((d) => ({ kind: d.kind, parent: d.parent }));
  const token = (chosen.value as unknown as { file: { token: string } }).file.token;
  const plan = await api.invoke('setup:importDryRun', { token });
  steps.dryRun = plan;
  const planHash = (plan.value as unknown as { summary: { planHash: string } }).summary.planHash;
  steps.commit = await api.invoke('setup:importCommit', { token, planHash, staffId: a2!.staffId, pin: a2!.pin });
  report.timings.setupThroughIpcMs = performance.now() - tSetup;
  steps.appStatus = await api.invoke('app:status', {});

  // The screen lock: an unattended counter locks the session (SPEC F4).
  steps.login = await api.invoke('session:login', { staffId: a1!.staffId, pin: a1!.pin });
  steps.sessionBeforeLock = await api.invoke('session:current', {});
  standIn.power.emit('lock-screen');
  await settle();
  steps.sessionAfterLock = await api.invoke('session:current', {});
  steps.login2 = await api.invoke('session:login', { staffId: a2!.staffId, pin: a2!.pin });
  recordWindows();
  // Quit with a session open: before-quit must lock it, drain the chain and close the vault before the process ends.
  writeReport();
  standIn.quit();
  await waitFor(() => standIn.exitCode !== null || undefined, 'the app to quit', 60_000);
}

/** A second launch on the vault the first run made: log in, then the OS ends the session. */
async function relaunch(win: StandInWindow): Promise<void> {
  const api = apiOf(win.webContents.preload);
  const [a1] = sc.admins!;
  report.steps.appStatus = await api.invoke('app:status', {});
  report.steps.login = await api.invoke('session:login', { staffId: a1!.staffId, pin: a1!.pin });
  report.steps.caseOpen = await api.invoke('case:open', { form: 'tenseki', channel: 'counter' });
  writeReport();
  const end = sc.relaunchEnd ?? 'quit';
  if (end === 'quit') standIn.quit();
  else {
    const e = { reasons: ['logoff'], defaultPrevented: false, preventDefault() { e.defaultPrevented = true; } };
    win.events.emit(end, e);
    report.steps.sessionEndPrevented = e.defaultPrevented;
  }
  await waitFor(() => standIn.exitCode !== null || undefined, 'the app to end', 60_000);
}

async function protocolProbe(): Promise<Record<string, { status: number; csp?: string; servedRenderer: boolean; leaked: boolean }>> {
  const urls: Array<[string, boolean]> = [
    ['app://countershield/index.html', false],
    ['app://countershield/', false],
    ['app://countershield/../main/index.js', false],
    ['app://countershield/..%2fmain%2findex.js', true],
    ['app://countershield/%2e%2e/main/index.js', true],
    ['app://countershield/%2E%2E%2Fpreload%2Findex.cjs', true],
    ['app://countershield/assets/..%5c..%5cmain%5cindex.js', true],
    ['app://countershield/..\\main\\index.js', true],
    ['app://countershield/index.html%00.png', true],
    ['app://evil.example/index.html', false],
    ['app://countershield.evil/index.html', false],
    ['app://user:pw@countershield/index.html', false],
    ['app://countershield/main/index.js', false],
  ];
  const out: Record<string, { status: number; csp?: string; servedRenderer: boolean; leaked: boolean }> = {};
  for (const [u, raw] of urls) {
    const r = await standIn.request(u, raw);
    out[`${raw ? 'raw ' : ''}${u}`] = {
      status: r.status, ...(r.headers['content-security-policy'] && { csp: r.headers['content-security-policy'] }),
      servedRenderer: r.body.includes('<div id="root"'),
      // main's and the preload's code never leaves through the scheme
      leaked: r.body.includes('requestSingleInstanceLock') || r.body.includes('exposeInMainWorld'),
    };
  }
  return out;
}

async function sessionProbe(): Promise<Record<string, unknown>> {
  const ses = standIn.defaultSession;
  const urls = ['https://example.com/', 'http://127.0.0.1:8080/x', 'file:///etc/passwd', 'ws://localhost:9222/devtools', 'wss://example.com/s', 'ftp://example.com/', 'devtools://devtools/bundled/inspector.html', 'data:text/html,<p>x</p>', 'blob:app://countershield/1', 'app://evil.example/x', 'app://countershield/index.html'];
  const cancelled = Object.fromEntries(urls.map((u) => [u, ses.wouldCancel(u)]));
  const permissions = ['media', 'geolocation', 'notifications', 'display-capture', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal'];
  const requested: Record<string, boolean> = {};
  for (const p of permissions) requested[p] = await ses.askPermission(p);
  const checked = Object.fromEntries(permissions.map((p) => [p, ses.permissionCheck ? ses.permissionCheck({}, p, 'app://countershield', {}) : true]));
  const device = ses.devicePermission ? ses.devicePermission({ deviceType: 'usb', origin: 'app://countershield' }) : true;
  const displayMedia = await new Promise((resolve) => (ses.displayMedia ? ses.displayMedia({ frame: null, videoRequested: true }, resolve) : resolve('no handler')));
  const downloadEvent = { defaultPrevented: false, preventDefault() { downloadEvent.defaultPrevented = true; } };
  ses.events.emit('will-download', downloadEvent, {}, {});
  const csp = ses.headersFor('app://countershield/index.html', {})['Content-Security-Policy'];
  return { cancelled, requested, checked, device, displayMedia, downloadPrevented: downloadEvent.defaultPrevented, spellChecker: ses.spellChecker, headersCsp: csp };
}

/** The router's sender check, reached through the same preload loaded in other frames. */
async function senderProbe(win: StandInWindow): Promise<Record<string, unknown>> {
  const preloadPath = win.webContents.webPreferences.preload as string;
  const wc = win.webContents;
  const subframe = { url: 'app://countershield/index.html', isMainFrame: false } as { url: string; isMainFrame: boolean; api: object };
  subframe.api = strict('WebFrameMain (subframe)', { url: subframe.url });
  const fromSubframe = await apiOf(loadSandboxedPreload(preloadPath, standIn, wc.api, subframe)).invoke('setup:status', {});
  const mainUrl = wc.mainFrame.url;
  wc.mainFrame.url = 'https://evil.example/index.html';
  const fromForeignUrl = await apiOf(loadSandboxedPreload(preloadPath, standIn, wc.api, wc.mainFrame)).invoke('setup:status', {});
  wc.mainFrame.url = 'file:///tmp/index.html';
  const fromFileUrl = await apiOf(loadSandboxedPreload(preloadPath, standIn, wc.api, wc.mainFrame)).invoke('setup:status', {});
  wc.mainFrame.url = mainUrl;
  const unknownChannel = await apiOf(wc.preload).invoke('shell:openExternal', {});
  const badPayload = await apiOf(wc.preload).invoke('setup:createAdmins', { admins: 'all of them' });
  return { fromSubframe, fromForeignUrl, fromFileUrl, unknownChannel, badPayload };
}

function fixClock(start: number): void {
  const RealDate = Date;
  const t0 = performance.now();
  const now = (): number => Math.floor(start + (performance.now() - t0));
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [string]));
    }
    static override now(): number {
      return now();
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
}

/** The admin mode must finish on its own; a window or a hang is a failure the report shows. */
async function adminRun(): Promise<void> {
  await new Promise((r) => setTimeout(r, 60_000));
  report.windows = standIn.windows.map((w) => ({ options: {}, contentProtected: w.contentProtected, url: '', status: 0, csp: undefined, body: '' }));
  report.unhandled.push('admin mode did not exit within 60 s');
  writeReport();
  process.exit(72);
}

async function waitFor<T>(probe: () => T | undefined | null | false, what: string, ms = 30_000): Promise<T> {
  const until = performance.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() > until) throw new Error(`stand-in: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

function writeReport(): void {
  writeFileSync(sc.reportFile, JSON.stringify(report, null, 1));
}
