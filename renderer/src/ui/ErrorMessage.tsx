import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { errorMessage } from './errorText';
import './ui.css';

/**
 * A coded refusal in one format everywhere: what happened and what to do next in the reader's language, then the
 * code in small print for IT. Never a stack trace, never the input echoed.
 */
export function ErrorMessage({ error, testId, id }: { error: AppErrorInfo | null; testId?: string; id?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-msg" role="alert" data-testid={testId} data-code={error.code} id={id}>
      <span className="error-text">{errorMessage(error, i18n.language)}</span>
      <small className="code">{t('common.code', { code: error.code })}</small>
    </p>
  );
}

/** The form's summary: the number of problems and each message, each linked to its field where it has one. */
export function ErrorSummary({ items, testId }: { items: Array<{ error: AppErrorInfo; fieldId?: string }>; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" data-testid={testId} data-code={items[0]!.error.code}>
      <p className="error-summary-title">{t('common.errorSummary', { count: items.length })}</p>
      <ul>
        {items.map(({ error, fieldId }, i) => (
          <li key={i}>
            {fieldId
              ? <a href={`#${fieldId}`} onClick={(e) => { e.preventDefault(); document.getElementById(fieldId)?.focus(); }}>{errorMessage(error, i18n.language)}</a>
              : <span>{errorMessage(error, i18n.language)}</span>}
            {' '}<small className="code">{t('common.code', { code: error.code })}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}
