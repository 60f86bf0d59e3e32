import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetupStore } from './setupStore';
import { Field as UiField } from '../ui/Field';
import { errorMessage } from '../ui/errorText';

type Admin = { staffId: string; displayName: string; pin: string; pinConfirm: string };
const EMPTY: Admin = { staffId: '', displayName: '', pin: '', pinConfirm: '' };

/** Step 1: two administrators, each with their own PIN typed twice. The core checks the PIN rules. */
export function AdminsStep() {
  const { t, i18n } = useTranslation();
  const { call, busy, error } = useSetupStore();
  // A PIN refused for one administrator is shown under that administrator's PIN (issue 23: it did not say whose).
  const which = error && (error.code === 'E_PIN_POLICY' || error.code === 'E_SETUP_PIN_MISMATCH') ? Number(error.detail?.which) : 0;
  const pinError = (i: 0 | 1) => (error && which === i + 1 ? errorMessage(error, i18n.language) : null);
  const [admins, setAdmins] = useState<[Admin, Admin]>([{ ...EMPTY }, { ...EMPTY }]);
  const edit = (i: 0 | 1, k: keyof Admin, v: string) => setAdmins((a) => {
    const next: [Admin, Admin] = [{ ...a[0] }, { ...a[1] }];
    next[i][k] = v;
    return next;
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await call('setup:createAdmins', { admins });
    // PINs leave renderer memory whether or not the step succeeded; the ids stay for a retry.
    setAdmins((a) => (ok ? [{ ...EMPTY }, { ...EMPTY }] : [{ ...a[0], pin: '', pinConfirm: '' }, { ...a[1], pin: '', pinConfirm: '' }]));
  };
  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} data-testid="setup-admins">
      <p>{t('setup.admins.lead')}</p>
      <div className="setup-admins">
        {([0, 1] as const).map((i) => (
          <fieldset key={i} className="setup-admin">
            <legend>{t('setup.admins.who', { n: i + 1 })}</legend>
            <Field id={`a${i}-id`} label={t('setup.admins.staffId')} value={admins[i].staffId} onChange={(v) => edit(i, 'staffId', v)} autoComplete="off" />
            <Field id={`a${i}-name`} label={t('setup.admins.displayName')} value={admins[i].displayName} onChange={(v) => edit(i, 'displayName', v)} autoComplete="off" />
            <Field id={`a${i}-pin`} label={t('setup.admins.pin')} value={admins[i].pin} onChange={(v) => edit(i, 'pin', v)} secret error={pinError(i)} hint={i === 0 ? t('setup.admins.rules') : undefined} />
            <Field id={`a${i}-pin2`} label={t('setup.admins.pinConfirm')} value={admins[i].pinConfirm} onChange={(v) => edit(i, 'pinConfirm', v)} secret />
          </fieldset>
        ))}
      </div>
      <button type="submit" className="btn" disabled={busy} data-testid="setup-admins-submit">{busy ? t('setup.admins.working') : t('setup.admins.submit')}</button>
    </form>
  );
}

/** The setup and list screens' text or PIN input, drawn by the one Field (label, ※必須, support text above, error under). */
export function Field({ id, label, value, onChange, secret, autoComplete, hint, error, required = true }: {
  id: string; label: string; value: string; onChange: (v: string) => void; secret?: boolean; autoComplete?: string; hint?: string; error?: string | null; required?: boolean;
}) {
  return (
    <UiField id={id} label={label} hint={hint} error={error} required={required} className="setup-field">
      {(c) => (
        <input
          {...c} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}
          type={secret ? 'password' : 'text'} inputMode={secret ? 'numeric' : undefined} autoComplete={secret ? 'off' : autoComplete ?? 'off'}
          spellCheck={false}
        />
      )}
    </UiField>
  );
}
