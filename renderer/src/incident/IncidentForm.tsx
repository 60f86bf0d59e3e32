import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { ErrorNote } from '../review/ErrorNote';
import { EMPTY_PAIR, PersonFields, type PinPair } from '../review/TwoPeople';
import { DateField, typedDay } from '../ui/DateField';
import { Field } from '../ui/Field';
import { formatDate } from '../ui/format';

/** Now at the counter, JST: the day as the screens write it (和暦) and the time as HH:MM. */
const jstNow = (): { day: string; time: string } => {
  const iso = new Date(Date.now() + 9 * 3600_000).toISOString();
  return { day: formatDate(iso.slice(0, 10), 'ja', { western: false }), time: iso.slice(11, 16) };
};

/** 「14:05」「14：05」「1405」「14時5分」, full- or half-width, as HH:MM; null when it is not a time of day. */
export function typedTime(raw: string): string | null {
  const m = /^(\d{1,2})(?:[:時]|(?=\d{2}$))(\d{1,2})分?$/.exec(raw.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return null;
  const h = Number(m[1]), min = Number(m[2]);
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** A JST wall-clock day and time at the counter, as the instant main stores. */
const instant = (day: string, time: string): string => new Date(`${day}T${time}:00+09:00`).toISOString();

/**
 * One instant typed as a day (和暦 or 西暦, ui/DateField) and a time of day. Not <input type="datetime-local">:
 * Chromium draws it in the OS locale with no 和暦 (issue 23), the same reason DateField exists.
 */
function DayAndTime({ id, label, value, onChange, tried }: {
  id: string; label: string; value: { day: string; time: string }; onChange(v: { day: string; time: string }): void; tried: boolean;
}) {
  const { t } = useTranslation();
  const dayError = tried && !typedDay(value.day) ? t('leads.incident.dayInvalid') : null;
  const timeError = tried && !typedTime(value.time) ? t('leads.incident.timeInvalid') : null;
  return (
    <fieldset className="incident-when">
      <legend>{label}</legend>
      <DateField id={`${id}-day`} label={t('leads.incident.day')} compact value={value.day} onChange={(day) => onChange({ ...value, day })} error={dayError} />
      <Field id={`${id}-time`} label={t('leads.incident.time')} hint={t('leads.incident.timeHint')} error={timeError}>
        {(c) => <input {...c} value={value.time} onChange={(e) => onChange({ ...value, time: e.target.value })} autoComplete="off" inputMode="numeric" className="time-input" />}
      </Field>
    </fieldset>
  );
}

/** Records what was disclosed, to whom, when and how; the clock starts at "when the town became aware". */
export function IncidentForm({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ discoveredAt: jstNow(), disclosedAt: jstNow(), what: '', toWhom: '', how: '', improperPurpose: false, recordIds: '' });
  const [tried, setTried] = useState(false);
  const [by, setBy] = useState<PinPair>(EMPTY_PAIR);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async () => {
    setTried(true);
    const when = (v: { day: string; time: string }) => {
      const day = typedDay(v.day), time = typedTime(v.time);
      return day && time ? instant(day, time) : null;
    };
    const discoveredAt = when(f.discoveredAt), disclosedAt = when(f.disclosedAt);
    // Nothing is sent while a day or a time cannot be read; each field says what to write under it.
    if (!discoveredAt || !disclosedAt) return;
    const res = await window.countershield.invoke('incident:create', {
      discoveredAt, disclosedAt, what: f.what, toWhom: f.toWhom, how: f.how,
      improperPurpose: f.improperPurpose, recordIds: f.recordIds.split(/[,、\s]+/).filter(Boolean), by,
    });
    setBy({ ...by, pin: '' });
    if (res.ok) {
      setSaved(res.value.id);
      setError(null);
      setTried(false);
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
        <DayAndTime id="inc-discovered" label={t('leads.incident.discoveredAt')} value={f.discoveredAt} onChange={(v) => setF({ ...f, discoveredAt: v })} tried={tried} />
        <DayAndTime id="inc-disclosed" label={t('leads.incident.disclosedAt')} value={f.disclosedAt} onChange={(v) => setF({ ...f, disclosedAt: v })} tried={tried} />
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
