import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../app/nav';
import { ActionButton } from '../ui/Field';
import { Field } from './AdminsStep';
import { SetupError } from './SetupError';
import { useSetupStore } from './setupStore';
import './setup.css';
import './strings';

/** Another OS account or PC: recovery key + an administrator of the vault; the key is cleared after each try. */
export function EnrolmentScreen() {
  const { t } = useTranslation();
  const { call, busy, error, status } = useSetupStore();
  const go = useNav((s) => s.go);
  const [form, setForm] = useState({ recoveryKey: '', staffId: '', pin: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await call('enrol:submit', form);
    setForm((f) => ({ ...f, recoveryKey: '', pin: '' }));
  };
  const enrolled = status?.stage !== 'enrolment-required' && status !== null;
  return (
    <section className="panel setup" aria-labelledby="enrol-title" data-testid="enrol">
      <h2 id="enrol-title">{t('setup.enrol.title')}</h2>
      {enrolled ? (
        <div data-testid="enrol-done">
          <p className="setup-ok" role="status">{t('setup.enrol.done')}</p>
          <button type="button" className="btn" onClick={() => go(status?.stage === 'complete' ? 'start' : 'setup')}>{t('setup.import.toStart')}</button>
        </div>
      ) : (
        <form className="setup-form" onSubmit={(e) => void submit(e)}>
          <p>{t(status?.enrolReason === 'copied-folder' ? 'setup.enrol.copiedLead' : 'setup.enrol.lead')}</p>
          <Field id="enrol-key" label={t('setup.enrol.key')} hint={t('setup.enrol.keyHint')} value={form.recoveryKey} onChange={(v) => setForm((f) => ({ ...f, recoveryKey: v }))} />
          <div className="setup-row">
            <Field id="enrol-staff" label={t('setup.enrol.staffId')} value={form.staffId} onChange={(v) => setForm((f) => ({ ...f, staffId: v }))} />
            <Field id="enrol-pin" label={t('setup.enrol.pin')} value={form.pin} onChange={(v) => setForm((f) => ({ ...f, pin: v }))} secret />
          </div>
          <SetupError error={error} />
          <div className="setup-row">
            <ActionButton type="submit" id="enrol-submit" disabled={busy || !form.recoveryKey || !form.staffId || !form.pin} disabledReason={busy ? undefined : t('setup.enrol.disabled')} data-testid="enrol-submit">{busy ? t('setup.enrol.working') : t('setup.enrol.submit')}</ActionButton>
            <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('setup.back')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
