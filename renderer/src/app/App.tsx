import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from './store';
import { StartScreen } from '../start/StartScreen';
import { ErrorPanel } from './ErrorPanel';
import { LanguageToggle } from './LanguageToggle';
import { usePolicyStore } from '../policy/policyStore';
import { DemoCase } from '../policy/DemoCase';
import { PolicyView } from '../admin/PolicyView';
import { useNav } from './nav';
import { useCaseStore } from '../case/caseStore';
import { CaseStart, CaseWorkspace } from '../case/CaseWorkspace';
import { ReviewScreen } from '../review/ReviewScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { IncidentScreen } from '../incident/IncidentScreen';
import { SessionGate } from '../login/SessionGate';
import { UnmaskWorkspace } from '../unmask/UnmaskWorkspace';
import { SetupWizard } from '../setup/SetupWizard';
import { EnrolmentScreen } from '../setup/EnrolmentScreen';
import { EntryScreen } from '../list/EntryScreen';
import { ListUpdateScreen } from '../list/ListUpdateScreen';
import { BundleExportScreen } from '../list/BundleExportScreen';
import { StaffAdmin } from '../admin/StaffAdmin';
import { MyPinScreen } from '../admin/MyPinScreen';
import { AdminTasks } from '../admin/AdminTasks';
import { MailingScreen } from '../mailing/MailingScreen';
import { ReconcileScreen } from '../reconcile/ReconcileScreen';
import { FleetScreen } from '../fleet/FleetScreen';
import { StationDesk } from '../fleet/StationDesk';
import { ListAgeBanner } from '../fleet/ListAge';
import { pollFleetStatus } from '../fleet/fleetStore';

function Screen() {
  const status = useAppStore((s) => s.status);
  const { screen, go } = useNav();
  const caseView = useCaseStore((s) => s.view);
  if (!status) return null;
  switch (screen) {
    case 'policy':
      return <PolicyView />;
    case 'demo-case':
      return <DemoCase />;
    case 'case':
      return caseView ? <CaseWorkspace /> : <CaseStart onBack={() => go('start')} />;
    case 'unmask':
      return <UnmaskWorkspace />;
    case 'review':
      return <ReviewScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'incident':
      return <IncidentScreen />;
    case 'setup':
      return <SetupWizard />;
    case 'enrol':
      return <EnrolmentScreen />;
    case 'list-update':
      return <ListUpdateScreen />;
    case 'list-entries':
      return <EntryScreen />;
    case 'list-export':
      return <BundleExportScreen />;
    case 'staff-admin':
      return <StaffAdmin />;
    case 'my-pin':
      return <MyPinScreen />;
    case 'admin-tasks':
      return <AdminTasks />;
    case 'mailing':
      return <MailingScreen />;
    case 'reconcile':
      return <ReconcileScreen />;
    case 'fleet':
      return <FleetScreen />;
    case 'fleet-station':
      return <StationDesk />;
    default:
      return <StartScreen status={status} />;
  }
}

export function App() {
  const { t } = useTranslation();
  const { status, error, loadStatus } = useAppStore();
  const loadPolicy = usePolicyStore((s) => s.loadPolicy);
  useEffect(() => {
    void loadStatus();
    void loadPolicy();
  }, [loadStatus, loadPolicy]);
  // The list's age (issue 18) once the vault is open: the banner below turns red on every screen past the limit.
  const open = status?.vault === 'open';
  // The case screens carry the banner inside the case, beside the match results; everywhere else it sits on top.
  const inCase = useNav((s) => s.screen === 'case');
  useEffect(() => (open ? pollFleetStatus() : undefined), [open]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">盾</span>
          <div>
            <h1 className="brand-name">{t('app.name')}</h1>
            <p className="brand-sub">{t('app.subtitle')}</p>
          </div>
        </div>
        <LanguageToggle />
      </header>
      <main className="app-main">
        {open && !inCase && <ListAgeBanner where="app" />}
        {error ? <ErrorPanel error={error} onRetry={() => void loadStatus()} /> : status ? <SessionGate enabled={status.staffCount > 0}><Screen /></SessionGate> : <p role="status">{t('start.loading')}</p>}
      </main>
    </div>
  );
}
