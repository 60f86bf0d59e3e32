import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import './strings';

/** The start screen's way to the checks beyond the counter (issue 21); the handlers check who may use each. */
export function DepartmentsEntry() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <section className="panel" aria-labelledby="departments-entry-title" data-testid="departments-entry">
      <h2 id="departments-entry-title">{t('mailing.entry.title')}</h2>
      <p>{t('mailing.entry.body')}</p>
      <div className="setup-row">
        <button type="button" className="btn btn-secondary" onClick={() => go('mailing')} data-testid="go-mailing">{t('mailing.entry.mailing')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('reconcile')} data-testid="go-reconcile">{t('mailing.entry.reconcile')}</button>
      </div>
    </section>
  );
}
