/**
 * The clerk's session as the renderer knows it: who is logged in, nothing else. Main decides when the
 * session ends (idle, screen lock); the renderer asks every few seconds and, the moment main says "no
 * session", every subscriber (the unmask store) drops what it holds.
 */
import { create } from 'zustand';
import type { AppErrorInfo } from '../../../shared/errors';
import type { SessionView } from '../../../shared/ipc/unmask';

interface SessionState {
  session: SessionView | null;
  /** True once main has answered at least once, so the login screen does not flash before it. */
  known: boolean;
  error: AppErrorInfo | null;
  busy: boolean;
  login(staffId: string, pin: string): Promise<boolean>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  activity(): Promise<void>;
  clearError(): void;
}

const endListeners = new Set<() => void>();
/** Called whenever the session ends, for whatever reason; features wipe their state here. */
export function onSessionEnd(cb: () => void): () => void {
  endListeners.add(cb);
  return () => endListeners.delete(cb);
}

export const useSessionStore = create<SessionState>((set, get) => {
  const accept = (session: SessionView | null) => {
    const had = get().session;
    set({ session, known: true });
    if (had && (!session || session.staffId !== had.staffId)) for (const cb of endListeners) cb();
  };
  return {
    session: null,
    known: false,
    error: null,
    busy: false,
    async login(staffId, pin) {
      set({ busy: true, error: null });
      try {
        const res = await window.countershield.invoke('session:login', { staffId, pin });
        if (res.ok) accept(res.value);
        else set({ error: res.error });
        return res.ok;
      } finally {
        set({ busy: false });
      }
    },
    async logout() {
      accept(null);
      await window.countershield.invoke('session:logout', {});
    },
    async refresh() {
      const res = await window.countershield.invoke('session:current', {});
      accept(res.ok ? res.value.session : null);
    },
    async activity() {
      const res = await window.countershield.invoke('session:activity', {});
      accept(res.ok ? res.value.session : null);
    },
    clearError: () => set({ error: null }),
  };
});
