import { useTranslation } from 'react-i18next';
import { useAppStore } from './store';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const setLanguage = useAppStore((s) => s.setLanguage);
  const current = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <div className="lang" role="group" aria-label={t('language.label')}>
      {(['ja', 'en'] as const).map((lng) => (
        <button key={lng} type="button" className={`lang-btn${current === lng ? ' is-active' : ''}`} aria-pressed={current === lng} onClick={() => void setLanguage(lng)}>
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
