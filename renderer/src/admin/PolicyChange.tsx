/**
 * Changing the camera policy at the terminal (SPEC F5): administrator A proposes within the bounds with
 * their own staff id and PIN; administrator B, standing at the same terminal, sees exactly what changes
 * (before → after) and the check code, and approves with their own staff id and PIN. Who may do what is
 * decided in main; this screen only makes the two steps plain. PINs live in this component until sent.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import { DEFAULT_MASKED_FIELDS, MASKABLE_FIELDS, POLICY_BOUNDS, type CameraPolicy, type MaskableField } from '../../../shared/policy/cameraPolicy';
import type { PolicyProposalView } from '../../../shared/ipc/policyChange';
import { usePolicyStore } from '../policy/policyStore';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime } from '../ui/format';
import './policyChangeStrings';
import './policyChange.css';

const FIXED = ['photography', 'contentProtection', 'permissions', 'printUnmasked', 'copyUnmasked', 'noPhotoBanner', 'customerDisplayNotice'] as const;
const UNREACHABLE: AppErrorInfo = { code: 'E_IPC_UNREACHABLE', ja: 'アプリの内部で通信できませんでした。', en: 'The app could not complete the request.' };

type Step = { kind: 'idle' } | { kind: 'propose' } | { kind: 'approve'; proposal: PolicyProposalView } | { kind: 'done'; revision: number; restartNeeded: boolean };

export function PolicyChange({ current }: { current: CameraPolicy }) {
  const { t } = useTranslation();
  const loadPolicy = usePolicyStore((s) => s.loadPolicy);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<AppErrorInfo | null>(null);

  const refresh = useCallback(async () => {
    try {
      const res = await window.countershield.invoke('policy:pending', {});
      if (res.ok) setStep(res.value.proposal ? { kind: 'approve', proposal: res.value.proposal } : (s) => (s.kind === 'approve' ? { kind: 'idle' } : s));
    } catch {
      setError(UNREACHABLE);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  // A proposal nobody approves in time disappears from the screen when it expires, not only in main.
  const expiresAt = step.kind === 'approve' ? step.proposal.expiresAt : null;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(() => {
      setError({ code: 'E_POLICY_PROPOSAL_EXPIRED', ja: t('policyChange.expired'), en: 'The proposal expired.' });
      void refresh();
    }, Math.max(0, Date.parse(expiresAt) - Date.now() + 500));
    return () => clearTimeout(timer);
  }, [expiresAt, refresh, t]);

  return (
    <section className="panel policy-change" aria-labelledby="pc-title" data-testid="policy-change">
      <h2 id="pc-title">{t('policyChange.title')}</h2>
      <p>{t('policyChange.intro')}</p>
      {step.kind === 'idle' && (
        <button type="button" className="btn" onClick={() => { setError(null); setStep({ kind: 'propose' }); }}>{t('policyChange.start')}</button>
      )}
      {step.kind === 'propose' && (
        <ProposeForm current={current} onCancel={() => setStep({ kind: 'idle' })} onError={setError}
          onProposed={(proposal) => { setError(null); setStep({ kind: 'approve', proposal }); }} />
      )}
      {step.kind === 'approve' && (
        <ApproveForm proposal={step.proposal} onError={(e) => { setError(e); if (e.code === 'E_POLICY_PROPOSAL_EXPIRED' || e.code === 'E_POLICY_NO_PROPOSAL' || e.code === 'E_POLICY_STALE') void refresh(); }}
          onApproved={(revision, restartNeeded) => { setError(null); setStep({ kind: 'done', revision, restartNeeded }); void loadPolicy(); }} />
      )}
      {/* Under the button that was pressed, where the eye is (issue 23: it sat above the form, off screen). */}
      <ErrorMessage error={error} testId="pc-error" />
      {step.kind === 'done' && (
        <div role="status" className="pc-done" data-testid="pc-done">
          <p><strong>{t('policyChange.approved', { revision: step.revision })}</strong></p>
          {step.restartNeeded && <p>{t('policyChange.approvedRestart')}</p>}
        </div>
      )}
    </section>
  );
}

function ProposeForm({ current, onCancel, onProposed, onError }: { current: CameraPolicy; onCancel(): void; onProposed(p: PolicyProposalView): void; onError(e: AppErrorInfo): void }) {
  const { t } = useTranslation();
  const [idle, setIdle] = useState(String(current.idleLockSeconds));
  const [ttl, setTtl] = useState(String(current.unmaskGrantTtlSeconds));
  const [masked, setMasked] = useState<MaskableField[]>([...current.maskedFields]);
  const [label, setLabel] = useState(current.label);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await window.countershield.invoke('policy:propose', {
        staffId: staffId.trim(), pin,
        change: { idleLockSeconds: Number(idle), unmaskGrantTtlSeconds: Number(ttl), maskedFields: masked, label },
      });
      if (res.ok) onProposed(res.value);
      else onError(res.error);
    } catch {
      onError(UNREACHABLE);
    } finally {
      setPin('');
      setBusy(false);
    }
  };
  const toggle = (f: MaskableField) => setMasked((m) => (m.includes(f) ? m.filter((x) => x !== f) : [...m, f]));
  const isDefault = (f: MaskableField) => (DEFAULT_MASKED_FIELDS as readonly string[]).includes(f);

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="pc-propose">
      <h3>{t('policyChange.step1')}</h3>
      <div className="pc-columns">
        <fieldset className="pc-fieldset">
          <legend>{t('policyChange.changeable')}</legend>
          <div className="pc-row">
            <Field id="pc-idle" label={t('policyChange.idle')} hint={t('policyChange.idleHint')}>
              {(c) => <input {...c} type="number" inputMode="numeric" min={POLICY_BOUNDS.idleLockSeconds.min} max={POLICY_BOUNDS.idleLockSeconds.max} step={1} required value={idle} onChange={(e) => setIdle(e.target.value)} />}
            </Field>
          </div>
          <div className="pc-row">
            <Field id="pc-ttl" label={t('policyChange.ttl')} hint={t('policyChange.ttlHint')}>
              {(c) => <input {...c} type="number" inputMode="numeric" min={POLICY_BOUNDS.unmaskGrantTtlSeconds.min} max={POLICY_BOUNDS.unmaskGrantTtlSeconds.max} step={1} required value={ttl} onChange={(e) => setTtl(e.target.value)} />}
            </Field>
          </div>
          <fieldset className="pc-masked" aria-describedby="pc-masked-hint">
            <legend>{t('policyChange.masked')}</legend>
            <p id="pc-masked-hint" className="muted">{t('policyChange.maskedHint')}</p>
            <div className="pc-checks">
              {MASKABLE_FIELDS.map((f) => (
                <label key={f} className="pc-check">
                  <input type="checkbox" checked={masked.includes(f)} disabled={isDefault(f)} onChange={() => toggle(f)} data-field={f} />
                  {t(`policy.fields.${f}`)}{isDefault(f) && <span className="muted">（{t('policyChange.fixedField')}）</span>}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="pc-row">
            <Field id="pc-label" label={t('policyChange.label')} required={false}>
              {(c) => <input {...c} type="text" maxLength={80} value={label} onChange={(e) => setLabel(e.target.value)} />}
            </Field>
          </div>
        </fieldset>
        <div>
          <h4>{t('policyChange.fixed')}</h4>
          <ul className="pc-fixed">
            {FIXED.map((k) => (
              <li key={k}><strong>{t(`policy.view.names.${k}`)}: {t(`policy.view.values.${k}`)}</strong> — {t(`policyChange.fixedReasons.${k}`)}</li>
            ))}
          </ul>
        </div>
      </div>
      <PinPair idPrefix="pc-proposer" idLabel={t('policyChange.proposerId')} pinLabel={t('policyChange.proposerPin')} staffId={staffId} pin={pin} setStaffId={setStaffId} setPin={setPin} />
      <div className="pc-actions">
        <ActionButton type="submit" id="pc-propose-go" disabled={busy || !staffId || pin.length < 6} disabledReason={busy ? undefined : t('policyChange.pinDisabled')}>{busy ? t('policyChange.proposing') : t('policyChange.propose')}</ActionButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>{t('policyChange.cancel')}</button>
      </div>
    </form>
  );
}

function ApproveForm({ proposal, onApproved, onError }: { proposal: PolicyProposalView; onApproved(revision: number, restartNeeded: boolean): void; onError(e: AppErrorInfo): void }) {
  const { t, i18n } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const show = (field: string, v: number | string | string[]): string => {
    if (Array.isArray(v)) return v.map((f) => t(`policy.fields.${f}`)).join('、');
    if (typeof v === 'number') return t('policyChange.seconds', { n: v });
    return v || t('policyChange.none');
  };
  const time = formatDateTime(proposal.expiresAt, i18n.language);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // The approval names the hash this screen showed: main refuses it if the proposal is any other.
      const res = await window.countershield.invoke('policy:approve', { proposalId: proposal.proposalId, policyHash: proposal.policyHash, staffId: staffId.trim(), pin });
      if (res.ok) onApproved(res.value.revision, res.value.restartNeeded);
      else onError(res.error);
    } catch {
      onError(UNREACHABLE);
    } finally {
      setPin('');
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="pc-approve">
      <h3>{t('policyChange.step2')}</h3>
      <dl className="facts pc-facts">
        <div><dt>{t('policyChange.proposedBy')}</dt><dd data-testid="pc-proposer">{proposal.proposedBy}</dd></div>
        <div><dt>{t('policyChange.checkCode')}</dt><dd className="pc-code" data-testid="pc-check-code">{proposal.checkCode}</dd></div>
        <div><dt>{t('policyChange.expires')}</dt><dd>{t('policyChange.expiresAt', { time })}</dd></div>
      </dl>
      <p className="muted">{t('policyChange.checkCodeHint')}</p>
      <table className="policy-table pc-diff" data-testid="pc-diff">
        <caption>{t('policyChange.changes')}</caption>
        <thead><tr><th scope="col">{t('policyChange.field')}</th><th scope="col">{t('policyChange.before')}</th><th scope="col" aria-hidden="true" className="pc-arrow"></th><th scope="col">{t('policyChange.after')}</th></tr></thead>
        <tbody>
          {proposal.changes.map((c) => (
            <tr key={c.field} data-field={c.field}>
              <th scope="row">{t(`policy.view.names.${c.field}`)}</th>
              <td className="pc-before">{show(c.field, c.before)}</td>
              <td aria-hidden="true" className="pc-arrow">→</td>
              <td className="pc-after">{show(c.field, c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {proposal.restartNeeded && <p className="pc-restart">{t('policyChange.restart')}</p>}
      <PinPair idPrefix="pc-approver" idLabel={t('policyChange.approverId')} pinLabel={t('policyChange.approverPin')} staffId={staffId} pin={pin} setStaffId={setStaffId} setPin={setPin} />
      <div className="pc-actions">
        <ActionButton type="submit" id="pc-approve-go" disabled={busy || !staffId || pin.length < 6} disabledReason={busy ? undefined : t('policyChange.pinDisabled')}>{busy ? t('policyChange.approving') : t('policyChange.approve')}</ActionButton>
      </div>
    </form>
  );
}

function PinPair(p: { idPrefix: string; idLabel: string; pinLabel: string; staffId: string; pin: string; setStaffId(v: string): void; setPin(v: string): void }) {
  return (
    <div className="pc-pin">
      <Field id={`${p.idPrefix}-id`} label={p.idLabel}>
        {(c) => <input {...c} type="text" autoComplete="off" maxLength={32} value={p.staffId} onChange={(e) => p.setStaffId(e.target.value)} />}
      </Field>
      <Field id={`${p.idPrefix}-pin`} label={p.pinLabel}>
        {(c) => <input {...c} type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={p.pin} onChange={(e) => p.setPin(e.target.value.replace(/\D/g, ''))} />}
      </Field>
    </div>
  );
}
