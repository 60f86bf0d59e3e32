import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A coded refusal in the reader's language, with its code for IT; never a stack trace, never input echoed. */
export function ErrorLine({ error, testId }: { error: AppErrorInfo | null; testId?: string }) {
  return <ErrorMessage error={error} testId={testId} />;
}
