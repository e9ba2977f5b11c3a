/**
 * Where the screen language is kept, desktop build: main's machine settings, the one place main
 * reads it from too (for its own messages: a damaged settings file, printing).
 */
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/translate';
import { desktopBridge } from './desktop';

export async function loadLanguage(): Promise<Locale> {
  const bridge = desktopBridge();
  if (!bridge) return DEFAULT_LOCALE;
  try {
    return (await bridge.settings.get()).language;
  } catch (thrown) {
    console.error('settings: could not read the language', thrown);
    return DEFAULT_LOCALE;
  }
}

export function saveLanguage(locale: Locale): void {
  void desktopBridge()
    ?.settings.set({ language: locale })
    .catch((thrown: unknown) => console.error('settings: could not save the language', thrown));
}
