/**
 * The fleet status as main reports it (issue 18): the list's identity and age, this PC's mode, a hold. Read at start
 * and every minute, so the banner turns red while the app is open, not only at the next start.
 */
import { create } from 'zustand';
import type { FleetStatusDto } from '../../../shared/ipc/fleet';

interface FleetState {
  status: FleetStatusDto | null;
  load(): Promise<void>;
  set(s: FleetStatusDto): void;
}

export const useFleetStore = create<FleetState>((set) => ({
  status: null,
  async load() {
    const r = await window.countershield.invoke('fleet:status', {});
    set({ status: r.ok ? r.value : null });
  },
  set(s) {
    set({ status: s });
  },
}));

let timer: ReturnType<typeof setInterval> | null = null;
export function pollFleetStatus(): () => void {
  void useFleetStore.getState().load();
  timer ??= setInterval(() => void useFleetStore.getState().load(), 60_000);
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
}
