import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { AdminsStep } from './AdminsStep';
import { FirstImportStep } from './FirstImportStep';
import { PolicyStep } from './PolicyStep';
import { RecoveryKeyStep } from './RecoveryKeyStep';
import { SetupError } from './SetupError';
import { useSetupStore } from './setupStore';
import './setup.css';
import './strings';

const STEPS = ['admins', 'key', 'policy', 'import'] as const;
const STEP_OF: Record<string, number> = { admins: 0, 'recovery-key': 1, policy: 2, 'first-import': 3, complete: 3 };

/** The four steps of first-run setup; which one shows is decided by main's stage, never by the renderer. */
export function SetupWizard() {
  const { t } = useTranslation();
  const { status, error, load } = useSetupStore();
  const go = useNav((s) => s.go);
  useEffect(() => void load(), [load]);
  if (!status) return null;
  const step = STEP_OF[status.stage];
  if (step === undefined) {
    return (
      <section className="panel setup">
        <SetupError error={error} />
        <button type="button" className="btn" onClick={() => go('start')}>{t('setup.back')}</button>
      </section>
    );
  }
  return (
    <section className="panel setup" aria-labelledby="setup-title" data-testid="setup" data-stage={status.stage}>
      <div className="setup-head">
        <h2 id="setup-title">{t('setup.title')} — {t(`setup.steps.${STEPS[step]}`)}</h2>
        <span className="setup-stepof">{t('setup.stepOf', { n: step + 1 })}</span>
      </div>
      <ol className="setup-steps" aria-label={t('setup.title')}>
        {STEPS.map((s, i) => (
          <li key={s} className={i < step || status.stage === 'complete' ? 'is-done' : i === step ? 'is-current' : undefined} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {t(`setup.steps.${s}`)}
          </li>
        ))}
      </ol>
      {status.restarted && status.stage === 'admins' && <p className="setup-warn" role="status">{t('setup.entry.restarted')}</p>}
      {/* The summary of a refused step comes first; a refusal that belongs to one field is also shown under it. */}
      <SetupError error={error} />
      {status.stage === 'admins' && <AdminsStep />}
      {status.stage === 'recovery-key' && <RecoveryKeyStep />}
      {status.stage === 'policy' && <PolicyStep />}
      {(status.stage === 'first-import' || status.stage === 'complete') && <FirstImportStep />}
    </section>
  );
}
