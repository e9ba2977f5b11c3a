/**
 * Where the screen language is kept, browser edition: the page's localStorage (there is no main
 * process and no machine settings). The desktop build resolves language.desktop.ts instead.
 */
import type { Locale } from '../../shared/i18n/translate';
import { rememberLocale, savedLocale } from '../i18n';

export async function loadLanguage(): Promise<Locale> {
  return savedLocale();
}

export function saveLanguage(locale: Locale): void {
  rememberLocale(locale);
}
