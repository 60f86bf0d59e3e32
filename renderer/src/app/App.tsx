import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from './store';
import { StartScreen } from '../start/StartScreen';
import { ErrorPanel } from './ErrorPanel';
import { LanguageToggle } from './LanguageToggle';
import { usePolicyStore } from '../policy/policyStore';
import { DemoCase } from '../policy/DemoCase';
import { PolicyView } from '../admin/PolicyView';

export function App() {
  const { t } = useTranslation();
  const { status, error, loadStatus } = useAppStore();
  const { screen, loadPolicy } = usePolicyStore();
  useEffect(() => {
    void loadStatus();
    void loadPolicy();
  }, [loadStatus, loadPolicy]);

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
        {error ? <ErrorPanel error={error} onRetry={() => void loadStatus()} /> : status ? (screen === 'policy' ? <PolicyView /> : screen === 'demo-case' ? <DemoCase /> : <StartScreen status={status} />) : <p role="status">{t('start.loading')}</p>}
      </main>
    </div>
  );
}
