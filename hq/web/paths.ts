import type { Locale } from './i18n';

/** A path of this site (to return to after signing in, or to link to); anything else (another site, //host) is dropped. */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 500 ? value : undefined;
}

/**
 * This page in another language: its own path and query (the filters of a list, the year of a
 * calendar…) with only `lang` replaced. The path is the request's; one that is not a path of this
 * site leads to the start page instead. Escape the result for its attribute (`html` does).
 */
export function languageHref(path: string, query: string, locale: Locale): string {
  const params = new URLSearchParams(query);
  params.set('lang', locale);
  return `${localPath(path) ?? '/'}?${params.toString()}`;
}
