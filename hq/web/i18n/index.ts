import { catalogs, DEFAULT_LOCALE, isLocale, LOCALES, translate, type Locale } from '../../../shared/i18n/translate';
import { caseQueryMessages } from '../../cases';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';
import { zhTW } from './zh-TW';

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, type MessageKey };

const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** Each language's name in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The HQ page's translator for one language: `{name}` in a message is replaced by params.name. */
export function translatorFor(locale: Locale): T {
  return (key, params = {}) => MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/**
 * A value's word from the branch's own catalogue (shared/i18n: states, channels, categories, events…),
 * e.g. enumWord('en', 'state', 'archived') → "Archived"; a value it has no word for is shown as it is.
 */
export function enumWord(locale: Locale, group: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value ?? '');
  const key = `${group}.${text}`;
  if (Object.hasOwn(caseQueryMessages[locale], key)) return caseQueryMessages[locale][key]!; // outcome.*
  return Object.hasOwn(catalogs[locale], key) ? catalogs[locale][key]! : text;
}

/** A text of the branch's own catalogue (shared/i18n) by its key; a key it does not hold is shown as it is. */
export function catalogWord(locale: Locale, key: string): string {
  return Object.hasOwn(catalogs[locale], key) ? catalogs[locale][key]! : key;
}

/**
 * The text of a message key from the shared schemas (zod issues: `errors.*` of shared/i18n, or
 * `hq.cases.errors.*` of hq/cases/messages.ts); an unknown key reads as the generic bad-request text.
 */
export function messageText(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  if (Object.hasOwn(caseQueryMessages[locale], key)) return caseQueryMessages[locale][key]!;
  if (Object.hasOwn(catalogs[locale], key)) return translate(locale, key, params);
  return translatorFor(locale)('error.badRequest');
}

/** The language of a request: ?lang=, else the cookie, else the first supported one Accept-Language names, else zh-CN. */
export function chooseLocale(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
