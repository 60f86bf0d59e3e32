import { useTranslation } from 'react-i18next';
import { NoPhotoBanner } from './NoPhotoBanner';
import { usePolicyStore } from './policyStore';
import { LockGlyph } from '../ui/LockGlyph';

/**
 * A fictional protected case for training and the e2e run: how the counter looks while a protected
 * case is open. Every value here is made up and labelled as an example; the real forms (issue 6)
 * mount <NoPhotoBanner/> and mark granted values with data-unmasked the same way.
 */
export function DemoCase() {
  const { t } = useTranslation();
  const show = usePolicyStore((s) => s.show);
  return (
    <div className="demo-case">
      <NoPhotoBanner />
      <section className="panel" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('policy.demo.title')}</h2>
        <p className="muted">{t('policy.demo.note')}</p>
        <dl className="demo-fields">
          <div><dt>{t('policy.demo.receipt')}</dt><dd data-testid="demo-plain">R7-0001</dd></div>
          <div><dt>{t('policy.demo.address')}</dt><dd className="masked"><LockGlyph /><strong>{t('policy.demo.masked')}</strong> <span aria-hidden="true">●●●●●●●●</span></dd></div>
          <div>
            <dt>{t('policy.demo.katagaki')}</dt>
            <dd data-unmasked="" data-testid="demo-unmasked">{t('policy.demo.katagakiValue')}</dd>
          </div>
        </dl>
      </section>
      <button type="button" className="btn btn-secondary" onClick={() => show('start')}>{t('policy.back')}</button>
    </div>
  );
}
