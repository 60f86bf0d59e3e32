import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './unmask.css';
import { ErrorLine } from '../login/ErrorLine';
import { ActionButton, Field } from '../ui/Field';
import { LockGlyph } from '../ui/LockGlyph';
import { GrantedValue } from './GrantedValue';
import { RequestDialog } from './RequestDialog';
import { useUnmaskStore } from './unmaskStore';
import { WaitingForLead } from './WaitingForLead';

/**
 * A 管理番号 lookup that shows the person's sealed fields masked, each with 「表示を申請」 — the way to the
 * two-operator flow outside a counter case (a written enquiry, an office task).
 */
export function MaskedRecordPanel() {
  const { t } = useTranslation();
  const { record, lookup, ask, asking, pending, granted, error } = useUnmaskStore();
  const [id, setId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void lookup(id.trim());
  };
  // While asking or waiting, that is all the clerk sees: the form fits the screen without scrolling.
  if (asking && record) return <RequestDialog recordId={record.recordId} />;
  if (pending) return <WaitingForLead />;
  return (
    <div className="unmask-area">
      <section className="panel" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t('unmask.lookupTitle')}</h2>
        <p className="muted">{t('unmask.lookupNote')}</p>
        <form className="lookup-form" onSubmit={submit}>
          <Field id="lookup-id" label={t('unmask.lookupLabel')}>
            {(c) => <input {...c} className="id-input" autoComplete="off" spellCheck={false} maxLength={64} value={id} onChange={(e) => setId(e.target.value)} />}
          </Field>
          <ActionButton type="submit" id="lookup-submit" disabled={!id.trim()} disabledReason={t('unmask.lookupDisabled')}>{t('unmask.lookupSubmit')}</ActionButton>
        </form>
        {!record && !asking && <ErrorLine error={error} testId="lookup-error" />}
      </section>
      {record && (
        <section className="panel" aria-labelledby="record-title" data-testid="masked-record">
          <h2 id="record-title">{t('unmask.recordTitle')}</h2>
          <p className="record-code" data-testid="record-code">{t('unmask.recordCode', { id: record.recordId })}</p>
          <p className="muted">{t('unmask.maskedNote')}</p>
          <dl className="masked-fields">
            {record.fields.map((f) => (
              <div key={f} className="masked-row" data-field={f}>
                <dt>{t(`unmask.fields.${f}`)}</dt>
                <dd>
                  {granted && granted.field === f && granted.recordId === record.recordId ? (
                    <GrantedValue granted={granted} />
                  ) : (
                    <>
                      <span className="um-masked" role="img" aria-label={t('unmask.maskedNote')}><LockGlyph /><strong>{t('unmask.maskedLabel')}</strong> <span aria-hidden="true">{t('unmask.masked')}</span></span>
                      <button type="button" className="btn um-btn-request" disabled={granted !== null} onClick={() => ask(f)} aria-label={`${t(`unmask.fields.${f}`)}: ${t('unmask.request')}`}>
                        {t('unmask.request')}
                      </button>
                    </>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {!asking && <ErrorLine error={error} testId="record-error" />}
        </section>
      )}
    </div>
  );
}
