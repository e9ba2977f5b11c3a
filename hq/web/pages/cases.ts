import { CASE_STATES, CHANNELS, PROFILE_IDS, SEVERITIES } from '../../../shared/domain/enums';
import { PROFILES } from '../../../shared/domain/profiles';
import type { BranchSummary } from '../../branches';
import { CASE_SORTS, COUNT_CAP, OUTCOMES, type CaseList, type CaseListRow } from '../../cases';
import { caseQueryString, type CaseForm, type CaseFormField, type CaseQueryIssue } from '../casesQuery';
import { formatTime } from '../format';
import { html, url, type Html } from '../html';
import { enumWord, messageText, type Locale, type MessageKey, type T } from '../i18n';
import { page, type PageContext } from '../layout';
import type { XlsxCell, XlsxColumn } from '../xlsx';

/** Most rows an XLSX download of the list holds; a larger result is cut, and the sheet says so. */
export const CASES_XLSX_CAP = 10_000;

/** Every category of every business profile, once: head office lists all branches together. */
const CATEGORIES = [...new Set(PROFILE_IDS.flatMap((p) => PROFILES[p].categories))];

export interface CasesView {
  form: CaseForm;
  branches: BranchSummary[];
  /** The list, or why the form's values could not be used. */
  result: { list: CaseList; page: number; size: number } | { issues: CaseQueryIssue[] };
}

const FIELD_LABELS: Record<string, MessageKey> = {
  text: 'cases.text',
  branch: 'cases.branch',
  from: 'cases.from',
  to: 'cases.to',
  state: 'cases.state',
  category: 'cases.category',
  channel: 'cases.channel',
  severity: 'cases.severity',
  outcome: 'cases.outcome',
  sort: 'cases.sort',
  dir: 'cases.dir',
};

const number = (locale: Locale, n: number) => new Intl.NumberFormat(locale).format(n);

function optionsOf(selected: string | undefined, options: [value: string, label: string][], any: string | null): Html {
  return html`${any === null ? null : html`<option value="">${any}</option>`}${options.map(
    ([value, label]) => html`<option value="${value}" ${value === selected ? html`selected` : null}>${label}</option>`,
  )}`;
}

// Labels point at their controls (for/id) rather than wrapping them, so a select's name is its label alone.
function select(ctx: PageContext, form: CaseForm, field: CaseFormField, label: MessageKey, options: [string, string][], any = true): Html {
  return html`<div class="field">
    <label for="f-${field}">${ctx.t(label)}</label>
    <select id="f-${field}" name="${field}">
      ${optionsOf(form[field], options, any ? ctx.t('cases.any') : null)}
    </select>
  </div>`;
}

function enumOptions(locale: Locale, group: string, values: readonly string[]): [string, string][] {
  return values.map((v) => [v, enumWord(locale, group, v)]);
}

function filterForm(ctx: PageContext, view: CasesView): Html {
  const { t, locale } = ctx;
  const f = view.form;
  return html`<form class="filters" method="get" action="/cases" role="search" aria-label="${t('cases.filters')}">
    <div class="field wide">
      <label for="f-text">${t('cases.text')}</label>
      <input id="f-text" type="search" name="text" value="${f.text ?? ''}" maxlength="100" aria-describedby="text-hint" />
      <span id="text-hint" class="hint">${t('cases.textHint')}</span>
    </div>
    ${select(
      ctx,
      f,
      'branch',
      'cases.branch',
      view.branches.map((b) => [b.code, `${b.code} ${b.name}`]),
    )}
    <div class="field">
      <label for="f-from">${t('cases.from')}</label>
      <input id="f-from" type="date" name="from" value="${f.from ?? ''}" />
    </div>
    <div class="field">
      <label for="f-to">${t('cases.to')}</label>
      <input id="f-to" type="date" name="to" value="${f.to ?? ''}" />
    </div>
    ${select(ctx, f, 'state', 'cases.state', enumOptions(locale, 'state', CASE_STATES))}
    ${select(ctx, f, 'category', 'cases.category', enumOptions(locale, 'category', CATEGORIES))}
    ${select(ctx, f, 'channel', 'cases.channel', enumOptions(locale, 'channel', CHANNELS))}
    ${select(ctx, f, 'severity', 'cases.severity', enumOptions(locale, 'severity', SEVERITIES))}
    ${select(ctx, f, 'outcome', 'cases.outcome', enumOptions(locale, 'outcome', OUTCOMES))}
    ${select(
      ctx,
      f,
      'sort',
      'cases.sort',
      CASE_SORTS.map((s) => [s, t(`cases.sort.${s}`)]),
      false,
    )}
    ${select(
      ctx,
      f,
      'dir',
      'cases.dir',
      [
        ['desc', t('cases.dir.desc')],
        ['asc', t('cases.dir.asc')],
      ],
      false,
    )}
    ${f.size ? html`<input type="hidden" name="size" value="${f.size}" />` : null}
    <div class="actions">
      <button type="submit">${t('cases.submit')}</button>
      <a href="/cases">${t('cases.clear')}</a>
    </div>
  </form>`;
}

function issuesView(ctx: PageContext, issues: CaseQueryIssue[]): Html {
  // Page and size messages name their field themselves ("Invalid page number").
  const label = (field: string) => (Object.hasOwn(FIELD_LABELS, field) ? ctx.t(FIELD_LABELS[field]!) : '');
  const separator = ctx.locale === 'en' ? ': ' : '：';
  return html`<div class="message error" role="alert">
    <p>${ctx.t('cases.invalid')}</p>
    <ul>
      ${issues.map((i) => html`<li>${[label(i.field), messageText(ctx.locale, i.key, i.params)].filter(Boolean).join(separator)}</li>`)}
    </ul>
  </div>`;
}

const chainText = (t: T, row: CaseListRow) => (row.chainStatus === 'flagged' ? t('cases.chain.flagged') : t('cases.chain.verified'));
const optionalWord = (locale: Locale, group: string, value: string | null, none: string) => (value ? enumWord(locale, group, value) : none);

function table(ctx: PageContext, rows: CaseListRow[], pageNo: number): Html {
  const { t, locale } = ctx;
  const none = t('common.none');
  return html`<table class="cases">
    <caption>
      ${t('cases.caption', { page: pageNo + 1 })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('cases.col.caseNo')}</th>
        <th scope="col">${t('cases.col.branch')}</th>
        <th scope="col">${t('cases.col.registeredAt')}</th>
        <th scope="col">${t('cases.col.category')}</th>
        <th scope="col">${t('cases.col.severity')}</th>
        <th scope="col">${t('cases.col.state')}</th>
        <th scope="col">${t('cases.col.outcome')}</th>
        <th scope="col">${t('cases.col.name')}</th>
        <th scope="col">${t('cases.col.phone')}</th>
        <th scope="col">${t('cases.col.chain')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row"><a href="${url`/cases/${r.id}`}">${r.caseNo}</a></th>
            <td>${r.branchName || r.branchCode}</td>
            <td>${formatTime(locale, r.registeredAt) ?? none}</td>
            <td>${optionalWord(locale, 'category', r.category, none)}</td>
            <td>${optionalWord(locale, 'severity', r.severity, none)}</td>
            <td>${enumWord(locale, 'state', r.state)}</td>
            <td>${optionalWord(locale, 'outcome', r.outcome, none)}</td>
            <td>${r.customerName || none}</td>
            <td>${r.customerPhone || none}</td>
            <td><span class="${r.chainStatus === 'flagged' ? 'warn' : 'ok'}">${chainText(t, r)}</span></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Page links: the first, the last and those near the current one; each keeps the form's filters. */
function paging(ctx: PageContext, form: CaseForm, list: CaseList, pageNo: number, size: number): Html | null {
  const pages = Math.max(1, Math.ceil(list.total / size));
  if (pages === 1) return null;
  const href = (p: number) => `/cases${caseQueryString(form, { page: p ? String(p) : '' })}`;
  const shown = [...new Set([0, pageNo - 2, pageNo - 1, pageNo, pageNo + 1, pageNo + 2, pages - 1])]
    .filter((p) => p >= 0 && p < pages)
    .sort((a, b) => a - b);
  const items: Html[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) items.push(html`<li aria-hidden="true">…</li>`);
    items.push(
      p === pageNo
        ? html`<li><a href="${href(p)}" aria-current="page" aria-label="${ctx.t('cases.pageN', { n: p + 1 })}">${p + 1}</a></li>`
        : html`<li><a href="${href(p)}" aria-label="${ctx.t('cases.pageN', { n: p + 1 })}">${p + 1}</a></li>`,
    );
  });
  return html`<nav class="paging" aria-label="${ctx.t('cases.paging')}">
    <ul>
      ${pageNo > 0 ? html`<li><a href="${href(pageNo - 1)}" rel="prev">${ctx.t('cases.prev')}</a></li>` : null} ${items}
      ${pageNo < pages - 1 ? html`<li><a href="${href(pageNo + 1)}" rel="next">${ctx.t('cases.next')}</a></li>` : null}
    </ul>
  </nav>`;
}

export function casesPage(ctx: PageContext, view: CasesView) {
  const { t, locale } = ctx;
  const r = view.result;
  let results: Html;
  if ('issues' in r) results = issuesView(ctx, r.issues);
  else if (!r.list.rows.length) results = html`<p class="message" role="status">${t('cases.empty')}</p>`;
  else {
    const total = r.list.totalCapped
      ? t('cases.totalCapped', { count: number(locale, COUNT_CAP) })
      : t('cases.total', { count: number(locale, r.list.total) });
    const download = `/cases.xlsx${caseQueryString(view.form, { page: '', size: '' })}`;
    results = html`<p class="total" role="status">${total}</p>
      ${table(ctx, r.list.rows, r.page)} ${paging(ctx, view.form, r.list, r.page, r.size)}
      <p>
        <a href="${download}" download>${t('cases.download')}</a>
        <span class="note">${t('cases.downloadNote', { cap: number(locale, CASES_XLSX_CAP) })} ${t('common.chinaTime')}</span>
      </p>`;
  }
  return page(ctx, t('cases.title'), html`${filterForm(ctx, view)} ${results}`);
}

/** The list for the XLSX download: the page's columns (and the channel), in the page's language. */
export function casesSheet(
  ctx: Pick<PageContext, 't' | 'locale'>,
  rows: CaseListRow[],
  cut: boolean,
): { columns: XlsxColumn[]; rows: XlsxCell[][] } {
  const { t, locale } = ctx;
  const columns: XlsxColumn[] = [
    { header: t('cases.col.caseNo'), width: 22 },
    { header: t('cases.col.branch'), width: 10 },
    { header: t('cases.branch'), width: 18 },
    { header: t('cases.col.registeredAt'), width: 20 },
    { header: t('cases.col.category'), width: 16 },
    { header: t('cases.col.channel'), width: 12 },
    { header: t('cases.col.severity'), width: 10 },
    { header: t('cases.col.state'), width: 12 },
    { header: t('cases.col.outcome'), width: 16 },
    { header: t('cases.col.name'), width: 14 },
    { header: t('cases.col.phone'), width: 16 },
    { header: t('cases.col.chain'), width: 10 },
  ];
  const word = (group: string, value: string | null) => (value ? enumWord(locale, group, value) : null);
  const out: XlsxCell[][] = rows.map((r) => [
    r.caseNo,
    r.branchCode,
    r.branchName,
    formatTime(locale, r.registeredAt),
    word('category', r.category),
    word('channel', r.channel),
    word('severity', r.severity),
    enumWord(locale, 'state', r.state),
    word('outcome', r.outcome),
    r.customerName,
    r.customerPhone,
    chainText(t, r),
  ]);
  if (cut) out.push([t('cases.sheetCut', { cap: number(locale, CASES_XLSX_CAP) })]);
  return { columns, rows: out };
}
