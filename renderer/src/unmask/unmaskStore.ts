/**
 * The clerk's side of one unmask: the masked record, the open request, and — after a lead approved — the
 * value, held only here, only until its countdown ends, the clerk leaves the panel or the session ends.
 * The value is never put anywhere else (no other store, no storage, no log).
 */
import { create } from 'zustand';
import type { SealedField } from '../../../shared/domain/person';
import type { UnmaskReasonCode } from '../../../shared/domain/unmask';
import type { AppErrorInfo } from '../../../shared/errors';
import { onNavigate } from '../app/nav';
import { onSessionEnd } from '../login/sessionStore';
import { useCaseStore } from '../case/caseStore';

export interface PendingRequest {
  requestId: string;
  requestHash: string;
  recordId: string;
  field: SealedField;
}

export interface GrantedValue {
  grantId: string;
  recordId: string;
  field: SealedField;
  value: string;
  /** performance.now() at which the value must be gone (main's remainingMs, counted locally). */
  deadline: number;
  totalSeconds: number;
}

interface UnmaskState {
  /** The masked record, with the case that matched it: main answers only for a record the open case earned. */
  record: { caseId: string; recordId: string; fields: SealedField[] } | null;
  asking: SealedField | null;
  pending: PendingRequest | null;
  approving: boolean;
  granted: GrantedValue | null;
  error: AppErrorInfo | null;
  lookup(recordId: string, caseId?: string): Promise<void>;
  ask(field: SealedField | null): void;
  /** From the case workspace: one masked field of one matched person (the 管理番号 comes from main's match). */
  askFor(recordId: string, field: SealedField, caseId: string): Promise<void>;
  submit(input: { reasonCode: UnmaskReasonCode; reasonText?: string; pin: string }): Promise<boolean>;
  cancel(): Promise<void>;
  openApproval(open: boolean): void;
  /** The lead refused: the request is gone in main, so it goes here too. */
  refused(): void;
  approved(grantId: string): Promise<void>;
  /** Drops the value now and tells main (countdown end, navigation, case close). */
  release(reason: 'navigation' | 'case-close' | 'released'): Promise<void>;
  /** Everything back to masked, without asking main (the session already ended). */
  wipe(): void;
  clearError(): void;
}

export const useUnmaskStore = create<UnmaskState>((set, get) => ({
  record: null,
  asking: null,
  pending: null,
  approving: false,
  granted: null,
  error: null,
  async lookup(recordId, caseId) {
    await get().release('navigation');
    set({ record: null, asking: null, pending: null, error: null });
    // Without an open case there is nothing to earn the record: main refuses with E_UNMASK_NOT_IN_CASE.
    const inCase = caseId ?? (useCaseStore.getState().view?.caseId || 'no-case');
    const res = await window.countershield.invoke('unmask:maskedRecord', { caseId: inCase, recordId });
    if (res.ok) set({ record: { caseId: inCase, ...res.value } });
    else set({ error: res.error });
  },
  ask: (field) => set({ asking: field, error: null }),
  async askFor(recordId, field, caseId) {
    await get().lookup(recordId, caseId);
    if (get().record?.fields.includes(field)) set({ asking: field });
  },
  async submit({ reasonCode, reasonText, pin }) {
    const { record, asking } = get();
    if (!record || !asking) return false;
    const res = await window.countershield.invoke('unmask:request', {
      caseId: record.caseId, recordId: record.recordId, field: asking, reasonCode, ...(reasonText ? { reasonText } : {}), pin,
    });
    if (!res.ok) {
      set({ error: res.error });
      return false;
    }
    set({ pending: { requestId: res.value.requestId, requestHash: res.value.requestHash, recordId: record.recordId, field: asking }, asking: null, error: null });
    return true;
  },
  async cancel() {
    const p = get().pending;
    set({ pending: null, approving: false });
    if (p) await window.countershield.invoke('unmask:cancel', { requestId: p.requestId });
  },
  openApproval: (open) => set({ approving: open }),
  refused: () => set({ pending: null, approving: false }),
  async approved(grantId) {
    set({ approving: false, pending: null });
    const res = await window.countershield.invoke('unmask:take', { grantId });
    if (res.ok) set({ granted: { ...res.value, deadline: performance.now() + res.value.remainingMs, totalSeconds: Math.ceil(res.value.remainingMs / 1000) }, error: null });
    else set({ error: res.error });
  },
  async release(reason) {
    const g = get().granted;
    if (!g) return;
    set({ granted: null });
    await window.countershield.invoke('unmask:release', { grantId: g.grantId, reason });
  },
  wipe: () => set({ record: null, asking: null, pending: null, approving: false, granted: null, error: null }),
  clearError: () => set({ error: null }),
}));

onSessionEnd(() => useUnmaskStore.getState().wipe());
// Leaving the panel re-masks (SPEC F4): the value is dropped here and main ends the grant.
onNavigate((from) => {
  if (from !== 'unmask' && from !== 'case') return;
  const s = useUnmaskStore.getState();
  void s.release('navigation').finally(() => s.wipe());
});
