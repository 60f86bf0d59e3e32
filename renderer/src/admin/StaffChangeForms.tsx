import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type StaffChangeInput, type StaffRole, type StaffRowView } from '../../../shared/ipc/staff';
import { ErrorLine } from '../login/ErrorLine';
import { PinField } from '../login/PinField';
import { useSessionStore } from '../login/sessionStore';
import { roleText } from './RoleList';
import { ActionButton, Field } from '../ui/Field';
import { PIN_MISMATCH, useStaffAdmin } from './staffAdminStore';

export type Draft = { kind: 'add' } | { kind: 'setRoles' | 'resetPin' | 'unlock' | 'retire'; member: StaffRowView };

/** Step 1: the logged-in administrator says exactly what should change and re-enters their own PIN. */
export function ProposeForm({ draft, proposerId, onDone }: { draft: Draft; proposerId: string; onDone(): void }) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const { propose, busy, error, setError } = useStaffAdmin();
  const member = draft.kind === 'add' ? null : draft.member;
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>(member ? [...member.roles] : ['clerk']);
  const [pin, setPin] = useState('');
  useEffect(() => () => setError(null), [setError]);

  const change = (): StaffChangeInput =>
    draft.kind === 'add' ? { kind: 'add', staffId: staffId.trim(), displayName: name.trim(), roles }
      : draft.kind === 'setRoles' ? { kind: 'setRoles', staffId: draft.member.staffId, roles }
        : { kind: draft.kind, staffId: draft.member.staffId };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = pin;
    setPin('');
    if (await propose(proposerId, typed, change())) onDone();
  };
  // 委託職員 is a login of its own (main refuses it combined): picking it clears the others, and the reverse.
  const toggle = (r: StaffRole) => setRoles((now) => {
    if (now.includes(r)) return now.filter((x) => x !== r);
    return r === 'contractor' ? ['contractor'] : [...now.filter((x) => x !== 'contractor'), r];
  });
  const ready = !busy && pin.length >= 6 && roles.length > 0 && (draft.kind !== 'add' || (staffId.trim().length >= 2 && name.trim() !== ''));

  return (
    <section className="panel sa-change" aria-labelledby="sa-propose-title" data-testid="staff-propose">
      <h2 id="sa-propose-title">{t('staffAdmin.propose.title', { kind: t(`staffAdmin.kind.${draft.kind}`) })}</h2>
      <p className="sa-step">{t('staffAdmin.propose.step')}</p>
      <ErrorLine error={error} testId="staff-error" />
      <form className="sa-form" onSubmit={(e) => void submit(e)}>
        {member && (
          <dl className="sa-facts wide">
            <div><dt>{t('staffAdmin.propose.subject')}</dt><dd>{member.displayName}（{member.staffId}）</dd></div>
            <div><dt>{t('staffAdmin.confirm.rolesBefore')}</dt><dd>{roleText(t, member.roles)}</dd></div>
          </dl>
        )}
        {draft.kind === 'add' && (
          <>
            <Field id="sa-new-id" label={t('staffAdmin.propose.staffId')} hint={t('staffAdmin.propose.staffIdHint')}>
              {(c) => <input {...c} className="id-input" autoComplete="off" spellCheck={false} maxLength={32} value={staffId} onChange={(e) => setStaffId(e.target.value)} autoFocus />}
            </Field>
            <Field id="sa-new-name" label={t('staffAdmin.propose.name')}>
              {(c) => <input {...c} className="text-input" autoComplete="off" spellCheck={false} maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
          </>
        )}
        {(draft.kind === 'add' || draft.kind === 'setRoles') && (
          <fieldset className="sa-roles-pick wide">
            <legend>{t('staffAdmin.propose.roles')}</legend>
            {STAFF_ROLES.map((r, i) => (
              <label key={r}>
                <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(r)} autoFocus={draft.kind === 'setRoles' && i === 0} />
                {t(`staffAdmin.role.${r}`)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="field">
          <span className="field-label">{t('staffAdmin.propose.proposer')}</span>
          <strong className="sa-proposer">{session?.displayName}（{proposerId}）</strong>
        </div>
        <PinField id="sa-proposer-pin" label={t('staffAdmin.propose.pin')} value={pin} onChange={setPin} autoFocus={draft.kind !== 'add' && draft.kind !== 'setRoles'} />
        <div className="um-actions">
          <ActionButton type="submit" id="sa-propose-go" disabled={!ready} disabledReason={busy ? undefined : t('staffAdmin.propose.disabled')}>{t('staffAdmin.propose.submit')}</ActionButton>
          <button type="button" className="btn btn-secondary" onClick={onDone}>{t('staffAdmin.propose.cancel')}</button>
        </div>
      </form>
    </section>
  );
}

/**
 * Step 2, at the same terminal: a different person reads the change in words and the check code, then types
 * their own id + PIN. Where the change needs it, the member concerned types their (new) PIN themselves, and
 * a new lead wrap needs a lead's PIN or IT's recovery key (docs/staff.md). Every secret field is cleared
 * after each call, whatever the answer.
 */
export function ConfirmPanel() {
  const { t } = useTranslation();
  const { pending: p, confirm, cancel, busy, error, setError } = useStaffAdmin();
  const [confirmerId, setConfirmerId] = useState('');
  const [confirmerPin, setConfirmerPin] = useState('');
  const [subjectPin, setSubjectPin] = useState('');
  const [subjectAgain, setSubjectAgain] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [left, setLeft] = useState(p?.expiresInSeconds ?? 0);
  const idRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(tick);
  }, []);
  if (!p) return null;
  const newPin = p.kind === 'add' || p.kind === 'resetPin';
  const params = {
    name: p.subjectName, id: p.subjectId, failed: p.subjectFailedCount,
    before: roleText(t, p.rolesBefore), after: roleText(t, p.rolesAfter),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = { confirmerPin, subjectPin, subjectAgain, recoveryKey };
    setConfirmerPin('');
    setSubjectPin('');
    setSubjectAgain('');
    setRecoveryKey('');
    if (p.needsSubjectPin && newPin && typed.subjectPin !== typed.subjectAgain) {
      setError(PIN_MISMATCH);
      return;
    }
    const ok = await confirm({
      confirmerId: confirmerId.trim(), confirmerPin: typed.confirmerPin,
      ...(p.needsSubjectPin && { subjectPin: typed.subjectPin }),
      ...(p.needsSealAuthority && typed.recoveryKey.trim() !== '' && { recoveryKey: typed.recoveryKey.trim() }),
    });
    if (!ok) idRef.current?.focus();
  };
  const ready = !busy && left > 0 && confirmerId.trim() !== '' && confirmerPin.length >= 6 && (!p.needsSubjectPin || subjectPin.length >= 6);

  return (
    <section className="panel sa-change" aria-labelledby="sa-confirm-title" data-testid="staff-confirm">
      <h2 id="sa-confirm-title">{t('staffAdmin.confirm.title', { kind: t(`staffAdmin.kind.${p.kind}`) })}</h2>
      <p className="sa-step">{t('staffAdmin.confirm.step')}</p>
      <p className="sa-summary" data-testid="staff-summary">{t(`staffAdmin.summary.${p.kind}`, params)}</p>
      <dl className="sa-facts">
        <div><dt>{t('staffAdmin.confirm.proposer')}</dt><dd data-testid="staff-proposer">{p.proposerName}（{p.proposerId}）</dd></div>
        <div><dt>{t('staffAdmin.confirm.subject')}</dt><dd>{p.subjectName}（{p.subjectId}）</dd></div>
        {p.rolesBefore && <div><dt>{t('staffAdmin.confirm.rolesBefore')}</dt><dd>{params.before}</dd></div>}
        {p.rolesAfter && <div><dt>{t('staffAdmin.confirm.rolesAfter')}</dt><dd>{params.after}</dd></div>}
        <div className="sa-code-row">
          <dt>{t('staffAdmin.confirm.code')}</dt>
          <dd><span className="sa-code" data-testid="staff-check-code">{p.checkCode}</span></dd>
        </div>
      </dl>
      <p className="muted">{t('staffAdmin.confirm.codeHint')} {t('staffAdmin.confirm.expires', { minutes: Math.ceil(left / 60) })}</p>
      <ErrorLine error={error} testId="staff-error" />
      <form className="sa-form" onSubmit={(e) => void submit(e)}>
        <Field id="sa-confirmer-id" label={t('staffAdmin.confirm.confirmerId')}>
          {(c) => <input ref={idRef} {...c} className="id-input" autoComplete="off" spellCheck={false} maxLength={32} value={confirmerId} onChange={(e) => setConfirmerId(e.target.value)} autoFocus />}
        </Field>
        <PinField id="sa-confirmer-pin" label={t('staffAdmin.confirm.confirmerPin')} value={confirmerPin} onChange={setConfirmerPin} />
        {p.needsSubjectPin && (
          <fieldset className="sa-subject">
            <legend className="sa-label">{p.subjectName}（{p.subjectId}）</legend>
            <PinField
              id="sa-subject-pin" value={subjectPin} onChange={setSubjectPin} hint={t('staffAdmin.confirm.subjectHint')}
              label={t(newPin ? 'staffAdmin.confirm.subjectNewPin' : 'staffAdmin.confirm.subjectCurrentPin', { name: p.subjectName })}
            />
            {newPin && <PinField id="sa-subject-again" label={t('staffAdmin.confirm.subjectNewPinAgain')} value={subjectAgain} onChange={setSubjectAgain} />}
          </fieldset>
        )}
        {p.needsSealAuthority && (
          <Field id="sa-recovery" className="sa-seal" label={t('staffAdmin.confirm.recoveryKey')} required={false} hint={t('staffAdmin.confirm.seal')}>
            {(c) => <input {...c} className="text-input" type="password" autoComplete="off" spellCheck={false} maxLength={80} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />}
          </Field>
        )}
        <div className="um-actions">
          <ActionButton type="submit" id="sa-confirm-go" disabled={!ready} disabledReason={busy ? undefined : left <= 0 ? t('staffAdmin.confirm.expired') : t('staffAdmin.confirm.disabled')}>{t('staffAdmin.confirm.submit')}</ActionButton>
          <button type="button" className="btn btn-secondary" onClick={() => void cancel()}>{t('staffAdmin.confirm.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
