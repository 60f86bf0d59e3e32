import { useTranslation } from 'react-i18next';
import { parseDate } from '../../../shared/text/date';
import { Field } from './Field';
import { formatDate } from './format';
import './dateStrings';

/** What a typed date means: the ISO day main expects, or null while it cannot be read. */
export function typedDay(raw: string): string | null {
  const r = parseDate(raw);
  return r.ok ? r.iso : null;
}

/**
 * The app's way to type a date (issue 23): a text field that takes 和暦 or 西暦 as clerks write them, with the
 * day it read shown under it at body size, 和暦 first. Not <input type="date">: Chromium draws that in the OS
 * locale (06/08/2026 on an English Windows), month and day swap places, and it has no 和暦.
 */
export function DateField({ id, label, required = true, hint, note, compact = false, error, value, onChange, testId }: {
  id: string;
  label: string;
  required?: boolean;
  /** Replaces the standard how-to-write hint (a birth date's examples are from the Shōwa era, not this year). */
  hint?: string;
  /** What the date is for, said before how to write it. */
  note?: string;
  /** A filter row has no room for three examples: one short hint. */
  compact?: boolean;
  error?: string | null;
  value: string;
  onChange: (raw: string) => void;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const day = typedDay(value);
  const parsedId = `${id}-parsed`;
  const how = hint ?? t(compact ? 'dateField.short' : 'dateField.hint');
  return (
    <Field id={id} label={label} required={required} hint={note ? [note, how].join(i18n.language === 'en' ? ' ' : '') : how} error={error}>
      {(c) => (
        <>
          <input {...c} aria-describedby={[c['aria-describedby'], day ? parsedId : ''].filter(Boolean).join(' ') || undefined}
            value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} data-testid={testId} />
          {day && !error && <p className="date-parsed" id={parsedId}>{t('dateField.parsed', { date: formatDate(day, i18n.language) })}</p>}
        </>
      )}
    </Field>
  );
}
