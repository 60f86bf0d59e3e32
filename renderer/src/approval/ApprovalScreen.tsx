import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorInfo } from '../../../shared/errors';
import type { RequestDescriptionView } from '../../../shared/ipc/unmask';
import { PinField } from '../login/PinField';
import { ActionButton, Field } from '../ui/Field';
import { ErrorMessage } from '../ui/ErrorMessage';
import '../unmask/strings';
import '../case/strings';
import { checkCode } from '../unmask/checkCode';
import './strings';
import './approval.css';

/**
 * The second operator (SPEC F4): the lead reads who asks, for which 管理番号, which field, why and for how
 * long — never the value — and approves or refuses with their own staff id and PIN. The approval carries
 * the hash of exactly what this screen showed; main refuses it if anything differs.
 */
export function ApprovalScreen({ requestId, onApproved, onRefused, onClosed }: { requestId: string; onApproved(grantId: string): void; onRefused(): void; onClosed(): void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<RequestDescriptionView | null>(null);
  const [error, setError] = useState<AppErrorInfo | null>(null);
  const [approverId, setApproverId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [left, setLeft] = useState(0);
  const idRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void window.countershield.invoke('unmask:describe', { requestId }).then((res) => {
      if (!live) return;
      if (res.ok) {
        setShown(res.value);
        setLeft(res.value.expiresInSeconds);
      } else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [requestId]);
  useEffect(() => {
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(tick);
  }, []);

  const decide = async (kind: 'approve' | 'refuse') => {
    if (!shown) return;
    const typed = pin;
    setPin('');
    setBusy(true);
    setError(null);
    try {
      const payload = { requestId: shown.requestId, requestHash: shown.requestHash, approverId: approverId.trim(), approverPin: typed };
      if (kind === 'approve') {
        const res = await window.countershield.invoke('unmask:approve', payload);
        if (res.ok) return onApproved(res.value.grantId);
        setError(res.error);
      } else {
        const res = await window.countershield.invoke('unmask:refuse', payload);
        if (res.ok) return onRefused();
        setError(res.error);
      }
    } finally {
      setBusy(false);
    }
    idRef.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void decide('approve');
  };
  const ready = shown !== null && approverId.trim() !== '' && pin.length >= 6 && !busy;

  return (
    <section className="panel approval" aria-labelledby="approval-title" data-testid="approval-screen">
      <h2 id="approval-title">{t('approval.title')}</h2>
      <p className="approval-lead">{t('approval.lead')}</p>
      {shown && (
        <dl className="approval-facts">
          <div><dt>{t('approval.requester')}</dt><dd data-testid="approval-requester">{shown.requesterName}（{shown.requesterId}）</dd></div>
          {shown.form && <div><dt>{t('approval.form')}</dt><dd data-testid="approval-form">{t(`case.form.${shown.form}`)}</dd></div>}
          {shown.applicantKind && <div><dt>{t('approval.applicantKind')}</dt><dd data-testid="approval-applicant-kind">{t(`case.applicantKind.${shown.applicantKind}`)}</dd></div>}
          {shown.caseReason && <div className="wide"><dt>{t('approval.caseReason')}</dt><dd data-testid="approval-case-reason">{shown.caseReason.split('+').map((k) => t(`approval.caseReasons.${k}`)).join('・')}</dd></div>}
          <div><dt>{t('approval.record')}</dt><dd data-testid="approval-record">{shown.recordId}</dd></div>
          <div><dt>{t('approval.field')}</dt><dd data-testid="approval-field">{t(`unmask.fields.${shown.field}`)}</dd></div>
          <div><dt>{t('approval.expires')}</dt><dd>{t('approval.expiresValue', { seconds: left })}</dd></div>
          <div className="wide"><dt>{t('approval.reason')}</dt><dd data-testid="approval-reason">{t(`unmask.reasons.${shown.reasonCode}`)}{shown.reasonText ? `：${shown.reasonText}` : ''}</dd></div>
          <div className="wide"><dt>{t('approval.duration')}</dt><dd>{t('approval.durationValue', { seconds: shown.ttlSeconds })}</dd></div>
          <div className="wide"><dt>{t('approval.code')}</dt><dd><span className="approval-code" data-testid="approval-check-code">{checkCode(shown.requestHash)}</span> <span className="muted">{t('approval.codeNote')}</span></dd></div>
        </dl>
      )}
      <form className="approval-form" onSubmit={submit}>
        <Field id="approver-id" label={t('approval.approverId')}>
          {(c) => <input ref={idRef} {...c} className="id-input" autoComplete="off" spellCheck={false} maxLength={32} value={approverId} onChange={(e) => setApproverId(e.target.value)} autoFocus />}
        </Field>
        <PinField id="approver-pin" label={t('approval.approverPin')} value={pin} onChange={setPin} />
        <div className="approval-error"><ErrorMessage error={error} testId="approval-error" /></div>
        <div className="um-actions">
          {/* Approve is the primary action; refusing is the other normal outcome, not a red alarm (issue 23). */}
          <ActionButton type="submit" id="approval-approve" disabled={!ready} disabledReason={busy ? undefined : t('approval.decideDisabled')}>{busy ? t('approval.busy') : t('approval.approve')}</ActionButton>
          <button type="button" className="btn btn-secondary" disabled={!ready} aria-describedby={!ready && !busy ? 'approval-approve-why' : undefined} onClick={() => void decide('refuse')}>{t('approval.refuse')}</button>
          <button type="button" className="btn btn-secondary" onClick={onClosed}>{t('approval.back')}</button>
        </div>
      </form>
    </section>
  );
}
