import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useNav } from '../app/nav';
import { useSessionStore } from '../login/sessionStore';
import { formatCount, formatDate } from '../ui/format';
import { useEntryPreset, type EntryKind } from './entryPreset';
import './strings';
import './list.css';

type Alerts = ResponseOf<'list:expiries'>;
type Row = Alerts['endingSoon'][number];

/**
 * The lead's panel on the start screen (SPEC F8, issue 22): periods ending within a month, with the extension
 * action, and periods already past (the person stays masked) until someone decides. Main answers only a lead
 * or administrator session; for anyone else the panel is not drawn at all.
 */
export function ExpiryAlerts() {
  const { t } = useTranslation();
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  // Asked again whenever who is logged in changes: a clerk's session shows nothing, a lead's shows the panel.
  const who = useSessionStore((s) => s.session?.staffId ?? null);
  useEffect(() => {
    let live = true;
    setAlerts(null);
    if (who) {
      void window.countershield.invoke('list:expiries', {}).then((r) => {
        if (live && r.ok) setAlerts(r.value as Alerts);
      }).catch(() => undefined);
    }
    return () => { live = false; };
  }, [who]);
  if (!alerts) return null;
  return (
    <section className="panel expiry-alerts" aria-labelledby="expiry-title" data-testid="expiry-alerts">
      <h2 id="expiry-title">{t('list.alerts.title')}</h2>
      <div className="expiry-groups">
      {alerts.expired.length > 0 && (
        <div className="expiry-group is-expired" data-testid="expiry-expired">
          <h3>{t('list.alerts.expired', { n: formatCount(alerts.expired.length) })}</h3>
          <p className="muted">{t('list.alerts.expiredNote')}</p>
          <ul>{alerts.expired.map((r) => <AlertRow key={r.id} row={r} expired />)}</ul>
        </div>
      )}
      <div className="expiry-group" data-testid="expiry-soon">
        <h3>{t('list.alerts.soon', { n: formatCount(alerts.endingSoon.length) })}</h3>
        {alerts.endingSoon.length === 0 ? <p className="muted">{t('list.alerts.none')}</p> : <ul>{alerts.endingSoon.map((r) => <AlertRow key={r.id} row={r} />)}</ul>}
      </div>
      </div>
      {alerts.more > 0 && <p className="muted">{t('list.alerts.more', { n: formatCount(alerts.more) })}</p>}
    </section>
  );
}

function AlertRow({ row, expired = false }: { row: Row; expired?: boolean }) {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const preset = useEntryPreset((s) => s.set);
  const open = (kind: EntryKind) => {
    preset(kind, row.id);
    go('list-entries');
  };
  return (
    <li className="expiry-row" data-testid={`expiry-${row.id}`}>
      <span className="expiry-id">{row.id}</span>
      <span>{t('list.alerts.ends', { date: formatDate(row.endDate, i18n.language, { western: false }) })}</span>
      {row.provisional && <span className="list-kind">{t('list.alerts.provisional')}</span>}
      {row.manual && <span className="list-kind">{t('list.alerts.manual')}</span>}
      <span className="expiry-actions">
        <button type="button" className="btn btn-secondary" onClick={() => open('extend')}>{t('list.alerts.extend')}</button>
        {expired && <button type="button" className="btn btn-secondary" onClick={() => open('end')}>{t('list.alerts.end')}</button>}
      </span>
    </li>
  );
}
