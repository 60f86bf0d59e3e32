import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { formatCount } from '../ui/format';
import './strings';

export interface ReconcileRed { red: number; overdue: number }

/**
 * Open red reconciliation findings, counts only (SPEC F18: the 京都市 2026 case was found eight months later).
 * Read by the lead panel on the start screen — "red on the lead panel until resolved" (issue 21) — for anyone
 * logged in, as the panel's other notices; the findings themselves are for leads.
 */
export function useReconcileRed(): ReconcileRed | null {
  const [status, setStatus] = useState<ReconcileRed | null>(null);
  useEffect(() => {
    let live = true;
    void window.countershield.invoke('reconcile:status', {}).then((r) => {
      if (live && r.ok && r.value.available) setStatus({ red: r.value.red, overdue: r.value.overdue });
    }).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return status;
}

/** The lead panel's line for open red findings (an overdue-style item, as a broken audit chain). */
export function ReconcileLeadItem({ status }: { status: ReconcileRed }) {
  const { t } = useTranslation();
  return (
    <li className="is-overdue" role="alert" data-testid="reconcile-alert">
      {t('reconcile.alert.red', { n: formatCount(status.red) })}{status.overdue > 0 && ` ${t('reconcile.alert.overdue', { n: formatCount(status.overdue) })}`}
    </li>
  );
}

/** The lead panel's way into the reconciliation, beside its other links, while red findings are open. */
export function ReconcileLeadLink() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return <button type="button" className="btn btn-secondary" onClick={() => go('reconcile')} data-testid="go-reconcile-alert">{t('reconcile.alert.open')}</button>;
}
