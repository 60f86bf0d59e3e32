/** Save and open dialogs for main: the renderer never touches the file system, and learns only a file name. */
import { app, dialog, type BrowserWindow } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/errors';

/** A 住基 export of 100,000 rows is ~20 MB; anything far larger is not a list. */
const MAX_LIST_BYTES = 200 * 1024 * 1024;

export async function saveTextExport(parent: BrowserWindow | null, content: string, fileName: string): Promise<{ location: string }> {
  const options = { defaultPath: join(app.getPath('documents'), fileName) };
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (canceled || !filePath) return { location: '' };
  await writeFile(filePath, content, 'utf8');
  return { location: basename(filePath) };
}

export async function chooseListFile(parent: BrowserWindow | null): Promise<{ name: string; bytes: Uint8Array } | null> {
  const options = { properties: ['openFile' as const], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }, { name: 'CounterShield bundle', extensions: ['csbundle'] }] };
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const path = filePaths[0];
  if (canceled || !path) return null;
  if ((await stat(path)).size > MAX_LIST_BYTES) {
    throw new AppError({ code: 'E_IMPORT_TOO_LARGE', ja: 'ファイルが大きすぎます（200MBまで）。正しいファイルか確認してください。', en: 'The file is too large (200 MB max).' });
  }
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}
