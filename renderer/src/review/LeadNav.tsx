import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import './strings';
import '../fleet/strings';

/** A simple nav between the lead screens until the session brings a proper menu. */
export function LeadNav({ current }: { current: 'review' | 'audit' | 'incident' | 'fleet' }) {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <nav className="lead-nav" aria-label={t('leads.nav.title')}>
      <button type="button" className="btn btn-quiet" onClick={() => go('start')}>{t('leads.nav.back')}</button>
      {(['review', 'audit', 'incident', 'fleet'] as const).map((s) => (
        <button key={s} type="button" className={`btn btn-quiet${s === current ? ' is-current' : ''}`} aria-current={s === current ? 'page' : undefined} onClick={() => go(s)}>{s === 'fleet' ? t('fleet.nav') : t(`leads.nav.${s}`)}</button>
      ))}
    </nav>
  );
}
