import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import './strings';

/** The start screen's way to the list screens; shown once the vault is open (the handlers check the PINs). */
export function ListEntry() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <section className="panel" aria-labelledby="list-entry-title" data-testid="list-entry">
      <h2 id="list-entry-title">{t('list.entry.title')}</h2>
      <p>{t('list.entry.body')}</p>
      <div className="setup-row">
        <button type="button" className="btn btn-secondary" onClick={() => go('list-update')} data-testid="go-list-update">{t('list.entry.update')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('list-export')} data-testid="go-list-export">{t('list.entry.export')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('list-entries')} data-testid="go-list-entries">{t('list.entries.go')}</button>
      </div>
    </section>
  );
}
