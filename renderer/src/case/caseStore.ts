/**
 * The open case as the renderer knows it: only the view main sent (placeholders for masked fields).
 * Closing or leaving the case drops the whole view — nothing of it outlives the case in the renderer.
 */
import { create } from 'zustand';
import type { ApplicantKind, CaseChannel, CaseView, FormKind, PersonInput } from '../../../shared/cases/model';
import type { AppErrorInfo } from '../../../shared/errors';
import type { Channel, IpcResponse, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { useUnmaskStore } from '../unmask/unmaskStore';
import { onSessionEnd, useSessionStore } from '../login/sessionStore';

interface CaseState {
  view: CaseView | null;
  error: AppErrorInfo | null;
  notice: string | null;
  /** Responses can arrive out of order while the clerk types; only the newest may win. */
  seq: number;
  /** The last phone refusal recorded in this case: its reference, to quote to the lead. */
  refusalRef: string | null;
  /** `lead` only when the list is past its second age limit (issue 18). */
  open(form: FormKind, channel: CaseChannel, lead?: { staffId: string; pin: string }): Promise<void>;
  takeOver(staffId: string, pin: string): Promise<boolean>;
  phoneRefusal(): Promise<void>;
  updatePerson(slot: string, input: PersonInput): Promise<void>;
  setApplicantKind(kind: ApplicantKind): Promise<void>;
  addPerson(): Promise<void>;
  removePerson(slot: string): Promise<void>;
  setNewHonseki(text: string): Promise<void>;
  acknowledge(warningId: string): Promise<void>;
  leadAttend(warningId: string, staffId: string, pin: string): Promise<boolean>;
  callLead(): Promise<void>;
  /** Re-reads the case from main (a release granted, or its end come): main re-masks what ended. */
  refresh(): Promise<void>;
  applicantCopy(): Promise<void>;
  close(): Promise<void>;
  clearError(): void;
}

async function call<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<IpcResponse<ResponseOf<C>>> {
  return window.countershield.invoke(channel, payload);
}

export const useCaseStore = create<CaseState>((set, get) => {
  const apply = async <C extends Channel>(channel: C, payload: RequestOf<C>): Promise<boolean> => {
    const seq = get().seq + 1;
    set({ seq });
    const res = await call(channel, payload);
    if (seq !== get().seq) return res.ok;
    if (res.ok) set({ view: res.value as CaseView, error: null });
    else set({ error: res.error });
    return res.ok;
  };
  const caseId = () => get().view?.caseId ?? '';
  return {
    view: null,
    error: null,
    notice: null,
    refusalRef: null,
    seq: 0,
    open: async (form, channel, lead) => {
      set({ refusalRef: null });
      await apply('case:open', { form, channel, ...(lead && { lead }) });
    },
    takeOver: async (staffId, pin) => {
      const res = await call('case:takeOver', { caseId: caseId(), staffId, pin });
      if (!res.ok) {
        set({ error: res.error });
        return false;
      }
      // The session changed hands in main with the case kept: set directly, not through the session-end wipe.
      useSessionStore.setState({ session: res.value.session });
      set({ view: res.value.view, error: null, seq: get().seq + 1 });
      return true;
    },
    phoneRefusal: async () => {
      const res = await call('case:phoneRefusal', { caseId: caseId() });
      if (res.ok) set({ refusalRef: res.value.ref, error: null });
      else set({ error: res.error });
    },
    updatePerson: async (slot, input) => void (await apply('case:updatePerson', { caseId: caseId(), slot, input })),
    setApplicantKind: async (kind) => void (await apply('case:setApplicantKind', { caseId: caseId(), kind })),
    addPerson: async () => void (await apply('case:addPerson', { caseId: caseId() })),
    removePerson: async (slot) => void (await apply('case:removePerson', { caseId: caseId(), slot })),
    setNewHonseki: async (text) => void (await apply('case:setNewHonseki', { caseId: caseId(), text })),
    acknowledge: async (warningId) => void (await apply('case:acknowledge', { caseId: caseId(), warningId })),
    leadAttend: (warningId, staffId, pin) => apply('case:leadAttend', { caseId: caseId(), warningId, staffId, pin }),
    callLead: async () => void (await apply('case:callLead', { caseId: caseId() })),
    refresh: async () => {
      if (caseId()) await apply('case:refresh', { caseId: caseId() });
    },
    applicantCopy: async () => {
      const res = await call('case:applicantCopy', { caseId: caseId() });
      if (res.ok) set({ notice: res.value.location, error: null });
      else set({ error: res.error });
    },
    close: async () => {
      const id = caseId();
      // The view is dropped first: even if main cannot be reached, nothing of the case stays on screen.
      set({ view: null, error: null, notice: null, refusalRef: null, seq: get().seq + 1 });
      const unmask = useUnmaskStore.getState();
      await unmask.release('case-close');
      unmask.wipe();
      if (id) await call('case:close', { caseId: id });
    },
    clearError: () => set({ error: null }),
  };
});

// A locked or ended session leaves no case on screen (SPEC F4: idle lock re-masks; F7: closing wipes).
onSessionEnd(() => useCaseStore.setState({ view: null, error: null, notice: null, refusalRef: null }));
