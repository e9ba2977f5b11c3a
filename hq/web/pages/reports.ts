import { reportFileName } from '../../../shared/reports/data';
import { percent } from '../../../shared/reports/view';
import type { HeldReport } from '../../reports';
import { formatTime } from '../format';
import { html, url } from '../html';
import { page, type PageContext } from '../layout';

export interface ReportsView {
  reports: HeldReport[];
  /** The month asked for ('' = all) and whether every version is shown. */
  month: string;
  all: boolean;
  /** The month field could not be read. */
  badMonth: boolean;
}

/** Where a report's spreadsheet or PDF is downloaded. */
export function reportFileHref(r: Pick<HeldReport, 'branchCode' | 'reportId'>, kind: 'xlsx' | 'pdf'): string {
  return url`/reports/${r.branchCode}/${r.reportId}` + `.${kind}`;
}

/** The monthly reports received (docs/hq.md, "Monthly reports"): per month and branch, with their files. */
export function reportsPage(ctx: PageContext, v: ReportsView) {
  const { t, locale } = ctx;
  const none = t('common.none');
  const form = html`<form class="upload" method="get" action="/reports">
    <label>${t('reports.month')} <input type="month" name="month" value="${v.month}" placeholder="YYYY-MM" /></label>
    <label class="inline-check"
      ><input type="checkbox" name="all" value="1" ${v.all ? html`checked` : null} /> ${t('reports.allVersions')}</label
    >
    <button type="submit">${t('reports.show')}</button>
  </form>`;
  const table = html`<table>
    <caption>
      ${t('reports.caption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('reports.month')}</th>
        <th scope="col">${t('reports.branch')}</th>
        <th scope="col">${t('reports.version')}</th>
        <th scope="col">${t('reports.total')}</th>
        <th scope="col">${t('reports.onTime')}</th>
        <th scope="col">${t('reports.satisfaction')}</th>
        <th scope="col">${t('reports.createdAt')}</th>
        <th scope="col">${t('reports.receivedAt')}</th>
        <th scope="col">${t('reports.files')}</th>
      </tr>
    </thead>
    <tbody>
      ${v.reports.map(
        (r) =>
          html`<tr>
            <td class="nowrap">${r.month}</td>
            <th scope="row">${r.branchCode} ${r.branchName}</th>
            <td class="num">${r.version}</td>
            <td class="num">${r.data.total}</td>
            <td class="num">${percent(r.data.onTimeAcceptanceRate, locale)}</td>
            <td class="num">${percent(r.data.satisfactionRate, locale)}</td>
            <td>${formatTime(locale, r.createdAt) ?? none}</td>
            <td>${formatTime(locale, r.receivedAt) ?? none}</td>
            <td>
              <a href="${reportFileHref(r, 'xlsx')}" download="${reportFileName(r.branchCode, r.month, r.version, 'xlsx')}"
                >${t('reports.xlsx')}</a
              >
              ${
                r.hasPdf
                  ? html`<a href="${reportFileHref(r, 'pdf')}" download="${reportFileName(r.branchCode, r.month, r.version, 'pdf')}"
                      >${t('reports.pdf')}</a
                    >`
                  : html`<span class="muted">${t('reports.noPdf')}</span>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return page(
    ctx,
    t('reports.title'),
    html`<p class="note">${t('reports.intro')} ${t('common.chinaTime')}</p>
      ${v.badMonth ? html`<p class="message error" role="alert">${t('reports.badMonth')}</p>` : null} ${form}
      ${v.reports.length ? table : html`<p>${t('reports.empty')}</p>`}`,
  );
}
