import { useTranslation } from 'react-i18next';
import type { EffectivePolicy } from '../../../shared/policy/cameraPolicy';
import { usePolicyStore } from './policyStore';

/** Start-screen panel: which camera policy is in force; a banner whenever it fell back to the defaults. */
export function PolicyStatus() {
  const { t, i18n } = useTranslation();
  const { effective, error, show } = usePolicyStore();
  if (error) return <p className="lock-problem" role="alert">{t('policy.status.loadFailed')}</p>;
  if (!effective) return null;
  const fellBack = effective.state !== 'ok';
  return (
    <section
      className={`panel ${fellBack ? (effective.state === 'tampered' ? 'panel-error' : 'panel-notice') : ''}`}
      aria-labelledby="policy-title"
      data-testid="policy-status"
      data-state={effective.state}
    >
      <h2 id="policy-title">{t('policy.status.title')}</h2>
      <p className={fellBack ? 'policy-fallback' : undefined}>{message(effective, i18n.language)}</p>
      <p className="muted">
        {t(`policy.source.${effective.source}`)}
        {effective.source === 'file' && ` · ${t('policy.status.revision', { revision: effective.revision })}`}
      </p>
      <div className="policy-links">
        <button type="button" className="btn btn-secondary" onClick={() => show('policy')}>{t('policy.status.openView')}</button>
        <button type="button" className="btn btn-secondary" onClick={() => show('demo-case')}>{t('policy.status.openDemo')}</button>
      </div>
    </section>
  );
}

/** The top-of-screen strip when the defaults are in force because the file could not be used. */
export function PolicyFallbackBanner() {
  const { t, i18n } = useTranslation();
  const effective = usePolicyStore((s) => s.effective);
  if (!effective || effective.state === 'ok') return null;
  const severe = effective.state === 'tampered' || effective.state === 'unreadable' || effective.state === 'invalid';
  return (
    // Missing/unverified is the normal state of a terminal being set up (status); a file that exists
    // but cannot be trusted is an incident (alert).
    <div className={`policy-banner ${severe ? 'is-severe' : ''}`} role={severe ? 'alert' : 'status'} data-testid="policy-fallback-banner">
      <strong>{t('policy.status.title')}: {t(`policy.state.${effective.state}`)}</strong>
      <span>{message(effective, i18n.language)}</span>
    </div>
  );
}

export function message(p: EffectivePolicy, language: string): string {
  return language === 'en' ? p.messageEn : p.messageJa;
}
