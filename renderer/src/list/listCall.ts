/** One call at a time with its coded error, for the list screens (no store: nothing here outlives the screen). */
import { useCallback, useState } from 'react';
import type { AppErrorInfo } from '../../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';

const UNREACHABLE: AppErrorInfo = { code: 'E_IPC_UNREACHABLE', ja: 'アプリの内部で通信できませんでした。', en: 'The app could not complete the request.' };

export function useListCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const call = useCallback(async <C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C> | null> => {
    setBusy(true);
    setError(null);
    try {
      const res = await window.countershield.invoke(channel, payload);
      if (!res.ok) {
        setError(res.error);
        return null;
      }
      return res.value as ResponseOf<C>;
    } catch {
      setError(UNREACHABLE);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { call, busy, error, setError };
}
