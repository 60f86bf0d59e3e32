import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorNote } from '../review/ErrorNote';
import { EMPTY_PAIR, PersonFields, type PinPair } from '../review/TwoPeople';
import { Field } from '../ui/Field';

const localNow = (): string => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 16);
/** datetime-local values are JST wall-clock times at the counter. */
const fromLocal = (v: string): string => new Date(`${v}:00+09:00`).toISOString();

/** Records what was disclosed, to whom, when and how; the clock starts at "when the town became aware". */
export function IncidentForm({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ discoveredAt: localNow(), disclosedAt: localNow(), what: '', toWhom: '', how: '', improperPurpose: false, recordIds: '' });
  const [by, setBy] = useState<PinPair>(EMPTY_PAIR);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async () => {
    const res = await window.countershield.invoke('incident:create', {
      discoveredAt: fromLocal(f.discoveredAt), disclosedAt: fromLocal(f.disclosedAt), what: f.what, toWhom: f.toWhom, how: f.how,
      improperPurpose: f.improperPurpose, recordIds: f.recordIds.split(/[,、\s]+/).filter(Boolean), by,
    });
    setBy({ ...by, pin: '' });
    if (res.ok) {
      setSaved(res.value.id);
      setError(null);
      setF({ ...f, what: '', toWhom: '', how: '', recordIds: '' });
      onSaved();
    } else setError(res.error);
  };
  const text = (k: 'what' | 'toWhom' | 'how') => (
    <Field id={`inc-${k}`} className="wide" label={t(`leads.incident.${k}`)}>
      {(c) => <textarea {...c} rows={2} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />}
    </Field>
  );
  return (
    <section className="panel" aria-labelledby="inc-new">
      <h2 id="inc-new">{t('leads.incident.create')}</h2>
      <form className="incident-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field id="inc-discovered" label={t('leads.incident.discoveredAt')}>
          {(c) => <input {...c} type="datetime-local" value={f.discoveredAt} onChange={(e) => setF({ ...f, discoveredAt: e.target.value })} />}
        </Field>
        <Field id="inc-disclosed" label={t('leads.incident.disclosedAt')}>
          {(c) => <input {...c} type="datetime-local" value={f.disclosedAt} onChange={(e) => setF({ ...f, disclosedAt: e.target.value })} />}
        </Field>
        {text('what')}
        {text('toWhom')}
        {text('how')}
        <Field id="inc-records" label={t('leads.incident.recordIds')} required={false}>
          {(c) => <input {...c} value={f.recordIds} onChange={(e) => setF({ ...f, recordIds: e.target.value })} autoComplete="off" />}
        </Field>
        <label className="check"><input type="checkbox" checked={f.improperPurpose} onChange={(e) => setF({ ...f, improperPurpose: e.target.checked })} /> {t('leads.incident.improper')}</label>
        <PersonFields id="inc-new-by" title={t('leads.two.lead')} value={by} onChange={setBy} />
        <button type="submit" className="btn">{t('leads.incident.save')}</button>
      </form>
      {saved && <p role="status">{t('leads.incident.saved', { id: saved })}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
