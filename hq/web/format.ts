import type { Locale } from './i18n';

/** Head office reads every time in China time, whatever the server's own zone. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A moment (ms since 1970) as a date and time in China time, written the language's way; null for no time. */
export function formatTime(locale: Locale, ms: unknown): string | null {
  const n = typeof ms === 'string' && /^\d+$/.test(ms) ? Number(ms) : ms;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: CHINA_TIME_ZONE,
      year: 'numeric',
      // "Dec 1, 2026" in English: 12/01/2026 reads differently on each side of the Atlantic.
      month: locale === 'en' ? 'short' : '2-digit',
      day: locale === 'en' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(locale, f);
  }
  return f.format(n);
}

/** A size in bytes, in KB or MB above 1,000 bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
