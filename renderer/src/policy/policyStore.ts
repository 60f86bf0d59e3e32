/**
 * The effective camera policy as main reported it and the photo-request dialog. Holds no protected value: the policy is settings, the request answer a reference.
 */
import { create } from 'zustand';
import type { EffectivePolicy } from '../../../shared/policy/cameraPolicy';
import type { AppErrorInfo } from '../../../shared/errors';
import { useNav, type Screen } from '../app/nav';

export type PolicyScreen = Screen;
export type PhotoRequestState =
  | { phase: 'closed' }
  | { phase: 'recording' }
  | { phase: 'recorded'; ref: string; recordedAt: string }
  | { phase: 'failed'; error: AppErrorInfo };

interface PolicyState {
  effective: EffectivePolicy | null;
  error: AppErrorInfo | null;
  photo: PhotoRequestState;
  loadPolicy(): Promise<void>;
  show(screen: PolicyScreen): void;
  photoRequested(caseId?: string): Promise<void>;
  closePhotoDialog(): void;
}

const UNREACHABLE: AppErrorInfo = { code: 'E_IPC_UNREACHABLE', ja: '', en: '' };

export const usePolicyStore = create<PolicyState>((set) => ({
  effective: null,
  error: null,
  photo: { phase: 'closed' },
  async loadPolicy() {
    try {
      const res = await window.countershield.invoke('policy:effective', {});
      set(res.ok ? { effective: res.value, error: null } : { error: res.error });
    } catch {
      set({ error: UNREACHABLE });
    }
  },
  show(screen) {
    set({ photo: { phase: 'closed' } });
    useNav.getState().go(screen);
  },
  async photoRequested(caseId) {
    // The script is shown at once; recording happens alongside, so the clerk never waits to answer.
    set({ photo: { phase: 'recording' } });
    try {
      const res = await window.countershield.invoke('policy:photoRequested', caseId ? { caseId } : {});
      set({ photo: res.ok ? { phase: 'recorded', ...res.value } : { phase: 'failed', error: res.error } });
    } catch {
      set({ photo: { phase: 'failed', error: UNREACHABLE } });
    }
  },
  closePhotoDialog() {
    set({ photo: { phase: 'closed' } });
  },
}));
