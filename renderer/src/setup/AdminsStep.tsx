import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetupStore } from './setupStore';

type Admin = { staffId: string; displayName: string; pin: string; pinConfirm: string };
const EMPTY: Admin = { staffId: '', displayName: '', pin: '', pinConfirm: '' };

/** Step 1: two administrators, each with their own PIN typed twice. The core checks the PIN rules. */
export function AdminsStep() {
  const { t } = useTranslation();
  const { call, busy } = useSetupStore();
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
            <Field id={`a${i}-pin`} label={t('setup.admins.pin')} value={admins[i].pin} onChange={(v) => edit(i, 'pin', v)} secret />
            <Field id={`a${i}-pin2`} label={t('setup.admins.pinConfirm')} value={admins[i].pinConfirm} onChange={(v) => edit(i, 'pinConfirm', v)} secret />
          </fieldset>
        ))}
      </div>
      <p className="muted">{t('setup.admins.rules')}</p>
      <button type="submit" className="btn" disabled={busy} data-testid="setup-admins-submit">{busy ? t('setup.admins.working') : t('setup.admins.submit')}</button>
    </form>
  );
}

export function Field({ id, label, value, onChange, secret, autoComplete, hint }: {
  id: string; label: string; value: string; onChange: (v: string) => void; secret?: boolean; autoComplete?: string; hint?: string;
}) {
  return (
    <div className="setup-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}
        type={secret ? 'password' : 'text'} inputMode={secret ? 'numeric' : undefined} autoComplete={secret ? 'off' : autoComplete ?? 'off'}
        spellCheck={false} {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
      {hint && <span id={`${id}-hint`} className="muted">{hint}</span>}
    </div>
  );
}
