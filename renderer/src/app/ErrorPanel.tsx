import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { errorMessage } from '../ui/errorText';

/** Shows a coded error in the clerk's language, with what to do next; never a stack trace. */
export function ErrorPanel({ error, onRetry }: { error: AppErrorInfo; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const message = error.code === 'E_IPC_UNREACHABLE' ? t('error.unreachable') : errorMessage(error, i18n.language);
  return (
    <section className="panel panel-error" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{message}</p>
      <p><small className="code">{t('common.code', { code: error.code })}</small></p>
      <button type="button" className="btn" onClick={onRetry}>{t('error.retry')}</button>
    </section>
  );
}
