import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { formatCount } from '../ui/format';
import './strings';

/**
 * Red on the start screen while a reconciliation finding is open (SPEC F18: the 京都市 2026 case was found
 * eight months later): counts only, for anyone logged in; the findings themselves are for leads.
 */
export function ReconcileAlert() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const [status, setStatus] = useState<{ red: number; overdue: number } | null>(null);
  useEffect(() => {
    let live = true;
    void window.countershield.invoke('reconcile:status', {}).then((r) => {
      if (live && r.ok && r.value.available) setStatus(r.value);
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!status || status.red === 0) return null;
  return (
    <section className="panel panel-error" role="alert" data-testid="reconcile-alert">
      <p className="lock-problem">{t('reconcile.alert.red', { n: formatCount(status.red) })}{status.overdue > 0 && ` ${t('reconcile.alert.overdue', { n: formatCount(status.overdue) })}`}</p>
      <button type="button" className="btn btn-secondary" onClick={() => go('reconcile')} data-testid="go-reconcile-alert">{t('reconcile.alert.open')}</button>
    </section>
  );
}
