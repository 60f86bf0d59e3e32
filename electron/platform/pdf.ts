/**
 * The one print path (SPEC F5, F7): the redacted applicant copy, made in main as HTML, rendered to PDF
 * in a hidden, script-less, content-protected window on its own in-memory session, then saved where the
 * clerk chooses. The renderer never prints; it only learns the file name.
 * (Not runnable in CI — no Electron binary; the e2e renders the same HTML with Chromium's page.pdf.)
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const PRINT_PARTITION = 'cs-print';
let printSessionReady = false;

function printSession(): Electron.Session {
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  if (!printSessionReady) {
    ses.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
    ses.setPermissionCheckHandler(() => false);
    // The document is one data: URL with inline CSS; anything it might try to fetch is refused.
    ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (d, cb) => cb({ cancel: !d.url.startsWith('data:text/html') }));
    printSessionReady = true;
  }
  return ses;
}

/** Loads a document made in main into a hidden, script-less, content-protected window, and disposes of it after. */
async function withDocumentWindow<T>(html: string, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession(), javascript: false, disableBlinkFeatures: 'Auxclick', sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  win.setContentProtection(true);
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await use(win);
  } finally {
    win.destroy();
  }
}

export function htmlToPdf(html: string): Promise<Buffer> {
  return withDocumentWindow(html, (win) => win.webContents.printToPDF({ pageSize: 'A4', printBackground: true }));
}

export async function saveApplicantCopy(html: string, suggestedName: string, parent: BrowserWindow | null): Promise<{ saved: boolean; location: string }> {
  const pdf = await htmlToPdf(html);
  const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (canceled || !filePath) return { saved: false, location: '' };
  await writeFile(filePath, pdf);
  return { saved: true, location: basename(filePath) };
}

/**
 * Prints (never saves) a sheet made in main — the recovery-key sheet at setup — through the OS print
 * dialog, from the same script-less, content-protected window.
 */
export function printHtml(html: string): Promise<{ printed: boolean }> {
  return withDocumentWindow(html, (win) =>
    new Promise<{ printed: boolean }>((resolve) => win.webContents.print({ silent: false, printBackground: true }, (printed) => resolve({ printed }))),
  );
}
