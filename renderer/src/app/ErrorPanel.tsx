import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';

/** Shows a coded error in the clerk's language; never a stack trace. */
export function ErrorPanel({ error, onRetry }: { error: AppErrorInfo; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const message = error.code === 'E_IPC_UNREACHABLE' ? t('error.unreachable') : i18n.language === 'en' ? error.en : error.ja;
  return (
    <section className="panel panel-error" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{message}</p>
      <p className="code">{error.code}</p>
      <button type="button" className="btn" onClick={onRetry}>{t('error.retry')}</button>
    </section>
  );
}
