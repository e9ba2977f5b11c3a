import { isSilent, type BranchSummary } from '../../branches';
import { formatTime } from '../format';
import { html } from '../html';
import type { T } from '../i18n';
import { page, type PageContext } from '../layout';
import type { XlsxCell, XlsxColumn } from '../xlsx';

export interface BranchesView {
  branches: BranchSummary[];
  silentHours: number;
  now: number;
}

function statusText(t: T, b: BranchSummary, v: BranchesView): { text: string; silent: boolean } {
  if (!isSilent(b, v.silentHours, v.now)) return { text: t('branches.ok'), silent: false };
  return { text: b.lastContactAt === null ? t('branches.never') : t('branches.silent', { hours: v.silentHours }), silent: true };
}

export function branchesPage(ctx: PageContext, v: BranchesView) {
  const { t, locale } = ctx;
  const none = t('common.none');
  const silent = v.branches.filter((b) => isSilent(b, v.silentHours, v.now)).length;
  const table = html`<table>
    <caption>
      ${t('branches.caption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('branches.code')}</th>
        <th scope="col">${t('branches.name')}</th>
        <th scope="col">${t('branches.lastContact')}</th>
        <th scope="col">${t('branches.received')}</th>
        <th scope="col">${t('branches.waiting')}</th>
        <th scope="col">${t('branches.version')}</th>
        <th scope="col">${t('branches.status')}</th>
      </tr>
    </thead>
    <tbody>
      ${v.branches.map((b) => {
        const status = statusText(t, b, v);
        return html`<tr>
          <td>${b.code}</td>
          <th scope="row">${b.name}</th>
          <td>${formatTime(locale, b.lastContactAt) ?? none}</td>
          <td class="num">${b.received}</td>
          <td class="num">${b.waiting ?? none}</td>
          <td>${b.appVersion ?? none}</td>
          <td><span class="${status.silent ? 'warn' : 'ok'}">${status.text}</span></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
  return page(
    ctx,
    t('branches.title'),
    html`<p class="note">${t('branches.rule', { hours: v.silentHours })} ${t('common.chinaTime')}</p>
      ${silent ? html`<p class="message error" role="status">${t('branches.silentCount', { count: silent })}</p>` : null}
      ${v.branches.length ? table : html`<p>${t('branches.empty')}</p>`}
      <p><a href="/branches.xlsx" download>${t('branches.download')}</a></p>`,
  );
}

/** The same table for the XLSX download. */
export function branchesSheet(ctx: Pick<PageContext, 't' | 'locale'>, v: BranchesView): { columns: XlsxColumn[]; rows: XlsxCell[][] } {
  const { t, locale } = ctx;
  const columns: XlsxColumn[] = [
    { header: t('branches.code'), width: 10 },
    { header: t('branches.name'), width: 24 },
    { header: t('branches.lastContact'), width: 20 },
    { header: t('branches.received'), width: 14 },
    { header: t('branches.waiting'), width: 14 },
    { header: t('branches.version'), width: 12 },
    { header: t('branches.status'), width: 28 },
  ];
  const rows = v.branches.map((b) => [
    b.code,
    b.name,
    formatTime(locale, b.lastContactAt),
    b.received,
    b.waiting,
    b.appVersion,
    statusText(t, b, v).text,
  ]);
  return { columns, rows };
}
