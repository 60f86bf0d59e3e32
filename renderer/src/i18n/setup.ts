/** Japanese first (SPEC: all screens, messages, errors), English second. Resources are bundled: no network. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja';
import { en } from './en';

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: 'ja',
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Screen readers and the browser's own text handling (line breaking, font choice) follow <html lang>: it must follow
// the language toggle, not stay 「ja」 while the screen is English (issue 23, WCAG 3.1.1).
const followLanguage = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng === 'en' ? 'en' : 'ja';
};
i18n.on('languageChanged', followLanguage);
followLanguage(i18n.language ?? 'ja');

export default i18n;
