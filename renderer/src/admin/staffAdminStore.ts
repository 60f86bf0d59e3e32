/**
 * Staff administration as the screen knows it: the list, and at most one pending change with what the
 * second person is shown. Never a PIN: PIN fields live in component state and are cleared on every call.
 * A pending change is withdrawn in main when the screen is left or the session ends, so nobody can walk up
 * later and confirm a proposal its proposer is no longer watching.
 */
import { create } from 'zustand';
import type { AppErrorInfo } from '../../../shared/errors';
import type { StaffChangeDescription, StaffChangeInput, StaffRowView } from '../../../shared/ipc/staff';
import { onNavigate, useNav } from '../app/nav';
import { onSessionEnd } from '../login/sessionStore';

/** Checked on the screen before anything is sent: the member typed two different new PINs. */
export const PIN_MISMATCH: AppErrorInfo = { code: 'E_STAFF_PIN_MISMATCH', ja: '新しい暗証番号が2回とも同じではありません。もう一度入力してください。', en: 'The two new PINs differ. Type them again.' };

export type Notice = { key: 'add' | 'setRoles' | 'resetPin' | 'unlock' | 'retire' | 'cancelled'; id: string } | null;

interface StaffAdminState {
  staff: StaffRowView[];
  pending: StaffChangeDescription | null;
  error: AppErrorInfo | null;
  notice: Notice;
  busy: boolean;
  load(): Promise<void>;
  propose(proposerId: string, proposerPin: string, change: StaffChangeInput): Promise<boolean>;
  confirm(input: { confirmerId: string; confirmerPin: string; subjectPin?: string; recoveryKey?: string }): Promise<boolean>;
  cancel(): Promise<void>;
  setError(error: AppErrorInfo | null): void;
  reset(): void;
}

export const useStaffAdmin = create<StaffAdminState>((set, get) => ({
  staff: [],
  pending: null,
  error: null,
  notice: null,
  busy: false,
  async load() {
    const res = await window.countershield.invoke('staff:list', {});
    if (res.ok) set({ staff: res.value.staff });
    else set({ error: res.error });
  },
  async propose(proposerId, proposerPin, change) {
    set({ busy: true, error: null, notice: null });
    try {
      const res = await window.countershield.invoke('staff:propose', { proposerId, proposerPin, change });
      if (res.ok) set({ pending: res.value });
      else set({ error: res.error });
      return res.ok;
    } finally {
      set({ busy: false });
    }
  },
  async confirm(input) {
    const p = get().pending;
    if (!p) return false;
    set({ busy: true, error: null });
    try {
      // The hash is the one main sent with what this screen shows; main refuses any other.
      const res = await window.countershield.invoke('staff:confirm', { changeId: p.changeId, changeHash: p.changeHash, ...input });
      if (res.ok) {
        set({ pending: null, notice: { key: res.value.kind, id: res.value.staffId } });
        await get().load();
      } else set({ error: res.error });
      return res.ok;
    } finally {
      set({ busy: false });
    }
  },
  async cancel() {
    const p = get().pending;
    set({ pending: null, error: null });
    if (!p) return;
    await window.countershield.invoke('staff:cancel', { changeId: p.changeId });
    set({ notice: { key: 'cancelled', id: p.subjectId } });
  },
  setError: (error) => set({ error }),
  reset: () => set({ staff: [], pending: null, error: null, notice: null, busy: false }),
}));

onNavigate((from) => {
  if (from !== 'staff-admin') return;
  const s = useStaffAdmin.getState();
  if (s.pending) void s.cancel();
  s.reset();
});
// The next person to log in starts at the start screen, never inside someone else's administration.
onSessionEnd(() => {
  useStaffAdmin.getState().reset();
  const nav = useNav.getState();
  if (nav.screen === 'staff-admin' || nav.screen === 'my-pin') nav.go('start');
});
