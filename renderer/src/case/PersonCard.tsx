import { Fragment, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_FIELDS, type PersonField, type PersonInput, type PersonView } from '../../../shared/cases/model';
import { useCaseStore } from './caseStore';
import { GrantedValue } from '../unmask/GrantedValue';
import { useUnmaskStore } from '../unmask/unmaskStore';

/** Fields the vault holds sealed and a lead can open; household and phone are masked but not held (nothing to show). */
const UNMASKABLE = new Set<PersonField>(['address', 'katagaki', 'honseki']);

/**
 * One person on the form. What the clerk types goes to main on every keystroke; main answers with
 * whether the person is protected and which fields are masked. A masked field is not an input at
 * all — there is nothing to type into, paste into or print from (SPEC F3).
 */
export function PersonCard({ person, heading, disabled, onRemove, onRequestUnmask }: {
  person: PersonView;
  heading: string;
  disabled: boolean;
  onRemove?: () => void;
  onRequestUnmask?: (slot: string, recordId: string, field: 'address' | 'katagaki' | 'honseki') => void;
}) {
  const { t, i18n } = useTranslation();
  const update = useCaseStore((s) => s.updatePerson);
  const granted = useUnmaskStore((s) => s.granted);
  const [draft, setDraft] = useState({ name: person.name, kana: person.kana, dob: person.dob, relation: person.relation });
  const [fields, setFields] = useState<Partial<Record<PersonField, string>>>(() =>
    Object.fromEntries(PERSON_FIELDS.map((f) => [f, person.fields[f].masked ? '' : person.fields[f].value])),
  );
  const id = (k: string) => `${person.slot}-${k}`;
  const change = (key: keyof typeof draft) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [key]: value }));
    void update(person.slot, { [key]: value } as PersonInput);
  };
  const changeField = (f: PersonField) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setFields((d) => ({ ...d, [f]: value }));
    void update(person.slot, { fields: { [f]: value } });
  };
  const tag = person.protected ? (person.decision === 'match' ? t('case.protectedTag') : t('case.possibleTag')) : null;
  return (
    <section className={`person${person.protected ? ' is-protected' : ''}`} aria-labelledby={id('h')} data-testid={`person-${person.slot}`} data-protected={person.protected ? 'yes' : 'no'}>
      <header className="person-head">
        <h3 id={id('h')}>{heading}</h3>
        {tag && (
          <span className="protected-tag" role="status">
            {tag}
            {/* A name-only `possible` earns no 管理番号 (issue 14): main sends none, and the card says why. */}
            {person.recordIds.length > 0
              ? <span className="record-ids">{t('case.record')}: {person.recordIds.join(', ')}</span>
              : <span className="record-ids" data-testid="possible-note">{t('case.possibleNote')}</span>}
            {person.expiry.filter((e) => e.state !== 'active' || e.provisional).map((e) => (
              <span key={e.recordId} className="expiry-tag">{e.provisional ? t('case.expiry.provisional') : ''}{e.state !== 'active' ? ` ${t(`case.expiry.${e.state}`)}` : ''}</span>
            ))}
          </span>
        )}
        {onRemove && !disabled && <button type="button" className="btn-link" onClick={onRemove}>{t('case.removePerson')}</button>}
      </header>
      <div className="person-grid">
        <label htmlFor={id('name')}>{t('case.name')}</label>
        <input id={id('name')} value={draft.name} onChange={change('name')} disabled={disabled} autoComplete="off" />
        <label htmlFor={id('kana')}>{t('case.kana')}</label>
        <input id={id('kana')} value={draft.kana} onChange={change('kana')} disabled={disabled} autoComplete="off" />
        <label htmlFor={id('dob')}>{t('case.dob')}</label>
        <div className="dob-cell">
          <input id={id('dob')} value={draft.dob} onChange={change('dob')} disabled={disabled} autoComplete="off" aria-describedby={id('dobmsg')} aria-invalid={person.dobError ? true : undefined} />
          <span id={id('dobmsg')} className={person.dobError ? 'dob-error' : 'dob-display'}>
            {person.dobError ? (i18n.language === 'en' ? person.dobError.en : person.dobError.ja) : person.dobDisplay || t('case.dobHint')}
          </span>
        </div>
        <label htmlFor={id('relation')}>{t('case.relation')}</label>
        <input id={id('relation')} value={draft.relation} onChange={change('relation')} disabled={disabled} autoComplete="off" />
        {PERSON_FIELDS.map((f) => {
          const v = person.fields[f];
          const recordId = person.recordIds[0];
          const sealed = UNMASKABLE.has(f) && recordId && person.recordIds.length === 1;
          if (v.masked && granted && recordId && granted.recordId === recordId && granted.field === f) {
            return (
              <Fragment key={f}>
                <span className="label">{t(`case.fields.${f}`)}</span>
                <GrantedValue granted={granted} />
              </Fragment>
            );
          }
          return v.masked ? (
            <MaskedRow key={f} label={t(`case.fields.${f}`)} id={id(f)} onRequest={onRequestUnmask && sealed && !granted ? () => onRequestUnmask(person.slot, recordId, f as 'address' | 'katagaki' | 'honseki') : undefined} />
          ) : (
            <FieldRow key={f} label={t(`case.fields.${f}`)} id={id(f)} value={fields[f] ?? ''} onChange={changeField(f)} disabled={disabled} />
          );
        })}
      </div>
    </section>
  );
}

function FieldRow({ label, id, value, onChange, disabled }: { label: string; id: string; value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void; disabled: boolean }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={onChange} disabled={disabled} autoComplete="off" />
    </>
  );
}

function MaskedRow({ label, id, onRequest }: { label: string; id: string; onRequest?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="label" id={`${id}-label`}>{label}</span>
      <div className="masked-cell">
        <output className="masked-value" id={id} aria-labelledby={`${id}-label`} data-testid={`masked-${id}`} title={t('case.masked')}>
          <span aria-hidden="true"><span className="masked-badge">{t('case.maskedShort')}</span> ●●●●</span>
          <span className="sr-only">{t('case.masked')}</span>
        </output>
        {onRequest && <button type="button" className="btn-small" onClick={onRequest}>{t('case.requestUnmask')}</button>}
      </div>
    </>
  );
}
