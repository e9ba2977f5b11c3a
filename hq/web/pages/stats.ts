import { catalogs } from '../../../shared/i18n/translate';
import { caseQueryMessages, COUNT_DIMENSIONS, type CountDimension, type CountRow } from '../../cases';
import { barChart, trendChart, type Bar } from '../chart';
import { html, type Html } from '../html';
import { enumWord, type Locale, type MessageKey } from '../i18n';
import { page, type PageContext } from '../layout';
import type { StatsView } from '../statsData';
import type { XlsxCell, XlsxColumn } from '../xlsx';

/** A chart shows this many bars at most (the most cases first); its table beside it has every row. */
const MAX_BARS = 15;

const DIMENSION_TITLE: Record<CountDimension, MessageKey> = {
  branch: 'stats.by.branch',
  month: 'stats.by.month',
  category: 'stats.by.category',
  channel: 'stats.by.channel',
  severity: 'stats.by.severity',
  outcome: 'stats.by.outcome',
  state: 'stats.by.state',
};

/** A message of hq/cases' filter or of the shared domain, in the page's language. */
export function queryMessage(locale: Locale, key: string): string {
  return caseQueryMessages[locale][key] ?? catalogs[locale][key] ?? key;
}

type Labeller = (dimension: CountDimension, key: string) => string;

function labellerFor({ t, locale }: Pick<PageContext, 't' | 'locale'>, v: StatsView): Labeller {
  const names = new Map(v.branches.map((b) => [b.code, b.name]));
  return (dimension, key) => {
    if (key === '') return t(dimension === 'outcome' ? 'stats.notClosed' : 'stats.notGiven');
    if (dimension === 'branch') return names.has(key) ? `${key} ${names.get(key)}` : key;
    if (dimension === 'month') return key;
    if (dimension === 'outcome') return queryMessage(locale, `outcome.${key}`);
    return enumWord(locale, dimension, key);
  };
}

/** Months with no case are shown as 0, so the trend has no silent gaps. */
export function everyMonth(rows: CountRow[]): CountRow[] {
  const dated = rows.filter((r) => r.key !== '');
  if (!dated.length) return rows;
  const held = new Map(dated.map((r) => [r.key, r.count]));
  const out: CountRow[] = [];
  let [year, month] = dated[0]!.key.split('-').map(Number) as [number, number];
  const last = dated[dated.length - 1]!.key;
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push({ key, count: held.get(key) ?? 0 });
    if (key >= last) break;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return [...out, ...rows.filter((r) => r.key === '')];
}

function rowsOf(v: StatsView, dimension: CountDimension): CountRow[] {
  return dimension === 'month' ? everyMonth(v.counts.month) : v.counts[dimension];
}

function section(ctx: PageContext, v: StatsView, label: Labeller, dimension: CountDimension): Html {
  const { t } = ctx;
  const title = t(DIMENSION_TITLE[dimension]);
  const rows = rowsOf(v, dimension);
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const bars: Bar[] = (dimension === 'month' ? rows.filter((r) => r.key !== '') : rows.slice(0, MAX_BARS)).map((r) => ({
    label: label(dimension, r.key),
    value: r.count,
  }));
  const summary = t('stats.chartLabel', {
    title,
    values: bars.map((b) => t('stats.chartValue', { label: b.label, count: b.value })).join(t('stats.separator')),
  });
  const more = dimension !== 'month' && rows.length > MAX_BARS ? t('stats.chartTop', { count: MAX_BARS }) : null;
  const id = `by-${dimension}`;
  return html`<section class="stat" aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${
      rows.length
        ? html`<div class="stat-body">
            <figure class="stat-chart">
              ${dimension === 'month' ? trendChart(summary, bars) : barChart(summary, bars)}
              ${more ? html`<figcaption class="note">${more}</figcaption>` : null}
            </figure>
            <table class="stat-table">
              <caption>
                ${t('stats.tableCaption', { title })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t(DIMENSION_TITLE[dimension])}</th>
                  <th scope="col">${t('stats.cases')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${label(dimension, r.key)}</th>
                      <td class="num">${r.count}</td>
                    </tr>`,
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">${t('stats.total')}</th>
                  <td class="num">${total}</td>
                </tr>
              </tfoot>
            </table>
          </div>`
        : html`<p>${t('stats.empty')}</p>`
    }
  </section>`;
}

function choice(name: string, title: string, current: string, options: { value: string; label: string }[], any: string): Html {
  return html`<label
    >${title}
    <select name="${name}">
      <option value="">${any}</option>
      ${options.map((o) => html`<option value="${o.value}" ${o.value === current ? html`selected` : null}>${o.label}</option>`)}
    </select></label
  >`;
}

function filterForm(ctx: PageContext, v: StatsView): Html {
  const { t, locale } = ctx;
  const any = t('stats.any');
  const words = (group: string, values: readonly string[]) => values.map((value) => ({ value, label: enumWord(locale, group, value) }));
  const errorOf = (field: string) => v.errors.filter((e) => e.field === field).map((e) => queryMessage(locale, e.key));
  const dateField = (name: 'from' | 'to') => {
    const errors = errorOf(name);
    return html`<label
      >${t(name === 'from' ? 'stats.from' : 'stats.to')}
      <input type="date" name="${name}" value="${v.form[name]}" ${errors.length ? html`aria-invalid="true"` : null} />
      ${errors.map((e) => html`<span class="field-error">${e}</span>`)}</label
    >`;
  };
  return html`<form class="filters" method="get" action="/stats">
    <fieldset>
      <legend>${t('stats.filters')}</legend>
      ${dateField('from')} ${dateField('to')}
      ${choice(
        'branch',
        t('stats.by.branch'),
        v.form.branch,
        v.branches.map((b) => ({ value: b.code, label: `${b.code} ${b.name}` })),
        any,
      )}
      ${choice('category', t('stats.by.category'), v.form.category, words('category', v.categories), any)}
      ${choice('channel', t('stats.by.channel'), v.form.channel, words('channel', v.channels), any)}
      ${choice('severity', t('stats.by.severity'), v.form.severity, words('severity', v.severities), any)}
      ${choice(
        'outcome',
        t('stats.by.outcome'),
        v.form.outcome,
        v.outcomes.map((o) => ({ value: o, label: queryMessage(locale, `outcome.${o}`) })),
        any,
      )}
      <button type="submit">${t('stats.apply')}</button>
    </fieldset>
  </form>`;
}

/** The query of the current filter, for the download link. */
function queryOf(v: StatsView): string {
  const q = new URLSearchParams();
  for (const [k, value] of Object.entries(v.form)) if (value) q.set(k, value);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function statsPage(ctx: PageContext, v: StatsView): Html {
  const { t, locale } = ctx;
  const label = labellerFor(ctx, v);
  const problems = v.errors.map((e) => queryMessage(locale, e.key));
  return page(
    ctx,
    t('stats.title'),
    html`<p class="note">${t('stats.intro')} ${t('common.chinaTime')}</p>
      ${filterForm(ctx, v)}
      ${
        problems.length
          ? html`<p class="message error" role="alert">${t('stats.invalid')} ${problems.join(t('stats.separator'))}</p>`
          : html`<p><a href="/stats.xlsx${queryOf(v)}" download>${t('stats.download')}</a></p>
              ${COUNT_DIMENSIONS.map((d) => section(ctx, v, label, d))}`
      }`,
  );
}

/** One sheet per dimension for the XLSX download: the same rows as the page's tables. */
export function statsSheets(
  ctx: Pick<PageContext, 't' | 'locale'>,
  v: StatsView,
): { name: string; columns: XlsxColumn[]; rows: XlsxCell[][] }[] {
  const { t } = ctx;
  const label = labellerFor(ctx, v);
  return COUNT_DIMENSIONS.map((d) => ({
    name: t(DIMENSION_TITLE[d]),
    columns: [
      { header: t(DIMENSION_TITLE[d]), width: 28 },
      { header: t('stats.cases'), width: 12 },
    ],
    rows: rowsOf(v, d).map((r) => [label(d, r.key), r.count]),
  }));
}
