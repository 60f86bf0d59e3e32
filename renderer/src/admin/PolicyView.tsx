import { useTranslation } from 'react-i18next';
import { DEFAULT_CAMERA_POLICY, type CameraPolicy } from '../../../shared/policy/cameraPolicy';
import { usePolicyStore } from '../policy/policyStore';
import { message } from '../policy/PolicyStatus';
import { PolicyChange } from './PolicyChange';

const ROWS: (keyof CameraPolicy)[] = ['photography', 'contentProtection', 'permissions', 'printUnmasked', 'copyUnmasked', 'noPhotoBanner', 'customerDisplayNotice', 'idleLockSeconds', 'unmaskGrantTtlSeconds', 'maskedFields', 'label'];

/**
 * Admin screen section: the policy in force, field by field, and where it came from (SPEC F5). `readOnly` is the
 * first-run setup's review step: there the policy cannot be changed, so neither the change form nor a way back
 * to the start screen is offered (the step's own button is the one action).
 */
export function PolicyView({ readOnly = false }: { readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const { effective, show } = usePolicyStore();
  if (!effective) return null;
  const p = effective.policy;
  const value = (k: keyof CameraPolicy): string => {
    const v = p[k];
    if (k === 'idleLockSeconds' || k === 'unmaskGrantTtlSeconds') return t('policy.view.seconds', { n: v as number });
    if (k === 'maskedFields') return (v as string[]).map((f) => t(`policy.fields.${f}`)).join('、');
    if (k === 'label') return (v as string) || t('policy.view.none');
    return t(`policy.view.values.${k}`);
  };
  return (
    <div className="policy-view">
      <section className="panel" aria-labelledby="pv-title" data-testid="policy-view">
        <h2 id="pv-title">{t('policy.view.title')}</h2>
        <p className={effective.state === 'ok' ? undefined : 'policy-fallback'}>{message(effective, i18n.language)}</p>
        <dl className="facts facts-col">
          <div><dt>{t('policy.view.source')}</dt><dd data-testid="pv-source">{t(`policy.source.${effective.source}`)}</dd></div>
          <div><dt>{t('policy.view.state')}</dt><dd data-testid="pv-state">{t(`policy.state.${effective.state}`)}</dd></div>
          <div><dt>{t('policy.view.revision')}</dt><dd>{effective.revision || t('policy.view.none')}</dd></div>
          <div><dt>{t('policy.view.path')}</dt><dd className="code">{effective.path}</dd></div>
        </dl>
        <table className="policy-table">
          <thead><tr><th scope="col">{t('policy.view.field')}</th><th scope="col">{t('policy.view.value')}</th><th scope="col">{t('policy.view.rule')}</th></tr></thead>
          <tbody>
            {ROWS.map((k) => (
              <tr key={k} data-field={k}>
                <th scope="row">{t(`policy.view.names.${k}`)}</th>
                <td>{value(k)}{isStricter(k, p) && <span className="stricter"> {t('policy.view.stricter')}</span>}</td>
                <td className="muted">{t(`policy.view.rules.${k}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('policy.view.howToChange')}</p>
      </section>
      {!readOnly && <PolicyChange current={p} />}
      {!readOnly && <button type="button" className="btn btn-secondary" onClick={() => show('start')}>{t('policy.back')}</button>}
    </div>
  );
}

function isStricter(k: keyof CameraPolicy, p: CameraPolicy): boolean {
  if (k === 'idleLockSeconds' || k === 'unmaskGrantTtlSeconds') return p[k] < DEFAULT_CAMERA_POLICY[k];
  if (k === 'maskedFields') return p.maskedFields.length > DEFAULT_CAMERA_POLICY.maskedFields.length;
  return false;
}
