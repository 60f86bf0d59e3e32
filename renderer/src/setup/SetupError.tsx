import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A refused step, in the reader's language with its code for IT; never a stack trace. */
export function SetupError({ error }: { error: AppErrorInfo | null }) {
  return <ErrorMessage error={error} testId="setup-error" />;
}
