/**
 * Opens the built renderer the way a clerk sees it, wired to the real main-side code:
 * - Chromium (default): Debian's chromium via playwright-core; the renderer is served from
 *   out/renderer under a harness origin; IPC goes through page.exposeBinding into the real router
 *   and handlers; the real hardenSession guards the network and permissions.
 * - Electron (ELECTRON_E2E=1 and a binary present): Playwright's _electron launches the app itself.
 * Test-only: nothing here is in the packaged app (see electron-builder.yml `files`).
 */
import { chromium, _electron, type Browser, type ElectronApplication, type Page } from 'playwright-core';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppRouter, type AppContext } from '../../../electron/ipc';
import { hardenSession, type LockRecorder } from '../../../electron/app/hardening';
import { CHROMIUM_ARGS, findBrowser, NO_BROWSER_MESSAGE } from './browser';
import { playwrightSession, type HarnessNetLog } from './sessionAdapter';
import { testPolicyContext } from '../../fakes/policy';
import { pageClockScript } from './pageClock';
import { expectScreenRules } from './screenRules';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = join(REPO_ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');
export const HARNESS_ORIGIN = 'https://countershield.invalid';

export interface BridgeRecord { channel: string; payload: unknown; response: unknown }

export interface AppHandle {
  page: Page;
  mode: 'chromium' | 'electron';
  /** Everything that crossed the IPC bridge (chromium mode), to prove what the renderer received. */
  bridge: BridgeRecord[];
  net: HarnessNetLog;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

let bridgeScript: string | null = null;
function bridge(): string {
  bridgeScript ??= buildSync({
    entryPoints: [join(REPO_ROOT, 'test/e2e/harness/bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  return bridgeScript;
}

/** What a test's AppContext may use from the harness itself (e.g. Chromium standing in for printToPDF). */
export interface HarnessTools {
  pdf(html: string): Promise<Buffer>;
}

export interface LaunchOptions {
  context?: Partial<AppContext> | ((tools: HarnessTools) => Partial<AppContext>);
  /** Extra Chromium permissions to grant regardless of the app's handler — used only to prove tests can fail. */
  viewport?: { width: number; height: number };
}

export async function launchApp(opts: LaunchOptions = {}): Promise<AppHandle> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first (npm test does this).');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (process.env.ELECTRON_E2E === '1') return launchElectron();

  const executablePath = findBrowser();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1 });
  const net: HarnessNetLog = { blocked: [], served: [] };
  const recorder: LockRecorder = { networkBlocked: false, permissionsDenied: false };
  const ses = playwrightSession(context, RENDERER_DIR, HARNESS_ORIGIN, net);
  hardenSession(ses, recorder, HARNESS_ORIGIN);
  await ses.install();

  let language: 'ja' | 'en' = 'ja';
  const ctx: AppContext = {
    version: '0.1.0-e2e',
    prefs: { getLanguage: () => language, setLanguage: (l) => (language = l), getTerminalLabel: () => '' },
    // A browser has no OS-level capture protection, so the harness reports it honestly as off.
    locks: () => ({ networkBlocked: recorder.networkBlocked, permissionsDenied: recorder.permissionsDenied, contentProtection: false, source: 'test-harness' }),
    vaultState: () => 'absent',
    staffCount: () => 0,
    policy: testPolicyContext(),
  };
  // Copied with their getters, not spread: Terminal.context() reads services live (they appear at setup and are
  // composed again after a restore from the administration screen), and a spread would freeze today's values.
  const given = typeof opts.context === 'function' ? opts.context({ pdf: (html) => renderPdf(browser, html) }) : opts.context;
  if (given) Object.defineProperties(ctx, Object.getOwnPropertyDescriptors(given));
  const router = createAppRouter(ctx, HARNESS_ORIGIN);
  const records: BridgeRecord[] = [];
  const page = await context.newPage();
  await context.exposeBinding('__csInvoke', async (source, envelope: { channel: string; payload: unknown }) => {
    const response = await router.dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, envelope);
    records.push({ channel: String(envelope?.channel), payload: envelope?.payload, response });
    return response;
  });
  await context.addInitScript({ content: pageClockScript() });
  await context.addInitScript({ content: bridge() });
  await page.goto(`${HARNESS_ORIGIN}/index.html`);
  return {
    page,
    mode: 'chromium',
    bridge: records,
    net,
    // Every photographed screen is also held to the button rules (one primary per view, disabled says why).
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      await expectScreenRules(page, name);
      return path;
    },
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

async function launchElectron(): Promise<AppHandle> {
  const app: ElectronApplication = await _electron.launch({ args: [REPO_ROOT] });
  const page = await app.firstWindow();
  return {
    page,
    mode: 'electron',
    bridge: [],
    net: { blocked: [], served: [] },
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.electron.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => app.close(),
  };
}

/** Chromium's PDF printer standing in for Electron's webContents.printToPDF: same HTML, same engine. */
async function renderPdf(browser: Browser, html: string): Promise<Buffer> {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await ctx.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await ctx.close();
  }
}
