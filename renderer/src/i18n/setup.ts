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

export default i18n;
