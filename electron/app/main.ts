/**
 * Bootstrap only — a table of contents (STYLE): lifecycle, hardening, protocol, IPC wiring, window.
 * Everything that decides anything lives in electron/core (plain Node) and electron/ipc.
 */
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHardenedWindow, hardenSession, hardenWebContents, CONTENT_SECURITY_POLICY, type LockRecorder } from './hardening';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, PRIVILEGED_SCHEME, resolveAppRequest } from './scheme';
import { createAppRouter, type IpcSender } from '../ipc';
import { IPC_CHANNEL } from '../../shared/ipc/contract';
import { createPreferences } from '../platform/prefs';

const devTools = !app.isPackaged && process.env.CS_DEVTOOLS === '1';
const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.cjs');
const recorder: LockRecorder = { networkBlocked: false, permissionsDenied: false };

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);
  app.on('second-instance', () => focusMainWindow());
  // Every webContents ever created — including ones we did not create ourselves — gets the same guards.
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc, { devTools }));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  hardenSession(session.defaultSession, recorder);
  protocol.handle(APP_SCHEME, async (request) => {
    const hit = resolveAppRequest(request.url, rendererDir, join);
    if (!hit) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(hit.path);
      return new Response(body, { headers: { 'content-type': hit.mime, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const prefs = createPreferences();
  const router = createAppRouter(
    {
      version: app.getVersion(),
      prefs,
      locks: () => ({
        networkBlocked: recorder.networkBlocked,
        permissionsDenied: recorder.permissionsDenied,
        contentProtection: BrowserWindow.getAllWindows().length > 0 && BrowserWindow.getAllWindows().every((w) => w.isContentProtected()),
        source: 'electron-main',
      }),
      // The vault and staff arrive with their issues; until then this terminal is honestly "not set up".
      vaultState: () => 'absent',
      staffCount: () => 0,
    },
    APP_ORIGIN,
  );
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, envelope: unknown) => router.dispatch(senderOf(event), envelope));

  mainWindow = createHardenedWindow(
    BrowserWindow,
    { width: 1366, height: 768, minWidth: 1024, minHeight: 700, title: '窓口シールド', backgroundColor: '#f5f6f8', autoHideMenuBar: true },
    { preloadPath, devTools },
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(APP_ENTRY_URL);
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return { url: frame ? frame.url : null, isMainFrame: !!frame && frame === event.sender.mainFrame };
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}
