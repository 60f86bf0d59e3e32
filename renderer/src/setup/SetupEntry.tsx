import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { useSetupStore } from './setupStore';
import './strings';

/** The start screen's way into setup or enrolment; shows nothing once this terminal is set up. */
export function SetupEntry() {
  const { t } = useTranslation();
  const { status, load } = useSetupStore();
  const go = useNav((s) => s.go);
  useEffect(() => void load(), [load]);
  if (!status || status.stage === 'complete') return null;
  if (status.stage === 'enrolment-required') {
    return (
      <section className="panel panel-notice" aria-labelledby="enrol-entry-title" data-testid="setup-entry">
        {status.enrolReason === 'copied-folder' ? (
          <>
            <h2 id="enrol-entry-title">{t('setup.entry.copiedTitle')}</h2>
            <p data-testid="enrol-reason" data-reason="copied-folder">{t('setup.entry.copiedBody')}</p>
          </>
        ) : (
          <>
            <h2 id="enrol-entry-title">{t('setup.entry.enrolTitle')}</h2>
            <p data-testid="enrol-reason" data-reason="new-account">{t('setup.entry.enrolBody')}</p>
            <p>{t('setup.entry.enrolAccountNote')}</p>
          </>
        )}
        <button type="button" className="btn" onClick={() => go('enrol')} data-testid="go-enrol">{t('setup.entry.enrol')}</button>
      </section>
    );
  }
  if (status.stage === 'key-protection-unavailable' || status.stage === 'error') {
    const unavailable = status.stage === 'key-protection-unavailable';
    return (
      <section className="panel panel-error" role="alert" data-testid="setup-entry">
        <h2>{t(unavailable ? 'setup.entry.unavailableTitle' : 'setup.entry.errorTitle')}</h2>
        <p>{unavailable ? t('setup.entry.unavailableBody') : t('setup.entry.errorBody', { code: status.errorCode ?? '' })}</p>
      </section>
    );
  }
  return (
    <div className="setup-entry" data-testid="setup-entry">
      <button type="button" className="btn" onClick={() => go('setup')} data-testid="go-setup">
        {status.stage === 'admins' ? t('setup.entry.begin') : t('setup.entry.resume')}
      </button>
    </div>
  );
}
