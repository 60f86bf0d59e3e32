/**
 * The narrow bridge: one frozen object with one function, over one IPC channel. Nothing of Electron
 * or Node crosses (no ipcRenderer, no event objects, no require). Sandboxed preloads are CommonJS.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../shared/ipc/api';
import { IPC_CHANNEL } from '../shared/ipc/contract';

contextBridge.exposeInMainWorld(
  'countershield',
  createApi((envelope) => ipcRenderer.invoke(IPC_CHANNEL, envelope)),
);
