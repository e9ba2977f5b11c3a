import { CLOCK_UNITS, DEFAULT_DEADLINE_POLICIES, type ClockPolicy, type DeadlinePolicy } from '../../../shared/deadlines';
import { PROFILE_IDS, type ProfileId } from '../../../shared/domain/enums';
import { translate } from '../../../shared/i18n/translate';
import type { PolicyPublication } from '../../policies';
import { formatTime } from '../format';
import { html, type Html } from '../html';
import { enumWord, type Locale } from '../i18n';
import { page, type PageContext } from '../layout';
import { amountField, entriesOf, unitField, type ClockEntry, type PolicyFormProblem } from '../policyForm';

/** A profile's form sent back: what was typed and what is wrong with it. */
export interface RefusedPolicyForm {
  profile: ProfileId;
  entries: Record<string, ClockEntry>;
  problems: PolicyFormProblem[];
}

export interface PoliciesView {
  published: PolicyPublication[];
  /** Only administrators publish; staff see the policies without the forms. */
  canPublish: boolean;
  refused?: RefusedPolicyForm;
  /** Said once, after publishing. */
  message?: string;
}

/** The policy a profile's form starts from: head office's as published, else the bundled one. */
export const policyBase = (published: readonly PolicyPublication[], profile: ProfileId): DeadlinePolicy =>
  published.find((p) => p.profile === profile)?.policy ?? DEFAULT_DEADLINE_POLICIES[profile];

const duration = (locale: Locale, clock: ClockPolicy | undefined): string =>
  clock ? translate(locale, `deadline.amount.${clock.unit}`, { count: clock.amount }) : '—';

function profileSection(ctx: PageContext, v: PoliciesView, profile: ProfileId): Html {
  const { t, locale } = ctx;
  const published = v.published.find((p) => p.profile === profile);
  const bundled = DEFAULT_DEADLINE_POLICIES[profile];
  const base = policyBase(v.published, profile);
  const refused = v.refused?.profile === profile ? v.refused : undefined;
  const entries = refused?.entries ?? entriesOf(base);
  const problemsId = `problems-${profile}`;
  const clockLabel = (clock: ClockPolicy) => translate(locale, clock.labelKey);
  const problemText = (p: PolicyFormProblem) => {
    const clock = base.clocks.find((c) => c.id === p.clockId);
    return clock ? t('policies.problem.clock', { clock: clockLabel(clock), message: p.message }) : p.message;
  };
  const input = (clock: ClockPolicy) => {
    const entry = entries[clock.id] ?? { amount: '', unit: '' };
    const invalid = refused?.problems.some((p) => p.clockId === clock.id);
    const described = invalid ? html`aria-invalid="true" aria-describedby="${problemsId}"` : null;
    return html`<td>
      <input
        name="${amountField(clock.id)}"
        inputmode="numeric"
        maxlength="3"
        size="4"
        value="${entry.amount}"
        aria-label="${t('policies.amountOf', { clock: clockLabel(clock) })}"
        ${described}
      />
      <select name="${unitField(clock.id)}" aria-label="${t('policies.unitOf', { clock: clockLabel(clock) })}" ${described}>
        ${CLOCK_UNITS.map(
          (unit) => html`<option value="${unit}" ${entry.unit === unit ? html`selected` : null}>${t(`policies.unit.${unit}`)}</option>`,
        )}
      </select>
    </td>`;
  };
  const table = html`<table>
    <caption>
      ${t('policies.caption', { profile: enumWord(locale, 'profile', profile) })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('policies.clock')}</th>
        <th scope="col">${t('policies.bundled')}</th>
        <th scope="col">${t('policies.published')}</th>
        ${v.canPublish ? html`<th scope="col">${t('policies.new')}</th>` : null}
      </tr>
    </thead>
    <tbody>
      ${base.clocks.map(
        (clock) =>
          html`<tr>
            <th scope="row">${clockLabel(clock)}</th>
            <td>
              ${duration(
                locale,
                bundled.clocks.find((c) => c.id === clock.id),
              )}
            </td>
            <td>
              ${
                published
                  ? duration(
                      locale,
                      published.policy.clocks.find((c) => c.id === clock.id),
                    )
                  : '—'
              }
            </td>
            ${v.canPublish ? input(clock) : null}
          </tr>`,
      )}
    </tbody>
  </table>`;
  const titleId = `policy-${profile}`;
  return html`<section class="publish-area" aria-labelledby="${titleId}">
    <h2 id="${titleId}">${enumWord(locale, 'profile', profile)}</h2>
    <p>
      ${
        published
          ? t('policies.summary', {
              version: published.version,
              by: published.publishedBy,
              at: formatTime(locale, published.publishedAt) ?? '',
            })
          : t('policies.none')
      }
    </p>
    ${
      refused
        ? html`<div class="message error" role="alert" id="${problemsId}">
            <p>${t('policies.problems', { count: refused.problems.length })}</p>
            <ul>
              ${refused.problems.map((p) => html`<li>${problemText(p)}</li>`)}
            </ul>
          </div>`
        : null
    }
    ${
      v.canPublish
        ? html`<form class="policy" method="post" action="/policies/${profile}">
            <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
            ${table}
            <div><button type="submit">${t('policies.submit', { profile: enumWord(locale, 'profile', profile) })}</button></div>
          </form>`
        : table
    }
  </section>`;
}

/** /policies: per business profile, the bundled default, head office's published policy, and (administrators) the form to publish one. */
export function policiesPage(ctx: PageContext, v: PoliciesView): Html {
  const { t } = ctx;
  return page(
    ctx,
    t('policies.title'),
    html`${v.message ? html`<p class="message" role="status">${v.message}</p>` : null}
      <p class="note">${t('policies.intro')}</p>
      ${v.canPublish ? html`<p class="note">${t('policies.replaces')}</p>` : html`<p class="note">${t('policies.adminOnly')}</p>`}
      ${PROFILE_IDS.map((profile) => profileSection(ctx, v, profile))}`,
  );
}
