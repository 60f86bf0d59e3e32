import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A refusal from main, in the screen's language, with its code for IT. Never a stack trace. */
export function ErrorNote({ error }: { error: AppErrorInfo | null }) {
  return <ErrorMessage error={error} />;
}
