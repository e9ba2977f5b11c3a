import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/i18n/translate';
import { archiveUi } from './archive';
import { accountabilityUi } from './accountability';
import { exportUi } from './export';
import { signInUi } from './signIn';
import { statsUi } from './stats';
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

/** Screen texts, each area's own file (renderer/i18n/*.ts). */
const SCREEN_PARTS: Record<Locale, Record<string, string>>[] = [
  ui,
  syncUi,
  exportUi,
  archiveUi,
  signInUi,
  statsUi,
  accountabilityUi,
  reportUi,
];

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(
    LOCALES.map((l) => [l, { translation: Object.assign({}, catalogs[l], ...SCREEN_PARTS.map((part) => part[l])) }]),
  ),
  lng: savedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
