import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { useNav } from '../app/nav';
import { ErrorLine } from '../login/ErrorLine';
import { PinField } from '../login/PinField';
import { useSessionStore } from '../login/sessionStore';
import { PIN_MISMATCH } from './staffAdminStore';
import { ActionButton } from '../ui/Field';
import './staffStrings';
import './adminTasksStrings';
import './staffAdmin.css';

/** Any logged-in member changes their own PIN, knowing the current one; main takes the staff id from the session. */
export function MyPinScreen() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const session = useSessionStore((s) => s.session);
  const [oldPin, setOldPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = { oldPin, newPin, again };
    setOldPin('');
    setNewPin('');
    setAgain('');
    setError(null);
    if (typed.newPin !== typed.again) return setError(PIN_MISMATCH);
    setBusy(true);
    try {
      const res = await window.countershield.invoke('staff:changeOwnPin', { oldPin: typed.oldPin, newPin: typed.newPin });
      if (res.ok) setDone(true);
      else setError(res.error);
    } finally {
      setBusy(false);
    }
  };
  const ready = !busy && oldPin.length >= 6 && newPin.length >= 6 && again.length >= 6;

  return (
    <section className="panel sa-change my-pin" aria-labelledby="my-pin-title" data-testid="my-pin">
      <h2 id="my-pin-title">{t('staffAdmin.myPin.title')}</h2>
      <p>{t('staffAdmin.myPin.lead')}</p>
      {session && <p className="sa-step">{t('staffAdmin.myPin.who', { name: session.displayName, id: session.staffId })}</p>}
      {done ? (
        <>
          <p className="sa-notice" role="status" data-testid="my-pin-done">{t('staffAdmin.myPin.done')}</p>
          <button type="button" className="btn" onClick={() => go('start')} autoFocus>{t('staffAdmin.back')}</button>
        </>
      ) : (
        <form className="sa-form" onSubmit={(e) => void submit(e)}>
          <div className="wide"><PinField id="my-old-pin" label={t('staffAdmin.myPin.old')} value={oldPin} onChange={setOldPin} autoFocus /></div>
          <PinField id="my-new-pin" label={t('staffAdmin.myPin.new')} value={newPin} onChange={setNewPin} hint={t('staffAdmin.myPin.hint')} />
          <PinField id="my-new-again" label={t('staffAdmin.myPin.again')} value={again} onChange={setAgain} />
          <div className="wide"><ErrorLine error={error} testId="my-pin-error" /></div>
          <div className="um-actions">
            <ActionButton type="submit" id="my-pin-go" disabled={!ready} disabledReason={busy ? undefined : t('staffAdmin.myPin.disabled')}>{t('staffAdmin.myPin.submit')}</ActionButton>
            <button type="button" className="btn btn-secondary" onClick={() => go('start')}>{t('staffAdmin.back')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

/** On the start screen: the administrators' way into staff administration, and everyone's PIN change. */
export function StaffEntry() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const session = useSessionStore((s) => s.session);
  if (!session) return null;
  return (
    <section className="panel sa-entry" aria-label={t('staffAdmin.entry.title')}>
      {session.roles.includes('admin') && <button type="button" className="btn btn-secondary" onClick={() => go('staff-admin')} data-testid="start-staff-admin">{t('staffAdmin.entry.admin')}</button>}
      {session.roles.includes('admin') && <button type="button" className="btn btn-secondary" onClick={() => go('admin-tasks')} data-testid="start-admin-tasks">{t('adminTasks.entry')}</button>}
      <button type="button" className="btn btn-secondary" onClick={() => go('my-pin')} data-testid="start-my-pin">{t('staffAdmin.entry.myPin')}</button>
    </section>
  );
}
