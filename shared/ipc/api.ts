/**
 * The object the renderer sees as `window.countershield`. The preload builds it over
 * `ipcRenderer.invoke`; the e2e harness builds the very same object over `page.exposeFunction`,
 * so only the transport differs. It exposes nothing of Electron or Node: one function, an allowlist.
 */
import { isChannel, type Channel, type IpcResponse, type RequestOf, type ResponseOf } from './contract';

export type Transport = (envelope: { channel: string; payload: unknown }) => Promise<unknown>;

export interface CounterShieldApi {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<IpcResponse<ResponseOf<C>>>;
}

export function createApi(transport: Transport): CounterShieldApi {
  return Object.freeze({
    async invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<IpcResponse<ResponseOf<C>>> {
      if (!isChannel(channel)) {
        return {
          ok: false,
          error: { code: 'E_IPC_UNKNOWN_CHANNEL', ja: '許可されていない操作です。', en: 'The app does not allow this operation.' },
        };
      }
      return (await transport({ channel, payload })) as IpcResponse<ResponseOf<C>>;
    },
  });
}

declare global {
  interface Window {
    countershield: CounterShieldApi;
  }
}
