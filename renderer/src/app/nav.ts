/**
 * Which screen is open. One small store instead of a router: the app is a single window with a
 * handful of screens, and leaving a screen must be an event main hears about (grants re-mask on
 * navigation — SPEC F4), which a store action makes explicit.
 */
import { create } from 'zustand';

export type Screen = 'start' | 'policy' | 'demo-case' | 'case' | 'unmask' | 'review' | 'audit' | 'incident' | 'setup' | 'enrol' | 'staff-admin' | 'my-pin' | 'list-update' | 'list-export' | 'list-entries' | 'admin-tasks' | 'mailing' | 'reconcile' | 'fleet' | 'fleet-station';

interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

const listeners = new Set<(from: Screen, to: Screen) => void>();

/** Features that must react to leaving a screen (re-mask, wipe) subscribe here. */
export function onNavigate(cb: (from: Screen, to: Screen) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export const useNav = create<NavState>((set, get) => ({
  screen: 'start',
  go(screen) {
    const from = get().screen;
    if (from === screen) return;
    set({ screen });
    for (const cb of listeners) cb(from, screen);
  },
}));
