import { html } from '../html';
import { page, type PageContext } from '../layout';

export interface SignInView {
  /** A message above the form: why the last attempt failed, or that the user signed out. */
  message?: { text: string; error: boolean };
  user?: string;
  /** Where to go once signed in (a local path). */
  next?: string;
}

export function signInPage(ctx: PageContext, view: SignInView = {}) {
  const { t } = ctx;
  return page(
    ctx,
    t('signIn.title'),
    html`${
        view.message
          ? html`<p class="message${view.message.error ? ' error' : ''}" role="${view.message.error ? 'alert' : 'status'}">
              ${view.message.text}
            </p>`
          : null
      }
      <p class="note">${t('signIn.intro')}</p>
      <form class="sign-in" method="post" action="/sign-in">
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        ${view.next ? html`<input type="hidden" name="next" value="${view.next}" />` : null}
        <label
          >${t('signIn.user')}
          <input
            name="user"
            autocomplete="username"
            required
            maxlength="40"
            value="${view.user ?? ''}"
            autocapitalize="none"
            spellcheck="false"
        /></label>
        <label>${t('signIn.password')} <input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">${t('signIn.submit')}</button>
      </form>`,
  );
}
