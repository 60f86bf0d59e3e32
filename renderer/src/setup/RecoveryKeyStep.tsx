import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetupStore } from './setupStore';
import { ActionButton } from '../ui/Field';
import { Field } from './AdminsStep';

/** Step 2: the key, once, in large groups; print it; re-type the last two groups to prove the copy is readable. */
export function RecoveryKeyStep() {
  const { t } = useTranslation();
  const { call, busy, keyGroups, forgetKey } = useSetupStore();
  const [typed, setTyped] = useState('');
  const [printed, setPrinted] = useState<boolean | null>(null);
  useEffect(() => {
    void call('setup:recoveryKey', {}).then((r) => r && useSetupStore.setState({ keyGroups: r.groups }));
    return () => forgetKey();
  }, [call, forgetKey]);
  const print = async () => {
    const r = await call('setup:printRecoverySheet', {});
    setPrinted(r ? r.printed : false);
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (await call('setup:confirmRecoveryKey', { lastGroups: typed })) forgetKey();
  };
  return (
    <div className="setup-key" data-testid="setup-key">
      <p className="setup-strong">{t('setup.key.lead')}</p>
      <p>{t('setup.key.why')}</p>
      {keyGroups && (
        <ol className="key-groups" aria-label={t('setup.steps.key')} data-testid="key-groups">
          {keyGroups.map((g, i) => <li key={i}><span className="key-index">{i + 1}</span><span className="key-text">{g}</span></li>)}
        </ol>
      )}
      <div className="setup-row">
        <button type="button" className="btn btn-secondary" onClick={() => void print()} disabled={busy} data-testid="key-print">{t('setup.key.print')}</button>
        {printed !== null && <span role="status" className={printed ? 'setup-ok' : 'setup-warn'}>{printed ? t('setup.key.printed') : t('setup.key.notPrinted')}</span>}
      </div>
      <form className="setup-form" onSubmit={(e) => void confirm(e)}>
        <Field id="key-confirm" label={t('setup.key.confirmLabel')} hint={t('setup.key.confirmHint')} value={typed} onChange={setTyped} />
        <p className="setup-warn">{t('setup.key.warning')}</p>
        <ActionButton type="submit" id="key-confirm-submit" disabled={busy || typed.trim() === ''} disabledReason={busy ? undefined : t('setup.key.confirmDisabled')} data-testid="key-confirm-submit">{t('setup.key.confirm')}</ActionButton>
      </form>
    </div>
  );
}
