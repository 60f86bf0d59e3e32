import { ApprovalScreen } from '../approval/ApprovalScreen';
import { MaskedRecordPanel } from './MaskedRecordPanel';
import { useUnmaskStore } from './unmaskStore';

/** The clerk's panel, or — while the lead approves at this terminal — the lead's screen in its place. */
export function UnmaskWorkspace() {
  const { pending, approving, openApproval, approved, refused } = useUnmaskStore();
  if (pending && approving) {
    return <ApprovalScreen requestId={pending.requestId} onApproved={(g) => void approved(g)} onRefused={refused} onClosed={() => openApproval(false)} />;
  }
  return <MaskedRecordPanel />;
}
