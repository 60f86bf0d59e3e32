/** App-wide renderer state. Holds only what main chose to send: status and language, never a protected value. */
import { create } from 'zustand';
import type { AppStatus } from '../../../shared/ipc/contract';
import type { AppErrorInfo } from '../../../shared/errors';
import i18n from '../i18n/setup';

interface AppState {
  status: AppStatus | null;
  error: AppErrorInfo | null;
  loadStatus(): Promise<void>;
  setLanguage(language: 'ja' | 'en'): Promise<void>;
}

const UNREACHABLE: AppErrorInfo = { code: 'E_IPC_UNREACHABLE', ja: '', en: '' };

export const useAppStore = create<AppState>((set, get) => ({
  status: null,
  error: null,
  async loadStatus() {
    try {
      const res = await window.countershield.invoke('app:status', {});
      if (res.ok) {
        set({ status: res.value, error: null });
        await i18n.changeLanguage(res.value.language);
      } else set({ error: res.error });
    } catch {
      set({ error: UNREACHABLE });
    }
  },
  async setLanguage(language) {
    const res = await window.countershield.invoke('prefs:setLanguage', { language });
    if (res.ok) {
      await i18n.changeLanguage(res.value.language);
      const status = get().status;
      if (status) set({ status: { ...status, language: res.value.language } });
    } else set({ error: res.error });
  },
}));
