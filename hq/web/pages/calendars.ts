import type { CalendarOverride } from '../../../shared/deadlines';
import type { CalendarPublication } from '../../calendar';
import type { FormProblem } from '../calendarForm';
import { formatTime } from '../format';
import { html, url, type Html } from '../html';
import type { Locale, T } from '../i18n';
import { page, type PageContext } from '../layout';

/** The publish form as it is shown: empty, prefilled to correct a year, or sent back with its problems. */
export interface PublishForm {
  year: string;
  days: string;
  problems: FormProblem[];
}

export interface CalendarsView {
  calendars: CalendarPublication[];
  /** Only administrators publish; staff see the list without the form. */
  canPublish: boolean;
  form: PublishForm;
}

export const calendarPath = (year: number) => url`/calendars/${year}`;
export const calendarFilePath = (year: number) => url`/calendars/${year}/calendar-${year}.json`;

const counts = (days: readonly CalendarOverride[]) => {
  const holidays = days.filter((d) => !d.workday).length;
  return { holidays, workdays: days.length - holidays };
};

export function publishedMessage(t: T, c: { year: number; version: number; days: readonly CalendarOverride[] }): string {
  return t('calendars.published', { year: c.year, version: c.version, ...counts(c.days) });
}

function listTable(ctx: PageContext, calendars: CalendarPublication[]): Html {
  const { t, locale } = ctx;
  return html`<table>
    <caption>
      ${t('calendars.caption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('calendars.year')}</th>
        <th scope="col">${t('calendars.version')}</th>
        <th scope="col">${t('calendars.publishedAt')}</th>
        <th scope="col">${t('calendars.publishedBy')}</th>
        <th scope="col">${t('calendars.holidays')}</th>
        <th scope="col">${t('calendars.workdays')}</th>
        <th scope="col">${t('calendars.file')}</th>
      </tr>
    </thead>
    <tbody>
      ${calendars.map((c) => {
        const n = counts(c.days);
        return html`<tr>
          <th scope="row"><a href="${calendarPath(c.year)}">${c.year}</a></th>
          <td class="num">${c.version}</td>
          <td>${formatTime(locale, c.publishedAt)}</td>
          <td>${c.publishedBy}</td>
          <td class="num">${n.holidays}</td>
          <td class="num">${n.workdays}</td>
          <td><a href="${calendarFilePath(c.year)}" download>${t('calendars.download', { year: c.year })}</a></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function problemText(t: T, p: FormProblem): string {
  if (p.line !== undefined) return t('calendars.problem.line', { line: p.line, text: p.text ?? '', message: p.message });
  return p.field === 'year' ? t('calendars.problem.year', { message: p.message }) : p.message;
}

/**
 * The lines' textarea. Its text is joined to the tags with nothing between (a formatter may not add
 * a line break there), after a newline, which HTML drops, so a first blank line of the text survives.
 */
function daysField(form: PublishForm, problem: boolean): Html {
  const describedBy = problem ? 'publish-help publish-problems' : 'publish-help';
  const placeholder = '2027-01-01 休 元旦\n2027-02-07 班 春节调休';
  const open = html`<textarea
    id="publish-days"
    name="days"
    rows="14"
    spellcheck="false"
    placeholder="${placeholder}"
    aria-describedby="${describedBy}"
    ${problem ? html`aria-invalid="true"` : null}
  >`;
  return html`${[open, `\n${form.days}`, html`</textarea>`]}`;
}

function publishForm(ctx: PageContext, form: PublishForm): Html {
  const { t } = ctx;
  const yearProblem = form.problems.some((p) => p.field === 'year');
  const daysProblem = form.problems.some((p) => p.field === 'days');
  return html`<section class="publish-area" aria-labelledby="publish-title">
    <h2 id="publish-title">${t('calendars.publish.title')}</h2>
    ${
      form.problems.length
        ? html`<div class="message error" role="alert" id="publish-problems">
            <p>${t('calendars.publish.problems', { count: form.problems.length })}</p>
            <ul>
              ${form.problems.map((p) => html`<li>${problemText(t, p)}</li>`)}
            </ul>
          </div>`
        : null
    }
    <form class="publish" method="post" action="/calendars">
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <label
        >${t('calendars.year')}
        <input
          name="year"
          inputmode="numeric"
          required
          maxlength="4"
          size="6"
          value="${form.year}"
          ${yearProblem ? html`aria-invalid="true" aria-describedby="publish-problems"` : null}
      /></label>
      <label for="publish-days">${t('calendars.publish.days')}</label>
      <p class="note" id="publish-help">${t('calendars.publish.help')}</p>
      ${daysField(form, daysProblem)}
      <p class="note">${t('calendars.publish.replaces')}</p>
      <div><button type="submit">${t('calendars.publish.submit')}</button></div>
    </form>
  </section>`;
}

/** /calendars: every published year, the file of each, and (administrators) the form to publish one. */
export function calendarsPage(ctx: PageContext, v: CalendarsView): Html {
  const { t } = ctx;
  return page(
    ctx,
    t('calendars.title'),
    html`<p class="note">${t('calendars.intro')} ${t('common.chinaTime')}</p>
      ${v.calendars.length ? listTable(ctx, v.calendars) : html`<p>${t('calendars.empty')}</p>`}
      <p class="note">${t('calendars.fileNote')}</p>
      ${v.canPublish ? publishForm(ctx, v.form) : html`<p class="note">${t('calendars.publish.adminOnly')}</p>`}`,
  );
}

const weekdayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** The weekday of a date (YYYY-MM-DD), so a 调休 working day can be seen to fall on a weekend. */
function weekday(locale: Locale, date: string): string {
  let f = weekdayFormats.get(locale);
  if (!f) weekdayFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })));
  return f.format(Date.parse(`${date}T00:00:00Z`));
}

export interface CalendarYearView {
  calendar: CalendarPublication;
  canPublish: boolean;
  /** Said once, after publishing it. */
  message?: string;
}

/** /calendars/<year>: the year's special days, its file, and (administrators) the way to correct it. */
export function calendarYearPage(ctx: PageContext, v: CalendarYearView): Html {
  const { t, locale } = ctx;
  const c = v.calendar;
  const days = html`<table>
    <caption>
      ${t('calendars.daysCaption', { year: c.year })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('calendars.day.date')}</th>
        <th scope="col">${t('calendars.day.weekday')}</th>
        <th scope="col">${t('calendars.day.kind')}</th>
        <th scope="col">${t('calendars.day.name')}</th>
      </tr>
    </thead>
    <tbody>
      ${c.days.map(
        (d) =>
          html`<tr>
            <th scope="row">${d.date}</th>
            <td>${weekday(locale, d.date)}</td>
            <td>
              <span class="${d.workday ? 'workday' : 'holiday'}">${t(d.workday ? 'calendars.kind.work' : 'calendars.kind.off')}</span>
            </td>
            <td>${d.name ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return page(
    ctx,
    t('calendars.yearTitle', { year: c.year }),
    html`${v.message ? html`<p class="message" role="status">${v.message}</p>` : null}
      <p>${t('calendars.yearSummary', { version: c.version, by: c.publishedBy, at: formatTime(locale, c.publishedAt) ?? '' })}</p>
      ${c.days.length ? days : html`<p>${t('calendars.noDays')}</p>`}
      <ul class="actions">
        <li><a href="${calendarFilePath(c.year)}" download>${t('calendars.downloadYear', { year: c.year })}</a></li>
        ${v.canPublish ? html`<li><a href="${url`/calendars?correct=${c.year}`}">${t('calendars.correct')}</a></li>` : null}
        <li><a href="/calendars">${t('calendars.back')}</a></li>
      </ul>`,
  );
}
