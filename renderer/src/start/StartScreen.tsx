import { useTranslation } from 'react-i18next';
import type { AppStatus, LockState } from '../../../shared/ipc/contract';
import { PolicyFallbackBanner, PolicyStatus } from '../policy/PolicyStatus';
import { CounterEntry } from '../case/CaseWorkspace';
import { SetupEntry } from '../setup/SetupEntry';
import { ListEntry } from '../list/ListEntry';
import { ExpiryAlerts } from '../list/ExpiryAlerts';
import { LeadsPanel } from '../review/LeadsPanel';
import { StaffEntry } from '../admin/MyPinScreen';
import { DepartmentsEntry } from '../mailing/DepartmentsEntry';
import { ListIdentityLine } from '../fleet/ListAge';
import { formatDateTime } from '../ui/format';

const LOCKS = ['networkBlocked', 'contentProtection', 'permissionsDenied'] as const;

/** The first thing a clerk sees: whether this terminal can be used, and the live state of each lock. */
export function StartScreen({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  // A locked vault (a new Windows account, a copied folder) is not "not set up": the enrolment panel says what it is
  // and comes first, above the fold, since nothing at this counter works until it is done (issue 16).
  const locked = status.vault === 'locked';
  const notSetUp = !locked && (status.vault === 'absent' || status.staffCount === 0);
  const allLocked = LOCKS.every((k) => status.locks[k]);
  return (
    <div className="start">
      <PolicyFallbackBanner />
      {status.clock?.backwards && (
        <p className="lock-problem" role="alert" data-testid="clock-backwards">{t('start.clockBackwards', { at: status.clock.lastEntryAt ? formatDateTime(status.clock.lastEntryAt, i18n.language) : '' })}</p>
      )}
      {/* Overdue reports and a broken audit chain come first: the town's report says they slipped for weeks. */}
      {status.vault === 'open' && <LeadsPanel />}
      {status.vault === 'open' && status.staffCount > 0 && <ExpiryAlerts />}
      {locked && <SetupEntry />}
      {notSetUp && (
        <section className="panel panel-notice" aria-labelledby="setup-title">
          <h2 id="setup-title">{t('start.notSetUpTitle')}</h2>
          <p>{t('start.notSetUpBody')}</p>
          <dl className="facts">
            <div><dt>{t('start.vault')}</dt><dd data-testid="vault-state">{t(`start.vaultState.${status.vault}`)}</dd></div>
            <div><dt>{t('start.staff')}</dt><dd data-testid="staff-count">{t('start.staffCount', { count: status.staffCount })}</dd></div>
          </dl>
        </section>
      )}
      <section className="panel" aria-labelledby="locks-title">
        <h2 id="locks-title">{t('start.locksTitle')}</h2>
        {!allLocked && <p className="lock-problem" role="alert">{t('start.lockProblem')}</p>}
        <ul className="locks">
          {LOCKS.map((k) => <LockRow key={k} name={k} on={status.locks[k]} />)}
        </ul>
        {(status.locks.platformLimits ?? []).map((l) => (
          <p key={l} className="lock-problem" data-testid={`platform-limit-${l}`}>{t(`start.platformLimit.${l}`)}</p>
        ))}
        <p className="muted">{t('start.locksNote', { source: t(`start.source.${status.locks.source}`) })}</p>
      </section>
      {!locked && <SetupEntry />}
      {status.vault === 'open' && <section className="panel" aria-label={t('fleet.age.section')}><ListIdentityLine /></section>}
      {status.vault === 'open' && <CounterEntry />}
      {status.vault === 'open' && status.staffCount > 0 && <ListEntry />}
      {status.vault === 'open' && status.staffCount > 0 && <DepartmentsEntry />}
      {status.vault === 'open' && <StaffEntry />}
      <PolicyStatus />
      <footer className="start-footer muted">
        <span>{t('start.terminal')}: {status.terminalLabel || t('start.terminalUnnamed')}</span>
        <span>{t('start.version')}: {status.version}</span>
      </footer>
    </div>
  );
}

function LockRow({ name, on }: { name: keyof Omit<LockState, 'source'>; on: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`lock ${on ? 'is-on' : 'is-off'}`} data-testid={`lock-${name}`} data-state={on ? 'on' : 'off'}>
      <span className="lock-icon" aria-hidden="true">{on ? '✔' : '✖'}</span>
      <span className="lock-label">{t(`start.locks.${name}.label`)}</span>
      <span className="lock-value">{t(`start.locks.${name}.${on ? 'on' : 'off'}`)}</span>
    </li>
  );
}
