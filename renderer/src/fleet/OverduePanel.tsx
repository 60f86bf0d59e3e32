import { useTranslation } from 'react-i18next';
import type { StationOverview } from '../../../shared/ipc/fleet';
import { jst } from '../review/format';
import './strings';

/** The lead's panel at the station (issue 19): terminals that have sent no audit segment for longer than the policy allows. */
export function OverduePanel({ overview }: { overview: StationOverview }) {
  const { t } = useTranslation();
  const late = overview.overdue;
  return (
    <section className={`panel overdue-panel ${late.length ? 'has-overdue' : ''}`} aria-labelledby="overdue-title" data-testid="fleet-overdue">
      <h2 id="overdue-title">{t('fleet.station.overdueTitle', { days: overview.overdueDays })}</h2>
      {late.length === 0 ? <p>{t('fleet.station.overdueNone')}</p> : (
        <ul>
          {late.map((o) => (
            <li key={o.terminal}>
              {o.lastAt ? t('fleet.station.overdueLine', { terminal: o.terminal, at: jst(o.lastAt) }) : t('fleet.station.overdueNever', { terminal: o.terminal })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
