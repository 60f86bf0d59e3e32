/** The save dialog for a list bundle: main writes the encrypted, signed bytes; the renderer learns only a file name. */
import { app, dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export async function saveBundleFile(parent: BrowserWindow | null, file: Uint8Array, fileName: string): Promise<{ saved: boolean; location: string }> {
  const options = { defaultPath: join(app.getPath('documents'), fileName), filters: [{ name: 'CounterShield bundle', extensions: ['csbundle'] }] };
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (canceled || !filePath) return { saved: false, location: '' };
  // The bundle is already encrypted and signed (electron/core/bundle); it is written exactly as made.
  await writeFile(filePath, file, { mode: 0o600 });
  return { saved: true, location: basename(filePath) };
}
