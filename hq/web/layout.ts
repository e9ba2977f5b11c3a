import type { User } from '../staff/users';
import { html, type Html } from './html';
import { LOCALE_NAMES, LOCALES, type Locale, type MessageKey, type T } from './i18n';
import { languageHref } from './paths';

/** What every page needs to know of its request. */
export interface PageContext {
  locale: Locale;
  t: T;
  user: User | null;
  /** The request's path (no query): the navigation marks its page, the language links lead back to it. */
  path: string;
  /** The request's query string (no `?`): the language links keep it, with only `lang` replaced. */
  query: string;
  /** The CSRF token for the page's forms (the sign-out button is one). */
  csrfToken: string;
}

interface NavItem {
  href: string;
  label: MessageKey;
}

/**
 * The head-office navigation. The counts and trends join it here, one line, when their page comes
 * (issue 12).
 */
const NAV: NavItem[] = [
  { href: '/cases', label: 'nav.cases' },
  { href: '/branches', label: 'nav.branches' },
  { href: '/calendars', label: 'nav.calendars' },
  { href: '/stats', label: 'nav.stats' },
  { href: '/reports', label: 'nav.reports' },
  { href: '/import', label: 'nav.import' },
  { href: '/policies', label: 'nav.policies' },
];

export const STYLESHEET_PATH = '/assets/hq.css';

function navigation(ctx: PageContext): Html {
  const current = (href: string) => ctx.path === href || ctx.path.startsWith(`${href}/`);
  return html`<nav class="main-nav" aria-label="${ctx.t('nav.label')}">
    <ul>
      ${NAV.map(
        (item) => html`<li><a href="${item.href}" ${current(item.href) ? html`aria-current="page"` : ''}>${ctx.t(item.label)}</a></li>`,
      )}
    </ul>
  </nav>`;
}

function languageSwitch(ctx: PageContext): Html {
  return html`<nav class="lang" aria-label="${ctx.t('lang.label')}">
    <ul>
      ${LOCALES.map(
        (l) =>
          html`<li>
            <a
              href="${languageHref(ctx.path, ctx.query, l)}"
              lang="${l}"
              hreflang="${l}"
              ${l === ctx.locale ? html`aria-current="true"` : ''}
              >${LOCALE_NAMES[l]}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

function userArea(ctx: PageContext): Html | null {
  if (!ctx.user) return null;
  return html`<form class="user" method="post" action="/sign-out">
    <span>${ctx.t('user.signedIn', { name: ctx.user.name })}</span>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
    <button type="submit">${ctx.t('user.signOut')}</button>
  </form>`;
}

/** The page shell: skip link, header with navigation and language switch, the main region with its heading. */
export function page(ctx: PageContext, title: string, main: Html): Html {
  return html`<!doctype html>
    <html lang="${ctx.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${ctx.t('app.title')}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <a class="skip" href="#main">${ctx.t('page.skip')}</a>
        <header class="top">
          <span class="brand">${ctx.t('app.title')}</span>
          ${ctx.user ? navigation(ctx) : null} ${languageSwitch(ctx)} ${userArea(ctx)}
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html>`;
}
