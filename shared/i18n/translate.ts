import i18next, { type i18n } from 'i18next';
import { accountabilityMessages } from '../accountability/messages';
import { deadlineMessages } from '../deadlines/messages';
import { authMessages } from '../api/authMessages';
import { archiveMessages } from '../archive/messages';
import { statsMessages } from '../stats/messages';
import { reportMessages } from '../reports/messages';
import { en } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The store's and the screens' shared messages: the catalogs, then each area's own. */
const MESSAGE_PARTS: Record<Locale, Record<string, string>>[] = [
  deadlineMessages,
  authMessages,
  archiveMessages,
  statsMessages,
  accountabilityMessages,
  reportMessages,
];

export const catalogs: Record<Locale, Record<string, string>> = {
  'zh-CN': Object.assign({}, zhCN, ...MESSAGE_PARTS.map((m) => m['zh-CN'])),
  'zh-TW': Object.assign({}, zhTW, ...MESSAGE_PARTS.map((m) => m['zh-TW'])),
  en: Object.assign({}, en, ...MESSAGE_PARTS.map((m) => m.en)),
};

let instance: i18n | null = null;

function translator(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogs[l] }])),
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      initAsync: false,
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
    });
  }
  return instance;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', 'zh-TW': '、', en: ', ' };

/**
 * Translates a message key. Parameters that are themselves keys (e.g. `state.registered`, or a
 * comma-separated list of `missing.*` keys) are translated too, so domain errors stay data.
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const t = translator().getFixedT(locale);
  const resolved: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.includes('.') && value.split(',').every((k) => k in catalogs[locale])) {
      resolved[name] = value
        .split(',')
        .map((k) => t(k))
        .join(LIST_SEPARATOR[locale]);
    } else {
      resolved[name] = value;
    }
  }
  return t(key, resolved);
}
