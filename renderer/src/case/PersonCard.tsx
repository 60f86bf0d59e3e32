import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_FIELDS, type PersonField, type PersonInput, type PersonView } from '../../../shared/cases/model';
import { parseDate } from '../../../shared/text/date';
import { useCaseStore } from './caseStore';
import { GrantedValue } from '../unmask/GrantedValue';
import { useUnmaskStore } from '../unmask/unmaskStore';
import { Field, ValueField } from '../ui/Field';
import { formatDate } from '../ui/format';
import { LockGlyph } from '../ui/LockGlyph';

/** Fields the vault holds sealed and a lead can open; household and phone are masked but not held (nothing to show). */
const UNMASKABLE = new Set<PersonField>(['address', 'katagaki', 'honseki']);
/** Long values get two of the four columns, so a granted value and its countdown fit inside their own field. */
const WIDE = new Set<PersonField>(['address', 'katagaki', 'honseki']);

/**
 * One person on the form. What the clerk types goes to main on every keystroke; main answers with
 * whether the person is protected and which fields are masked. A masked field is not an input at
 * all — there is nothing to type into, paste into or print from (SPEC F3).
 */
export function PersonCard({ person, heading, disabled, onRemove, onRequestUnmask, releaseNote }: {
  person: PersonView;
  heading: string;
  disabled: boolean;
  /** A temporary release lifts this card's document fields now (issue 22): said on the card, beside the tag. */
  releaseNote?: string;
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
  // A field main masks again (a release ended) leaves the renderer's memory too, not only the screen.
  const maskedNow = PERSON_FIELDS.filter((f) => person.fields[f].masked).join();
  useEffect(() => {
    setFields((d) => {
      const next = { ...d };
      for (const f of PERSON_FIELDS) if (person.fields[f].masked) next[f] = '';
      return next;
    });
  }, [maskedNow]); // keyed on which fields are masked, not on every keystroke

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
  // The parsed date at body size, 和暦 first with the western year, so the clerk sees at once what main read.
  const parsed = person.dobDisplay ? parseDate(person.dobDisplay) : null;
  const dobParsed = parsed?.ok ? t('case.dobParsed', { date: formatDate(parsed.iso, i18n.language) }) : null;
  const text = (k: 'name' | 'kana' | 'relation', label: string) => (
    <Field id={id(k)} label={label} required={false}>
      {(c) => <input {...c} value={draft[k]} onChange={change(k)} disabled={disabled} autoComplete="off" />}
    </Field>
  );
  return (
    <section className={`person${person.protected ? ' is-protected' : ''}`} aria-labelledby={id('h')} data-testid={`person-${person.slot}`} data-protected={person.protected ? 'yes' : 'no'}>
      <header className="person-head">
        <h3 id={id('h')}>{heading}</h3>
        {tag && (
          <span className="protected-tag" role="status">
            {tag}
            {/* A name-only `possible` earns no 管理番号 (issue 14): main sends none, and the card says why. */}
            {person.recordIds.length > 0
              ? <span className="record-ids">{t('case.record')} {person.recordIds.join('、')}</span>
              : <span className="record-ids" data-testid="possible-note">{t('case.possibleNote')}</span>}
            {person.expiry.filter((e) => e.state !== 'active' || e.provisional).map((e) => (
              <span key={e.recordId} className="expiry-tag">{e.provisional ? t('case.expiry.provisional') : ''}{e.state !== 'active' ? ` ${t(`case.expiry.${e.state}`)}` : ''}</span>
            ))}
          </span>
        )}
        {releaseNote && <span className="release-tag" data-testid={`release-tag-${person.slot}`}>{releaseNote}</span>}
        {onRemove && !disabled && <button type="button" className="btn-link" onClick={onRemove}>{t('case.removePerson')}</button>}
      </header>
      <div className="person-grid">
        {text('name', t('case.name'))}
        {text('kana', t('case.kana'))}
        <Field id={id('dob')} label={t('case.dob')} required={false} hint={t('case.dobHint')}
          error={person.dobError ? (i18n.language === 'en' ? person.dobError.en : person.dobError.ja) : null}>
          {(c) => (
            <>
              <input {...c} aria-describedby={[c['aria-describedby'], dobParsed ? id('dob-parsed') : ''].filter(Boolean).join(' ') || undefined}
                value={draft.dob} onChange={change('dob')} disabled={disabled} autoComplete="off" />
              {dobParsed && !person.dobError && <p className="dob-parsed" id={id('dob-parsed')} data-testid={`dob-parsed-${person.slot}`}>{dobParsed}</p>}
            </>
          )}
        </Field>
        {text('relation', t('case.relation'))}
        {PERSON_FIELDS.map((f) => {
          const v = person.fields[f];
          const recordId = person.recordIds[0];
          const sealed = UNMASKABLE.has(f) && recordId && person.recordIds.length === 1;
          const wide = WIDE.has(f) ? 'span-2' : undefined;
          if (v.masked && granted && recordId && granted.recordId === recordId && granted.field === f) {
            return (
              <ValueField key={f} id={id(f)} label={t(`case.fields.${f}`)} className={wide}>
                <GrantedValue granted={granted} />
              </ValueField>
            );
          }
          return v.masked ? (
            <MaskedRow key={f} label={t(`case.fields.${f}`)} id={id(f)} className={wide}
              onRequest={onRequestUnmask && sealed && !granted ? () => onRequestUnmask(person.slot, recordId, f as 'address' | 'katagaki' | 'honseki') : undefined} />
          ) : (
            <Field key={f} id={id(f)} label={t(`case.fields.${f}`)} required={false} className={wide}>
              {(c) => <input {...c} value={fields[f] ?? ''} onChange={changeField(f)} disabled={disabled} autoComplete="off" />}
            </Field>
          );
        })}
      </div>
    </section>
  );
}

function MaskedRow({ label, id, className, onRequest }: { label: string; id: string; className?: string; onRequest?: () => void }) {
  const { t } = useTranslation();
  return (
    <ValueField id={id} label={label} className={className}>
      <div className="masked-cell">
        <output className="masked-value" id={id} aria-labelledby={`${id}-label`} data-testid={`masked-${id}`} title={t('case.masked')}>
          <span aria-hidden="true" className="masked-badge"><LockGlyph />{t('case.maskedShort')}</span>
          <span aria-hidden="true" className="masked-dots">●●●●</span>
          <span className="sr-only">{t('case.masked')}</span>
        </output>
        {onRequest && <button type="button" className="btn-small" onClick={onRequest} aria-label={`${label}: ${t('case.requestUnmask')}`}>{t('case.requestUnmask')}</button>}
      </div>
    </ValueField>
  );
}
