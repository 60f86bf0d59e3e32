/**
 * Bootstrap only — a table of contents (STYLE): refuse debugging doors, the `--admin` mode, lifecycle, hardening,
 * protocol, the terminal, IPC wiring, windows. Everything that decides anything lives in electron/core (plain Node) and
 * electron/ipc. Any start-up failure ends on the fail-closed screen, never in an unhandled rejection.
 */
import { app, BrowserWindow, ipcMain, powerMonitor, protocol, safeStorage, screen, session, type IpcMainInvokeEvent } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createHardenedWindow, hardenSession, hardenWebContents, type LockRecorder } from './hardening';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, PRIVILEGED_SCHEME } from './scheme';
import { appRequestHandler } from './appProtocol';
import { showStartupFailure } from './failClosed';
import { createAppRouter, type IpcSender } from '../ipc';
import { IPC_CHANNEL } from '../../shared/ipc/contract';
import { createPreferences } from '../platform/prefs';
import { enforceOnWindow, reapplyContentProtection } from './cameraLock';
import { platformLimitsFor } from './platformLimits';
import { CustomerDisplayController } from './customerDisplay';
import { defaultPolicyPath } from '../core/policy';
import { checkDataDir, checkPolicyReadable, findDebugSwitch, startupErrors, startupFailureForStage, startupFailureFrom, type StartupFailure } from '../core/startup';
import { Terminal } from '../core/terminal';
import { accountSlotId, platformAccount } from '../core/machine/account';
import { machineDataDir } from '../core/machine/dataDir';
import { machineBindingOf, platformMachineId, terminalIdOf } from '../core/machine/identity';
import { platformMachineProtector } from '../core/machine/machineProtector';
import { moveLegacyVault } from '../core/machine/migrate';
import { createSafeStorageProtector } from '../platform/keyProtector';
import { chooseListFile, saveTextExport } from '../platform/dialogs';
import { saveBundleFile } from '../platform/bundleDialog';
import { printHtml, saveApplicantCopy } from '../platform/pdf';
import { adminArgs, runAdminMode } from './adminMode';
// The import's blind-index worker, built by electron-vite as its own self-contained file (a shared chunk would
// pull main's entry into the worker). Electron loads worker scripts from inside app.asar.
import indexWorkerPath from '../core/matching/indexWorker?modulePath';

const devTools = !app.isPackaged && process.env.CS_DEVTOOLS === '1';
const rendererDir = join(__dirname, '../renderer');
const preloadPath = join(__dirname, '../preload/index.cjs');

const recorder: LockRecorder = { networkBlocked: false, permissionsDenied: false };
let mainWindow: BrowserWindow | null = null;
let terminal: Terminal | null = null;
let failure: StartupFailure | null = null;

const debugSwitch = findDebugSwitch(process.argv, (name) => app.commandLine.hasSwitch(name), process.platform);
if (debugSwitch) {
  const refusal = startupErrors.debugSwitch(debugSwitch);
  console.error(`${refusal.code}: ${refusal.ja} / ${refusal.en}`);
  app.exit(78);
} else if (adminArgs(process.argv)) {
  // IT's scripted administration (issue 17): no window, no lock, no session — one task, a report, an exit code.
  runAdminMode(adminArgs(process.argv)!);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);
  app.on('second-instance', () => focusMainWindow());
  // Every webContents ever created — including ones we did not create ourselves — gets the same guards.
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc, { devTools }));
  // The camera lock on every BrowserWindow ever created, whoever creates it (SPEC F5).
  app.on('browser-window-created', (_e, win) => enforceOnWindow(win, { devTools }));
  app.on('window-all-closed', () => app.quit());
  // Close the case, lock the session, drain the audit chain and close the vault before the process ends.
  let drained = false;
  app.on('before-quit', (e) => {
    if (drained || !terminal) return;
    e.preventDefault();
    void closeTerminal().finally(() => {
      drained = true;
      app.quit();
    });
  });
  void app.whenReady().then(start).catch((e: unknown) => failClosed(startupFailureFrom(e)));
}

let closing: Promise<void> | null = null;
function closeTerminal(): Promise<void> {
  closing ??= (terminal?.close() ?? Promise.resolve()).catch(() => undefined);
  return closing;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, recorder);
  protocol.handle(APP_SCHEME, appRequestHandler(rendererDir, () => failure));

  const policyPath = defaultPolicyPath(process.platform, process.env, { allowEnvOverride: !app.isPackaged });
  // One vault per PC, whichever account is logged on (SPEC F14): ProgramData / /var/lib, never this user's profile.
  const dataDir = await machineDataDir({ platform: process.platform, env: process.env, policyPath, allowEnvOverride: !app.isPackaged });
  await checkDataDir(dataDir);
  await checkPolicyReadable(policyPath);
  const machineId = await platformMachineId(process.platform).read();
  // The vault of the per-user folder the app used before, moved here on the first start after the update.
  const pendingMove = await moveLegacyVault(join(app.getPath('userData'), 'vault'), dataDir);
  const prefs = createPreferences();
  terminal = await Terminal.start({
    dataDir,
    // Electron's async safeStorage; if it is unavailable (or only the hard-coded Linux key), start-up fails closed.
    protector: createSafeStorageProtector(safeStorage, process.platform),
    policyPath,
    terminalId: terminalIdOf(machineId),
    accountSlot: accountSlotId(await platformAccount(process.platform, userInfo()).read()),
    machineBinding: machineBindingOf(machineId),
    // DPAPI LocalMachine / root's key file: administrators' enrolment slots, so another account enrols with a PIN.
    machineProtector: platformMachineProtector(process.platform),
    ...(pendingMove && { pendingMove }),
    terminalLabel: () => prefs.getTerminalLabel(),
    // The list import builds its blind index on a worker thread while main encrypts and writes the rows.
    indexWorker: { script: indexWorkerPath },
  });
  const stuck = startupFailureForStage(terminal.setup.status());
  if (stuck) return failClosed(stuck);

  const context = terminal.context(
    {
      version: app.getVersion(),
      prefs,
      locks: () => ({
        networkBlocked: recorder.networkBlocked,
        permissionsDenied: recorder.permissionsDenied,
        contentProtection: BrowserWindow.getAllWindows().length > 0 && BrowserWindow.getAllWindows().every((w) => w.isContentProtected()),
        source: 'electron-main',
        platformLimits: platformLimitsFor(process.platform),
      }),
    },
    {
      saveApplicantCopy: (html, name) => saveApplicantCopy(html, name, mainWindow),
      saveExport: (content, name) => saveTextExport(mainWindow, content, name),
      printRecoverySheet: (html) => printHtml(html),
      chooseListFile: () => chooseListFile(mainWindow),
      saveBundle: (file, name) => saveBundleFile(mainWindow, file, name),
      saveText: async (content, name) => {
        const r = await saveTextExport(mainWindow, content, name);
        return { saved: r.location !== '', location: r.location };
      },
    },
  );
  const router = createAppRouter(context, APP_ORIGIN);
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, envelope: unknown) => router.dispatch(senderOf(event), envelope));

  mainWindow = createHardenedWindow(
    BrowserWindow,
    { width: 1366, height: 768, minWidth: 1024, minHeight: 700, title: '窓口シールド', backgroundColor: '#f5f6f8', autoHideMenuBar: true },
    { preloadPath, devTools },
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  // Windows shutdown and logoff never emit before-quit: drain here, starting as early as Windows tells us.
  const endSession = (): void => void closeTerminal().then(() => app.quit());
  mainWindow.on('query-session-end', endSession);
  mainWindow.on('session-end', endSession);
  await mainWindow.loadURL(APP_ENTRY_URL);

  const customerDisplay = new CustomerDisplayController(BrowserWindow, screen);
  customerDisplay.sync();
  // The notice window cannot be closed by anyone at the counter; it goes when the clerk's window goes.
  mainWindow.on('closed', () => customerDisplay.close());
  const onDisplaysChanged = (): void => {
    customerDisplay.sync();
    reapplyContentProtection(BrowserWindow.getAllWindows());
  };
  screen.on('display-added', onDisplaysChanged);
  screen.on('display-removed', onDisplaysChanged);
  screen.on('display-metrics-changed', onDisplaysChanged);
  // Windows can drop a window's capture exclusion across sleep and lock; put it back every time.
  powerMonitor.on('resume', () => reapplyContentProtection(BrowserWindow.getAllWindows()));
  powerMonitor.on('unlock-screen', () => reapplyContentProtection(BrowserWindow.getAllWindows()));
  // A locked or sleeping PC is an unattended counter: lock the session and re-mask (SPEC F4).
  powerMonitor.on('lock-screen', () => void terminal?.screenLocked());
  powerMonitor.on('suspend', () => void terminal?.screenLocked());
}

/** Whatever failed, and wherever: close what opened, show the screen, keep nothing else (invariant 4). */
async function failClosed(why: StartupFailure): Promise<void> {
  if (failure) return;
  failure = why;
  console.error(`start-up failed: ${why.code}: ${why.en}`);
  ipcMain.removeHandler(IPC_CHANNEL);
  await closeTerminal();
  const others = BrowserWindow.getAllWindows();
  // The screen opens before the others go, so 'window-all-closed' does not quit under it.
  showStartupFailure(app, BrowserWindow);
  for (const w of others) w.destroy();
  mainWindow = null;
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
