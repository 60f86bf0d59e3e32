import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UNMASK_REASON_CODES, UNMASK_REASON_TEXT_MAX, type UnmaskReasonCode } from '../../../shared/domain/unmask';
import { PinField } from '../login/PinField';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useUnmaskStore } from './unmaskStore';

/** The first operator: a coded reason, optional text, and the clerk's own PIN again. */
export function RequestDialog({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const { asking, submit, ask, error } = useUnmaskStore();
  const [reasonCode, setReason] = useState<UnmaskReasonCode>('self-request');
  const [reasonText, setText] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  if (!asking) return null;
  const field = t(`unmask.fields.${asking}`);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const typed = pin;
    setPin('');
    setBusy(true);
    try {
      await submit({ reasonCode, ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}), pin: typed });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel unmask-dialog" role="dialog" aria-modal="false" aria-labelledby="unmask-dialog-title">
      <h2 id="unmask-dialog-title">{t('unmask.dialogTitle', { field })}</h2>
      <p className="record-code">{t('unmask.recordCode', { id: recordId })}</p>
      <p>{t('unmask.dialogLead')}</p>
      <p className="um-reason-warn">{t('unmask.reasonWarn')}</p>
      <form onSubmit={(e) => void send(e)} className="unmask-form">
        <fieldset className="um-reasons">
          <legend>{t('unmask.reason')} <span className="field-req" aria-hidden="true">{t('common.required')}</span></legend>
          {UNMASK_REASON_CODES.map((code) => (
            <label key={code} className="reason-option">
              <input type="radio" name="reason" value={code} checked={reasonCode === code} onChange={() => setReason(code)} autoFocus={code === reasonCode} />
              {t(`unmask.reasons.${code}`)}
            </label>
          ))}
        </fieldset>
        <div className="um-row">
          <Field id="unmask-reason-text" label={t('unmask.reasonText')} required={reasonCode === 'other'} hint={t('unmask.reasonTextHint')}>
            {(c) => <input {...c} className="text-input" maxLength={UNMASK_REASON_TEXT_MAX} value={reasonText} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
          </Field>
          <PinField id="unmask-own-pin" label={t('unmask.ownPin')} value={pin} onChange={setPin} />
        </div>
        <ErrorMessage error={error} testId="unmask-error" />
        <div className="um-actions">
          <ActionButton type="submit" id="unmask-send" disabled={busy || pin.length < 6 || (reasonCode === 'other' && !reasonText.trim())} disabledReason={busy ? undefined : t('unmask.sendDisabled')}>{t('unmask.send')}</ActionButton>
          <button type="button" className="btn btn-secondary" onClick={() => ask(null)}>{t('unmask.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
