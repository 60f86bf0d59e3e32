import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePolicyStore } from './policyStore';
import { formatClock } from '../ui/format';

/** The polite refusal, to be read aloud as written, and what became of the record. */
export function PhotoRefusalDialog() {
  const { t, i18n } = useTranslation();
  const photo = usePolicyStore((s) => s.photo);
  const close = usePolicyStore((s) => s.closePhotoDialog);
  const ref = useRef<HTMLDialogElement>(null);
  const open = photo.phase !== 'closed';

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={ref} className="refusal" aria-labelledby="refusal-title" onCancel={close} data-testid="refusal-dialog">
      <h2 id="refusal-title">{t('policy.refusal.title')}</h2>
      <p className="refusal-how">{t('policy.refusal.how')}</p>
      <blockquote className="refusal-script" lang="ja" data-testid="refusal-script">
        <p>申し訳ございません。個人情報保護のため、書類や画面の撮影はお断りしております。</p>
        <p>必要な内容は、お渡しする書類でご確認いただけます。ご理解とご協力をお願いいたします。</p>
      </blockquote>
      <details className="refusal-en" open={i18n.language === 'en'}>
        <summary>{t('policy.refusal.englishLabel')}</summary>
        <blockquote lang="en">
          <p>We are sorry, but to protect personal information, we cannot allow photographs of documents or screens.</p>
          <p>You can check what you need on the documents we hand you. Thank you for your understanding.</p>
        </blockquote>
      </details>
      <p className="refusal-insist">{t('policy.refusal.ifInsisted')}</p>
      <p className={`refusal-record is-${photo.phase}`} role="status" data-testid="photo-record">
        {photo.phase === 'recording' && t('policy.refusal.recording')}
        {photo.phase === 'recorded' && t('policy.refusal.recorded', { ref: photo.ref, time: formatClock(photo.recordedAt) })}
        {photo.phase === 'failed' && t('policy.refusal.failed')}
      </p>
      <div className="refusal-actions">
        <button type="button" className="btn" onClick={close} autoFocus>
          {t('policy.refusal.close')}
        </button>
      </div>
    </dialog>
  );
}
