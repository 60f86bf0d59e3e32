/**
 * The only door from renderer to main. Order matters and mirrors VS Code's validatedIpcMain:
 * envelope shape → sender (our origin, main frame only) → known channel → payload schema →
 * handler → response schema (strips anything the contract does not name) → coded result.
 * Nothing thrown inside a handler reaches the renderer except a coded AppError.
 */
import type { z } from 'zod';
import { contract, EnvelopeSchema, type Contract, isChannel, type Channel, type IpcResponse, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { AppError, INTERNAL_ERROR, isAppError, type AppErrorInfo } from '../../shared/errors';

/** What main knows about who sent a message (from `event.senderFrame`). */
export interface IpcSender {
  /** URL of the sending frame; null when the frame is gone. */
  readonly url: string | null;
  /** True only for the top-level frame of a window the app created. */
  readonly isMainFrame: boolean;
}

export type Handler<C extends Channel> = (payload: z.output<Contract[C]['request']>, sender: IpcSender) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in Channel]: Handler<C> };

export const IPC_ERRORS = {
  badEnvelope: { code: 'E_IPC_SHAPE', ja: '不正な要求です。', en: 'The request was not in a form the app accepts. Nothing was done.' },
  badSender: { code: 'E_IPC_SENDER', ja: '許可されていない画面からの要求です。', en: 'The request came from a screen that is not part of the app. Nothing was done.' },
  unknownChannel: { code: 'E_IPC_UNKNOWN_CHANNEL', ja: '許可されていない操作です。', en: 'The app does not allow this operation.' },
  badPayload: { code: 'E_IPC_PAYLOAD', ja: '入力の形式が正しくありません。', en: 'The input is not in the expected form. Nothing was done.' },
  badResponse: { code: 'E_IPC_RESPONSE', ja: '内部エラーが発生しました。操作は行われていません。', en: 'Internal error. Nothing was done.' },
} as const satisfies Record<string, AppErrorInfo>;

export interface IpcRouter {
  dispatch(sender: IpcSender, envelope: unknown): Promise<IpcResponse<unknown>>;
}

/** `appOrigin` is e.g. `app://countershield`; only frames whose URL has exactly this origin may call. */
export function createIpcRouter(handlers: Handlers, appOrigin: string, log?: (code: string, channel: string) => void): IpcRouter {
  const reject = (error: AppErrorInfo, channel = '?'): IpcResponse<never> => {
    log?.(error.code, channel);
    return { ok: false, error };
  };
  return {
    async dispatch(sender, envelope) {
      if (!isTrustedSender(sender, appOrigin)) return reject(IPC_ERRORS.badSender);
      const env = EnvelopeSchema.safeParse(envelope);
      if (!env.success) return reject(IPC_ERRORS.badEnvelope);
      const { channel, payload } = env.data;
      if (!isChannel(channel)) return reject(IPC_ERRORS.unknownChannel, channel.slice(0, 64));
      const spec = contract[channel];
      const parsed = spec.request.safeParse(payload);
      if (!parsed.success) return reject(IPC_ERRORS.badPayload, channel);
      try {
        const handler = handlers[channel] as (p: unknown, s: IpcSender) => Promise<unknown> | unknown;
        const out = await handler(parsed.data, sender);
        const checked = spec.response.safeParse(out);
        if (!checked.success) return reject(IPC_ERRORS.badResponse, channel);
        return { ok: true, value: checked.data };
      } catch (e) {
        return reject(isAppError(e) ? e.toInfo() : INTERNAL_ERROR, channel);
      }
    },
  };
}

export function isTrustedSender(sender: IpcSender, appOrigin: string): boolean {
  if (!sender.isMainFrame || !sender.url) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // `URL.origin` is "null" for non-special schemes, so compare scheme and host explicitly.
  const expected = new URL(appOrigin);
  return url.protocol === expected.protocol && url.host === expected.host && url.username === '' && url.password === '';
}

export type { RequestOf, ResponseOf };
export { AppError };
