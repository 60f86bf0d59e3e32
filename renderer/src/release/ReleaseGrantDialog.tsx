import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_KINDS, type CaseView, type FormKind } from '../../../shared/cases/model';
import { RELEASE_FIELDS } from '../../../shared/cases/releaseFields';
import type { AppErrorInfo } from '../../../shared/errors';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PersonFields, EMPTY_PAIR, type PinPair } from '../review/TwoPeople';
import { useCaseStore } from '../case/caseStore';
import { parseHours } from './hours';
import './strings';
import './release.css';
import '../review/leads.css';

const REASONS = ['court-order', 'own-request', 'public-agency', 'other'] as const;
const PIN_OK = /^[0-9０-９]{6,12}$/;

/** Persons this case matched by name and birth date to exactly one 管理番号: the only ones a release may name. */
function candidates(view: CaseView, who: string, nth: (n: number) => string): Array<{ id: string; label: string }> {
  const cards = [{ label: who, p: view.applicant }, ...view.persons.map((p, i) => ({ label: nth(i + 1), p }))];
  return cards.filter(({ p }) => p.decision === 'match' && p.recordIds.length === 1).map(({ label, p }) => ({ id: p.recordIds[0]!, label }));
}

/**
 * The lead grants a temporary release at the issuing clerk's terminal (SPEC F20, issue 22): one person this case
 * matched, this case's document, a reason, 1–8 hours, and two people — a lead and the officer — each with their own
 * PIN. Every bad input is said under its field in Japanese before anything is sent; main checks all of it again.
 */
export function ReleaseGrantDialog({ view, who, onClose }: { view: CaseView; who: string; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useCaseStore((s) => s.refresh);
  const people = candidates(view, who, (n) => t('case.person', { n }));
  const [recordId, setRecordId] = useState(people.length === 1 ? people[0]!.id : '');
  const [form, setForm] = useState<FormKind>(view.form);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('');
  const [lead, setLead] = useState<PinPair>(EMPTY_PAIR);
  const [officer, setOfficer] = useState<PinPair>(EMPTY_PAIR);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorInfo | null>(null);

  const h = parseHours(hours);
  const errs = {
    person: recordId ? null : t('release.err.person'),
    form: form === view.form ? null : t('release.err.form'),
    reason: reason ? null : t('release.err.reason'),
    hours: h.ok ? null : t(`release.err.${h.error}`),
    leadStaff: lead.staffId ? null : t('release.err.staff'),
    leadPin: PIN_OK.test(lead.pin) ? null : t('release.err.pin'),
    officerStaff: !officer.staffId ? t('release.err.staff') : officer.staffId === lead.staffId ? t('release.err.same') : null,
    officerPin: PIN_OK.test(officer.pin) ? null : t('release.err.pin'),
  };
  // Errors show once something was typed into the field, or after a press; the button says why it waits.
  const show = (key: keyof typeof errs, touched: boolean) => (tried || touched ? errs[key] : null);
  const filled = recordId && reason && hours && lead.staffId && lead.pin && officer.staffId && officer.pin;

  const submit = async () => {
    setTried(true);
    if (Object.values(errs).some(Boolean) || !h.ok) return;
    setBusy(true);
    const res = await window.countershield.invoke('list:releaseGrant', { recordId, form, caseId: view.caseId, reason, hours: h.hours, lead, officer });
    setBusy(false);
    // PINs never stay in the form after a press, whatever the answer.
    setLead({ ...lead, pin: '' });
    setOfficer({ ...officer, pin: '' });
    if (!res.ok) {
      setError(res.error);
      return;
    }
    await refresh();
    onClose();
  };

  return (
    <div className="warning-overlay" role="presentation">
      <section className="warning-dialog is-plain release-dialog" role="dialog" aria-modal="true" aria-labelledby="release-title" data-testid="release-grant">
        <header><h2 id="release-title">{t('release.title')}</h2></header>
        <div className="dialog-body">
          <p>{t('release.intro')}</p>
          {error && <ErrorMessage error={error} testId="release-error" />}
          <div className="release-grid">
            <Field id="release-person" label={t('release.person')} hint={t('release.personHint')} error={show('person', false)}>
              {(c) => (
                <select {...c} value={recordId} onChange={(e) => setRecordId(e.target.value)} data-testid="release-person">
                  <option value="">{t('release.choose')}</option>
                  {people.map((p) => <option key={p.id} value={p.id}>{t('release.personOption', { who: p.label, id: p.id })}</option>)}
                </select>
              )}
            </Field>
            <Field id="release-form" label={t('release.form')} hint={t('release.formHint')} error={show('form', form !== view.form)}>
              {(c) => (
                <select {...c} value={form} onChange={(e) => setForm(e.target.value as FormKind)} data-testid="release-form">
                  {FORM_KINDS.map((f) => <option key={f} value={f}>{t(`case.form.${f}`)}</option>)}
                </select>
              )}
            </Field>
            <Field id="release-reason" label={t('release.reason')} error={show('reason', false)}>
              {(c) => (
                <select {...c} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="release-reason">
                  <option value="">{t('release.choose')}</option>
                  {REASONS.map((r) => <option key={r} value={r}>{t(`release.reasons.${r}`)}</option>)}
                </select>
              )}
            </Field>
            <Field id="release-hours" className="release-hours" label={t('release.hours')} hint={t('release.hoursHint')} error={show('hours', hours !== '')}>
              {(c) => <input {...c} inputMode="numeric" autoComplete="off" value={hours} onChange={(e) => setHours(e.target.value.slice(0, 12))} data-testid="release-hours" />}
            </Field>
          </div>
          <p className="release-covers" data-testid="release-covers">{t('release.fields', { fields: RELEASE_FIELDS[form].map((f) => t(`case.fields.${f}`)).join('・') })}</p>
          <div className="two-people-grid">
            <div>
              <PersonFields id="release-lead" title={t('release.lead')} value={lead} onChange={setLead} />
              <FieldErrors errors={[show('leadStaff', false), show('leadPin', false)]} />
            </div>
            <div>
              <PersonFields id="release-officer" title={t('release.officer')} value={officer} onChange={setOfficer} />
              <FieldErrors errors={[show('officerStaff', officer.staffId !== '' && officer.staffId === lead.staffId), show('officerPin', false)]} />
            </div>
          </div>
        </div>
        <footer className="dialog-actions">
          <ActionButton id="release-submit" onClick={() => void submit()} disabled={!filled || busy} disabledReason={t('release.submitDisabled')} data-testid="release-submit">
            {t('release.submit')}
          </ActionButton>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{t('release.cancel')}</button>
        </footer>
      </section>
    </div>
  );
}

/** The two-people fields come from the shared PersonFields; their problems are said right under them. */
function FieldErrors({ errors }: { errors: Array<string | null> }) {
  const list = errors.filter((e): e is string => !!e);
  if (list.length === 0) return null;
  return <>{list.map((e) => <p key={e} className="field-error">{e}</p>)}</>;
}
