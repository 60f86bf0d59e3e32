import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';

/** A refused step, in the reader's language with its code for IT; never a stack trace. */
export function SetupError({ error }: { error: AppErrorInfo | null }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="setup-error" role="alert" data-testid="setup-error" data-code={error.code}>
      {i18n.language === 'en' ? error.en : error.ja} <span className="code">[{error.code}]</span>
    </p>
  );
}
