// Bundled into an init script: builds window.countershield exactly as electron/preload.ts does,
// with page.exposeBinding standing in for ipcRenderer.invoke.
import { createApi } from '../../../shared/ipc/api';

declare global {
  interface Window {
    __csInvoke(envelope: { channel: string; payload: unknown }): Promise<unknown>;
  }
}

const invoke = window.__csInvoke.bind(window);
Object.defineProperty(window, 'countershield', { value: createApi((envelope) => invoke(envelope)), writable: false, configurable: false });
