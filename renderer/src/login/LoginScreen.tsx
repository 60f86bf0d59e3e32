import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './login.css';
import { PinField } from './PinField';
import { RestoreNotice } from './RestoreNotice';
import { useSessionStore } from './sessionStore';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Staff id + PIN. The PIN is cleared from state as soon as it was sent, whatever main answered. */
export function LoginScreen() {
  const { t } = useTranslation();
  const { login, error, busy } = useSessionStore();
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = pin;
    setPin('');
    await login(staffId.trim(), typed);
  };
  return (
    <section className="panel login" aria-labelledby="login-title">
      <RestoreNotice />
      <h2 id="login-title">{t('login.title')}</h2>
      <p>{t('login.lead')}</p>
      <form onSubmit={(e) => void submit(e)} className="login-form">
        <Field id="login-staff-id" label={t('login.staffId')}>
          {(c) => <input {...c} className="id-input" autoComplete="off" spellCheck={false} maxLength={32} value={staffId} onChange={(e) => setStaffId(e.target.value)} autoFocus />}
        </Field>
        <PinField id="login-pin" label={t('login.pin')} hint={t('login.pinHint')} value={pin} onChange={setPin} />
        {/* A refused login belongs to the pair of fields just typed: it sits under them, above the button. */}
        <ErrorMessage error={error} testId="login-error" />
        <ActionButton type="submit" id="login-submit" disabled={busy || !staffId || pin.length < 6} disabledReason={busy ? undefined : t('login.submitDisabled')}>
          {busy ? t('login.busy') : t('login.submit')}
        </ActionButton>
      </form>
    </section>
  );
}
