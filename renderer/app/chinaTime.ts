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

const clockFormatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** A moment in China time as the app bar says it: the time alone when it falls on `now`'s China day, else date and time. */
export function chinaTimeOfDay(language: string, at: number, now: number): string {
  if (dayFormatter.format(at) !== dayFormatter.format(now)) return chinaTime(language, at);
  let format = clockFormatters.get(language);
  if (!format)
    clockFormatters.set(language, (format = new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: 'Asia/Shanghai' })));
  return format.format(at);
}
