import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/i18n/translate';
import { exportUi } from './export';
import { reportUi } from './report';
import { syncUi } from './sync';
import { ui } from './ui';

const STORAGE_KEY = 'countersign.locale';

export function savedLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : DEFAULT_LOCALE;
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(
    LOCALES.map((l) => [l, { translation: { ...catalogs[l], ...ui[l], ...syncUi[l], ...exportUi[l], ...reportUi[l] } }]),
  ),
  lng: savedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
