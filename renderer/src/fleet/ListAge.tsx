import { useTranslation } from 'react-i18next';
import { formatDate } from '../ui/format';
import { useFleetStore } from './fleetStore';
import './strings';
import './fleet.css';

/**
 * The list's identity and age (issue 18): version, the 住基 export's date, how many days ago, and the content hash's
 * first digits — on the start screen and in every case.
 */
export function ListIdentityLine({ testId = 'list-identity' }: { testId?: string }) {
  const { t, i18n } = useTranslation();
  const s = useFleetStore((x) => x.status);
  if (!s) return null;
  const id = s.identity;
  if (!id) return <p className="list-identity muted" data-testid={testId}>{t('fleet.age.none')}</p>;
  return (
    <p className={`list-identity ${s.age.stale ? 'is-stale' : ''}`} data-testid={testId}>
      {id.exportDate && s.age.days !== null
        ? t('fleet.age.line', { version: id.version, date: formatDate(id.exportDate, i18n.language), days: s.age.days })
        : t('fleet.age.lineUnknown', { version: id.version })}
      {id.contentHash && <span className="muted"> {t('fleet.age.hash')}: <span className="code">{id.contentHash.slice(0, 8)}</span></span>}
    </p>
  );
}

/** Past the policy's limit: red, on every screen and in every match result. */
export function ListAgeBanner({ where }: { where: 'app' | 'case' }) {
  const { t } = useTranslation();
  const s = useFleetStore((x) => x.status);
  if (!s?.age.stale || !s.identity) return null;
  return (
    <p className="list-age-banner" role="alert" data-testid={`list-age-banner-${where}`}>
      {s.age.days === null ? t('fleet.age.staleUnknown') : t('fleet.age.stale', { days: s.age.days, limit: s.limits.listAgeWarnDays })}
    </p>
  );
}
