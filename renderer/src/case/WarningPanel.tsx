import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STOPPING_WARNINGS, type CaseWarning } from '../../../shared/cases/model';
import { PhoneScript } from './PhoneScript';
import { useCaseStore } from './caseStore';
import { ActionButton, Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * Warnings block the form until they are cleared (SPEC F6): the clerk acknowledges what is theirs to
 * acknowledge; a lead, at this terminal with their own ID + PIN, clears what needs a second person.
 * The dialog's actions sit in a footer that never scrolls away (issue 23: the third card and 「班長を呼ぶ」
 * were cut off at 1366×768).
 */
export function WarningPanel({ warnings }: { warnings: CaseWarning[] }) {
  const { t } = useTranslation();
  const all = warnings.filter((w) => !w.cleared);
  // A 委託 login's stop is the only thing it is shown to act on: the rest is the 職員's after the takeover.
  const shown = all.some((w) => w.kind === 'contractorStop') ? all.filter((w) => w.kind === 'contractorStop') : all;
  // What stops the case comes first: its coded heading and the lead's form are what the clerk needs to see.
  const open = [...shown.filter((w) => STOPPING_WARNINGS.includes(w.kind)), ...shown.filter((w) => !STOPPING_WARNINGS.includes(w.kind))];
  if (open.length === 0) return null;
  const alarm = open.some((w) => STOPPING_WARNINGS.includes(w.kind));
  const phone = useCaseStore.getState().view?.channel === 'phone';
  return (
    <div className="warning-overlay" role="presentation">
      <section className={`warning-dialog${alarm ? ' is-alarm' : ''}`} role="alertdialog" aria-modal="true" aria-labelledby="warn-title" aria-describedby="warn-wait" data-testid="warning-dialog">
        <header>
          <h2 id="warn-title">{t('case.warn.title')}</h2>
          <p id="warn-wait" className="warn-wait">{t('case.warn.wait')}</p>
        </header>
        <div className="dialog-body">
          {/* On the phone the caller is waiting on the line: the words to say come first. */}
          {phone && <PhoneScript />}
          <ul className="warn-list">
            {open.map((w, i) => <WarningItem key={w.id} warning={w} first={i === 0} />)}
          </ul>
        </div>
        <footer data-testid="warning-footer">
          <LeadCall contractor={open.some((w) => w.kind === 'contractorStop')} />
        </footer>
      </section>
    </div>
  );
}

function WarningItem({ warning, first }: { warning: CaseWarning; first: boolean }) {
  const { t } = useTranslation();
  const acknowledge = useCaseStore((s) => s.acknowledge);
  return (
    <li className={`warn warn-${warning.kind}`} data-testid={`warning-${warning.kind}`}>
      <h3>{t(`case.warn.${warning.kind}.title`)}</h3>
      <p>{t(`case.warn.${warning.kind}.body`)}</p>
      {warning.recordIds.length > 0 && <p className="muted">{t('case.record')}: {warning.recordIds.join('、')}</p>}
      {warning.kind === 'contractorStop' ? (
        <TakeOverForm first={first} />
      ) : warning.needsLead ? (
        <LeadAttendForm warningId={warning.id} first={first} />
      ) : (
        <button type="button" className={first ? 'btn' : 'btn btn-secondary'} autoFocus={first} onClick={() => void acknowledge(warning.id)}>{t('case.warn.ack')}</button>
      )}
    </li>
  );
}

function LeadAttendForm({ warningId, first }: { warningId: string; first: boolean }) {
  const { t } = useTranslation();
  const leadAttend = useCaseStore((s) => s.leadAttend);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await leadAttend(warningId, staffId.trim(), pin);
    // The PIN never stays in renderer state longer than the one call that needs it.
    setPin('');
    if (ok) setStaffId('');
  };
  const idFor = (k: string) => `${warningId.replace(/[^A-Za-z0-9]/g, '_')}-${k}`;
  return (
    <form className="lead-form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('case.warn.leadNeeded')}</p>
      <Field id={idFor('id')} label={t('case.warn.leadId')}>
        {(c) => <input {...c} value={staffId} onChange={(e) => setStaffId(e.target.value)} autoComplete="off" autoFocus={first} />}
      </Field>
      <Field id={idFor('pin')} label={t('case.warn.leadPin')}>
        {(c) => <input {...c} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} autoComplete="off" />}
      </Field>
      <ActionButton type="submit" id={idFor('go')} className={first ? 'btn' : 'btn btn-secondary'} disabled={!staffId.trim() || pin.length < 6} disabledReason={t('case.warn.leadConfirmDisabled')}>
        {t('case.warn.leadConfirm')}
      </ActionButton>
    </form>
  );
}

/** A 職員 (not 委託) takes the case over with their own ID + PIN; the terminal's login becomes theirs (SPEC F19). */
function TakeOverForm({ first }: { first: boolean }) {
  const { t } = useTranslation();
  const takeOver = useCaseStore((s) => s.takeOver);
  // Shown here: the case's own error line sits behind this dialog, and a wrong PIN must be seen where it was typed.
  const error = useCaseStore((s) => s.error);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await takeOver(staffId.trim(), pin);
    setPin('');
    if (ok) setStaffId('');
  };
  return (
    <form className="lead-form" onSubmit={(e) => void submit(e)} data-testid="takeover-form">
      <p className="muted">{t('case.takeover.needed')}</p>
      <Field id="takeover-id" label={t('case.takeover.id')}>
        {(c) => <input {...c} value={staffId} onChange={(e) => setStaffId(e.target.value)} autoComplete="off" autoFocus={first} />}
      </Field>
      <Field id="takeover-pin" label={t('case.takeover.pin')}>
        {(c) => <input {...c} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} autoComplete="off" />}
      </Field>
      <ActionButton type="submit" id="takeover-go" className="btn" disabled={!staffId.trim() || pin.length < 6} disabledReason={t('case.takeover.disabled')}>
        {t('case.takeover.go')}
      </ActionButton>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}

/** In a 委託 stop the one to call is a 職員 who takes the case over (確認事項C), not the 班長. */
export function LeadCall({ contractor = false }: { contractor?: boolean }) {
  const { t, i18n } = useTranslation();
  const { view, callLead } = useCaseStore();
  if (!view) return null;
  return (
    <div className="lead-call">
      <button type="button" className="btn btn-secondary" onClick={() => void callLead()} data-testid="call-button">{t(contractor ? 'case.callStaff' : 'case.callLead')}</button>
      {view.leadCalledAt && (
        <span role="status" className="lead-called">{t(contractor ? 'case.staffCalled' : 'case.leadCalled', { time: formatDateTime(view.leadCalledAt, i18n.language) })}</span>
      )}
    </div>
  );
}
