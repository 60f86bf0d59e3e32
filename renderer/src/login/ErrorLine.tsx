import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';

/** A coded refusal in the reader's language, with its code for IT; never a stack trace, never input echoed. */
export function ErrorLine({ error, testId }: { error: AppErrorInfo | null; testId?: string }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-line" role="alert" data-testid={testId} data-code={error.code}>
      {i18n.language === 'en' ? error.en : error.ja} <span className="code">{error.code}</span>
    </p>
  );
}
