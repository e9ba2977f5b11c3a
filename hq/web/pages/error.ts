import { html } from '../html';
import { page, type PageContext } from '../layout';

/** A page that says what went wrong, and the way back. */
export function errorPage(ctx: PageContext, message: string) {
  return page(
    ctx,
    ctx.t('error.title'),
    html`<p class="message error" role="alert">${message}</p>
      ${ctx.user ? html`<p><a href="/branches">${ctx.t('error.back')}</a></p>` : null}`,
  );
}
