/**
 * Setup and enrolment as the renderer knows them: the stage main reports, the last coded error, and — on the
 * recovery-key step only — the key groups, which are dropped the moment the key is confirmed or the screen left.
 */
import { create } from 'zustand';
import type { AppErrorInfo } from '../../../shared/errors';
import type { SetupStatusView } from '../../../shared/ipc/setup';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { useAppStore } from '../app/store';

const UNREACHABLE: AppErrorInfo = { code: 'E_IPC_UNREACHABLE', ja: 'アプリの内部で通信できませんでした。', en: 'The app could not complete the request.' };

interface SetupState {
  status: SetupStatusView | null;
  error: AppErrorInfo | null;
  busy: boolean;
  keyGroups: string[] | null;
  load(): Promise<void>;
  /** Runs one call; on success stores a returned status, on failure the coded error. */
  call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C> | null>;
  clearError(): void;
  forgetKey(): void;
}

export const useSetupStore = create<SetupState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  keyGroups: null,
  async load() {
    const s = await get().call('setup:status', {});
    if (s) set({ status: s });
  },
  async call(channel, payload) {
    set({ busy: true, error: null });
    try {
      const res = await window.countershield.invoke(channel, payload);
      if (!res.ok) {
        set({ error: res.error });
        return null;
      }
      const v = res.value as { stage?: unknown; status?: SetupStatusView };
      const status = typeof v.stage === 'string' ? (res.value as SetupStatusView) : v.status;
      if (status) {
        set({ status });
        // Setup changes what app:status reports (vault, staff count).
        void useAppStore.getState().loadStatus();
      }
      return res.value;
    } catch {
      set({ error: UNREACHABLE });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  clearError: () => set({ error: null }),
  forgetKey: () => set({ keyGroups: null }),
}));
