import { useTranslation } from 'react-i18next';
import { checkCode } from './checkCode';
import { useUnmaskStore } from './unmaskStore';

/** Between request and decision: the clerk calls the lead; waiting is the right thing to do. */
export function WaitingForLead() {
  const { t } = useTranslation();
  const { pending, openApproval, cancel } = useUnmaskStore();
  if (!pending) return null;
  return (
    <section className="panel panel-notice waiting" aria-live="polite" data-testid="unmask-waiting">
      <h2>{t('unmask.waitingTitle')}</h2>
      <p className="waiting-what">{t('unmask.waitingWhat', { id: pending.recordId, field: t(`unmask.fields.${pending.field}`) })}</p>
      <p className="waiting-body">{t('unmask.waitingBody')}</p>
      <p className="check-code">{t('unmask.code')}: <strong data-testid="clerk-check-code">{checkCode(pending.requestHash)}</strong></p>
      <div className="um-actions">
        <button type="button" className="btn btn-large" autoFocus onClick={() => openApproval(true)}>{t('unmask.approveHere')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => void cancel()}>{t('unmask.withdraw')}</button>
      </div>
    </section>
  );
}
