import { useTranslation } from 'react-i18next';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the screens show it: short date and time in China time, whatever the PC's zone
 * (deadlines are China-time working days). One formatter per language: building one per call was
 * the complaint list's main scripting cost.
 */
export function chinaTime(language: string, at: number): string {
  let format = formatters.get(language);
  if (!format)
    formatters.set(
      language,
      (format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' })),
    );
  return format.format(at);
}

/** `chinaTime` in the screens' current language. */
export function useChinaTime(): (at: number) => string {
  const { i18n } = useTranslation();
  return (at) => chinaTime(i18n.language, at);
}
