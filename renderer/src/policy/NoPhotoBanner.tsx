import { useTranslation } from 'react-i18next';
import { usePolicyStore } from './policyStore';
import { PhotoRefusalDialog } from './PhotoRefusalDialog';

/**
 * Shown while a protected case is open (SPEC F5). The forms screen mounts it with the case id; the
 * rule is one sentence, and the one action the clerk needs is one click away.
 */
export function NoPhotoBanner({ caseId }: { caseId?: string }) {
  const { t } = useTranslation();
  const photoRequested = usePolicyStore((s) => s.photoRequested);
  return (
    <section className="no-photo" role="region" aria-labelledby="no-photo-title" data-testid="no-photo-banner">
      <span className="no-photo-icon" aria-hidden="true">
        <svg viewBox="0 0 48 48" width="48" height="48">
          <rect x="6" y="14" width="36" height="24" rx="4" fill="none" stroke="currentColor" strokeWidth="4" />
          <circle cx="24" cy="26" r="7" fill="none" stroke="currentColor" strokeWidth="4" />
          <line x1="6" y1="42" x2="42" y2="8" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
        </svg>
      </span>
      <div className="no-photo-text">
        <h2 id="no-photo-title">{t('policy.banner.title')}</h2>
        <p>{t('policy.banner.rule')}</p>
      </div>
      <button type="button" className="btn btn-photo" onClick={() => void photoRequested(caseId)}>
        {t('policy.banner.action')}
      </button>
      <PhotoRefusalDialog />
    </section>
  );
}
