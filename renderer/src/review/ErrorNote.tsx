import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';

/** A refusal from main, in the screen's language, with its code for IT. Never a stack trace. */
export function ErrorNote({ error }: { error: AppErrorInfo | null }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return <p className="lead-error" role="alert">{i18n.language === 'en' ? error.en : error.ja} <span className="code">{error.code}</span></p>;
}
