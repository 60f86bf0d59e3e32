import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './login.css';
import { ErrorLine } from './ErrorLine';
import { PinField } from './PinField';
import { useSessionStore } from './sessionStore';

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
      <h2 id="login-title">{t('login.title')}</h2>
      <p>{t('login.lead')}</p>
      <form onSubmit={(e) => void submit(e)} className="login-form">
        <div className="um-field">
          <label htmlFor="login-staff-id">{t('login.staffId')}</label>
          <input id="login-staff-id" className="id-input" autoComplete="off" spellCheck={false} maxLength={32} value={staffId} onChange={(e) => setStaffId(e.target.value)} autoFocus />
        </div>
        <PinField id="login-pin" label={t('login.pin')} hint={t('login.pinHint')} value={pin} onChange={setPin} />
        <button type="submit" className="btn btn-large" disabled={busy || !staffId || pin.length < 6}>{busy ? t('login.busy') : t('login.submit')}</button>
      </form>
      <ErrorLine error={error} testId="login-error" />
    </section>
  );
}
