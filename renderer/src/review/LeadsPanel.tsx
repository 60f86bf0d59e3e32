import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadsOverview } from '../../../shared/ipc/leads';
import { useNav } from '../app/nav';
import { duration } from './format';
import { formatMonth } from '../ui/format';
import { ReconcileLeadItem, ReconcileLeadLink, useReconcileRed } from '../reconcile/ReconcileAlert';
import './strings';
import './leads.css';

/** An incident's id, with the 端末番号 where it was recorded when it came from a terminal (at the station, issue 19). */
const clockId = (c: LeadsOverview['incidentClocks'][number]): string => (c.terminal ? `${c.incidentId ?? ''}（${c.terminal}）` : c.incidentId ?? '');

/**
 * On the start screen: overdue reviews, re-confirmations, incident report clocks (overdue in red) and a
 * broken audit chain — the things the town's report says slipped for weeks — plus the way into each screen.
 * A protected person missing from another system's suppression list (reconciliation, issue 21) is red here too.
 */
export function LeadsPanel() {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const [o, setO] = useState<LeadsOverview | null>(null);
  const reconcile = useReconcileRed();
  const reconcileRed = reconcile !== null && reconcile.red > 0;
  useEffect(() => {
    void window.countershield.invoke('leads:overview', {}).then((r) => r.ok && setO(r.value));
  }, []);
  if (!o?.available) return null;
  const alerts = reconcileRed || o.overdueReviews.length > 0 || o.reconfirmationsOverdue || o.brokenChain || o.pinAlert || o.incidentClocks.some((c) => c.state === 'overdue');
  return (
    <section className={`panel leads-panel ${alerts ? 'has-alert' : ''}`} aria-labelledby="leads-title" data-testid="leads-panel">
      <h2 id="leads-title">{t('leads.nav.title')}</h2>
      <ul className="overview">
        {o.brokenChain && <li className="is-overdue" role="alert">{t('leads.overview.brokenChain', { count: o.brokenChain.breaks, seq: o.brokenChain.first.seq })}</li>}
        {reconcileRed && <ReconcileLeadItem status={reconcile} />}
        {o.pinAlert && <li className="is-overdue" role="alert" data-testid="pin-alert">{t('leads.overview.pinAlert', { count: o.pinAlert.failures })}</li>}
        {o.overdueReviews.map((m) => <li key={m} className="is-overdue">{t('leads.overview.overdueReview', { month: formatMonth(m, i18n.language) })}</li>)}
        {o.dueReview && <li className="is-warning">{t('leads.overview.dueReview', { month: formatMonth(o.dueReview, i18n.language) })}</li>}
        {o.incidentClocks.map((c) => (
          <li key={`${c.incidentId ?? c.dueAt}-${c.kind}`} className={`is-${c.state}`} data-testid="incident-clock">
            {c.state === 'overdue'
              ? t('leads.overview.clockOverdue', { id: clockId(c), kind: t(`leads.kind.${c.kind}`), left: duration(t, c.remainingMs) })
              : t('leads.overview.clock', { id: clockId(c), kind: t(`leads.kind.${c.kind}`), left: duration(t, c.remainingMs), day: c.dayNumber })}
            {c.approximate && <span className="clock-approx" data-testid="clock-approximate">{t('leads.overview.clockApproximate')}</span>}
          </li>
        ))}
        {o.reconfirmationsDueCount > 0 && (
          <li className={o.reconfirmationsOverdue ? 'is-overdue' : 'is-warning'}>
            {t(o.reconfirmationsOverdue ? 'leads.overview.reconfirmOverdue' : 'leads.overview.reconfirm', { count: o.reconfirmationsDueCount })}
          </li>
        )}
        {!alerts && !o.dueReview && o.incidentClocks.length === 0 && o.reconfirmationsDueCount === 0 && <li>{t('leads.overview.nothing')}</li>}
      </ul>
      <div className="lead-links">
        {reconcileRed && <ReconcileLeadLink />}
        <button type="button" className="btn btn-secondary" onClick={() => go('review')}>{t('leads.nav.review')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('audit')}>{t('leads.nav.audit')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => go('incident')}>{t('leads.nav.incident')}</button>
      </div>
    </section>
  );
}
