import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './unmask.css';
import { ErrorLine } from '../login/ErrorLine';
import { GrantedValue } from './GrantedValue';
import { RequestDialog } from './RequestDialog';
import { useUnmaskStore } from './unmaskStore';
import { WaitingForLead } from './WaitingForLead';

/**
 * Interim: a 管理番号 lookup that shows the person's sealed fields masked, each with 「表示を申請」.
 * It makes the two-operator flow reachable until the case workspace takes it over.
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
          <label htmlFor="lookup-id">{t('unmask.lookupLabel')}</label>
          <input id="lookup-id" className="id-input" autoComplete="off" spellCheck={false} maxLength={64} value={id} onChange={(e) => setId(e.target.value)} />
          <button type="submit" className="btn btn-large" disabled={!id.trim()}>{t('unmask.lookupSubmit')}</button>
        </form>
        {!record && !asking && <ErrorLine error={error} testId="lookup-error" />}
      </section>
      {record && (
        <section className="panel" aria-labelledby="record-title" data-testid="masked-record">
          <h2 id="record-title">{t('unmask.recordTitle', { id: record.recordId })}</h2>
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
                      <span className="um-masked" aria-label={t('unmask.maskedNote')}>{t('unmask.masked')}</span>
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
