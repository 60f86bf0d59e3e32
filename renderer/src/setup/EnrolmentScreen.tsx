import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { ActionButton } from '../ui/Field';
import { Field } from './AdminsStep';
import { SetupError } from './SetupError';
import { useSetupStore } from './setupStore';
import './setup.css';
import './strings';

/**
 * Another OS account or PC (issue 16). On a PC whose machine secret works, an administrator's 職員番号 + PIN alone
 * enrols this account; the recovery key is behind a secondary link (another PC, or no slot here). A copied folder
 * goes straight to the recovery key. The PIN and the key are cleared after each try.
 */
export function EnrolmentScreen() {
  const { t } = useTranslation();
  const { call, busy, error, status, clearError } = useSetupStore();
  const go = useNav((s) => s.go);
  const offersPin = status?.pinEnrolment === true;
  const [mode, setMode] = useState<'pin' | 'key'>(offersPin ? 'pin' : 'key');
  const [form, setForm] = useState({ recoveryKey: '', staffId: '', pin: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'pin') await call('enrol:submitPin', { staffId: form.staffId, pin: form.pin });
    else await call('enrol:submit', form);
    setForm((f) => ({ ...f, recoveryKey: '', pin: '' }));
  };
  const switchTo = (m: 'pin' | 'key') => {
    clearError();
    setForm((f) => ({ ...f, recoveryKey: '', pin: '' }));
    setMode(m);
  };
  const enrolled = status?.stage !== 'enrolment-required' && status !== null;
  const missing = !form.staffId || !form.pin || (mode === 'key' && !form.recoveryKey);
  const lead = mode === 'pin' ? 'setup.enrol.pinLead' : status?.enrolReason === 'copied-folder' ? 'setup.enrol.copiedLead' : 'setup.enrol.lead';
  return (
    <section className="panel setup" aria-labelledby="enrol-title" data-testid="enrol" data-mode={mode}>
      <h2 id="enrol-title">{t('setup.enrol.title')}</h2>
      {enrolled ? (
        <div data-testid="enrol-done">
          <p className="setup-ok" role="status">{t('setup.enrol.done')}</p>
          <button type="button" className="btn" onClick={() => go(status?.stage === 'complete' ? 'start' : 'setup')}>{t('setup.import.toStart')}</button>
        </div>
      ) : (
        <form className="setup-form" onSubmit={(e) => void submit(e)}>
          <p>{t(lead)}</p>
          {mode === 'key' && (
            <Field id="enrol-key" label={t('setup.enrol.key')} hint={t('setup.enrol.keyHint')} value={form.recoveryKey} onChange={(v) => setForm((f) => ({ ...f, recoveryKey: v }))} />
          )}
          <div className="setup-row">
            <Field id="enrol-staff" label={t('setup.enrol.staffId')} value={form.staffId} onChange={(v) => setForm((f) => ({ ...f, staffId: v }))} />
            <Field id="enrol-pin" label={t('setup.enrol.pin')} value={form.pin} onChange={(v) => setForm((f) => ({ ...f, pin: v }))} secret />
          </div>
          {mode === 'pin' && <p className="muted">{t('setup.enrol.pinNote')}</p>}
          <SetupError error={error} />
          <div className="setup-row">
            <ActionButton type="submit" id="enrol-submit" disabled={busy || missing} disabledReason={busy ? undefined : t(mode === 'pin' ? 'setup.enrol.pinDisabled' : 'setup.enrol.disabled')} data-testid="enrol-submit">{busy ? t('setup.enrol.working') : t('setup.enrol.submit')}</ActionButton>
            <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('setup.back')}</button>
          </div>
          {offersPin && (
            <p>
              <button type="button" className="btn-link" data-testid={mode === 'pin' ? 'enrol-use-key' : 'enrol-use-pin'} onClick={() => switchTo(mode === 'pin' ? 'key' : 'pin')}>
                {t(mode === 'pin' ? 'setup.enrol.useKey' : 'setup.enrol.usePin')}
              </button>
            </p>
          )}
        </form>
      )}
    </section>
  );
}
