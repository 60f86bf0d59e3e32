import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';

export interface PinPair { staffId: string; pin: string }

/**
 * Two staff ids and two PINs side by side: the two-person rule made visible. Until the staff engineer's lead
 * session arrives, every screen that needs two people asks for both here; PINs are cleared after each submit.
 */
export function TwoPeople({ idPrefix, first, second, onChange }: { idPrefix: string; first: PinPair; second: PinPair; onChange(first: PinPair, second: PinPair): void }) {
  const { t } = useTranslation();
  return (
    <div className="two-people">
      <p className="muted">{t('leads.two.hint')}</p>
      <div className="two-people-grid">
        <PersonFields id={`${idPrefix}-1`} title={t('leads.two.lead')} value={first} onChange={(v) => onChange(v, second)} />
        <PersonFields id={`${idPrefix}-2`} title={t('leads.two.second')} value={second} onChange={(v) => onChange(first, v)} />
      </div>
    </div>
  );
}

export function PersonFields({ id, title, value, onChange }: { id: string; title: string; value: PinPair; onChange(v: PinPair): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="person-pin">
      <legend>{title}</legend>
      <Field id={`${id}-staff`} label={t('leads.two.staffId')}>
        {(c) => <input {...c} autoComplete="off" spellCheck={false} value={value.staffId} onChange={(e) => onChange({ ...value, staffId: e.target.value.trim() })} />}
      </Field>
      <Field id={`${id}-pin`} label={t('leads.two.pin')}>
        {(c) => (
          <input {...c} type="password" inputMode="numeric" autoComplete="off" value={value.pin}
            onChange={(e) => onChange({ ...value, pin: e.target.value.replace(/[^0-9０-９]/g, '').slice(0, 12) })} />
        )}
      </Field>
    </fieldset>
  );
}

export const EMPTY_PAIR: PinPair = { staffId: '', pin: '' };
