import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PolicyView } from '../admin/PolicyView';
import { usePolicyStore } from '../policy/policyStore';
import { useSetupStore } from './setupStore';

/** Step 3: the effective policy, read-only (policy:effective); changing it is a two-administrator act elsewhere. */
export function PolicyStep() {
  const { t } = useTranslation();
  const { call, busy } = useSetupStore();
  const loadPolicy = usePolicyStore((s) => s.loadPolicy);
  useEffect(() => void loadPolicy(), [loadPolicy]);
  return (
    <div className="setup-policy" data-testid="setup-policy">
      <p>{t('setup.policy.lead')}</p>
      <PolicyView readOnly />
      <button type="button" className="btn" disabled={busy} onClick={() => void call('setup:reviewPolicy', {})} data-testid="policy-reviewed">{t('setup.policy.ok')}</button>
    </div>
  );
}
