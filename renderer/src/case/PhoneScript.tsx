import { useTranslation } from 'react-i18next';
import { useCaseStore } from './caseStore';

/**
 * The phone refusal (SPEC F19; 浜田市, 日立市: callers posing as relatives got addresses). The clerk reads these
 * lines and nothing else; one click records that it happened, like a photo request, with a reference to quote.
 */
export function PhoneScript() {
  const { t } = useTranslation();
  const { view, refusalRef, phoneRefusal } = useCaseStore();
  if (!view || view.channel !== 'phone') return null;
  const lines = t('case.phone.lines', { returnObjects: true }) as string[];
  return (
    <section className="phone-script" aria-labelledby="phone-script-title" data-testid="phone-script">
      <h3 id="phone-script-title">{t('case.phone.title')}</h3>
      <p className="muted">{t('case.phone.intro')}</p>
      <ol>{lines.map((l) => <li key={l}>「{l}」</li>)}</ol>
      <button type="button" className="btn btn-secondary" onClick={() => void phoneRefusal()} data-testid="phone-refusal">{t('case.phone.record')}</button>
      {refusalRef && <p role="status" className="phone-recorded">{t('case.phone.recorded')} <small className="record-code">{t('case.phone.ref', { ref: refusalRef })}</small></p>}
    </section>
  );
}
