/** What the alerts panel hands to the entry screen (an extension or an end for one 管理番号); nothing else. */
import { create } from 'zustand';

export type EntryKind = 'add' | 'edit' | 'extend' | 'end';

export const useEntryPreset = create<{ kind: EntryKind; id: string; set(kind: EntryKind, id: string): void }>((set) => ({
  kind: 'add',
  id: '',
  set: (kind, id) => set({ kind, id }),
}));
