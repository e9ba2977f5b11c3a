import type { ImportOutcome } from '../../import';
import { formatTime } from '../format';
import { html, type Html } from '../html';
import type { MessageKey } from '../i18n';
import { page, type PageContext } from '../layout';

/** What became of an upload: importExportFile's outcome, or a file too big to be read at all. */
export type UploadOutcome = ImportOutcome | { status: 'no_file' };

function outcomeView(ctx: PageContext, o: UploadOutcome): Html {
  const { t, locale } = ctx;
  if (o.status === 'no_file') return html`<p class="message error" role="alert">${t('import.noFile')}</p>`;
  if (o.status === 'refused')
    return html`<div class="message error" role="alert">
      <p>${t('import.refused', { reason: t(`import.problem.${o.problem}` as MessageKey) })}</p>
      <p class="detail">${t('import.detail', { detail: o.message })}</p>
    </div>`;
  const file = { branch: o.branch, from: o.period.from, to: o.period.to };
  if (o.status === 'already_imported')
    return html`<p class="message" role="status">${t('import.already', { ...file, at: formatTime(locale, o.importedAt) ?? '' })}</p>`;
  const n = (s: string) => o.results.filter((r) => r.status === s).length;
  const reports = o.reports.length
    ? html`<p class="message" role="status">
        <a href="/reports"
          >${t('import.reports', { count: o.reports.length, accepted: o.reports.filter((r) => r.status === 'accepted').length })}</a
        >
      </p>`
    : null;
  return html`<p class="message" role="status">
      ${t('import.imported', { ...file, cases: o.results.length, accepted: n('accepted'), duplicate: n('duplicate'), rejected: n('rejected') })}
    </p>
    ${reports}
    <table>
      <caption>
        ${t('import.casesCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('case.field.caseNo')}</th>
          <th scope="col">${t('import.result')}</th>
          <th scope="col">${t('import.reason')}</th>
        </tr>
      </thead>
      <tbody>
        ${o.results.map(
          (r) =>
            html`<tr>
              <th scope="row">
                ${r.status === 'rejected' ? r.caseNo : html`<a href="/cases/${encodeURIComponent(r.caseId)}">${r.caseNo}</a>`}
              </th>
              <td>${t(`import.status.${r.status}`)}</td>
              <td>${r.status === 'rejected' ? `${t(`import.rejection.${r.reason}`)}: ${r.detail}` : t('common.none')}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The upload form, and the outcome of the last upload when there is one. */
export function importPage(ctx: PageContext, outcome?: UploadOutcome): Html {
  const { t } = ctx;
  return page(
    ctx,
    t('import.title'),
    html`${outcome ? outcomeView(ctx, outcome) : null}
      <p class="note">${t('import.intro')}</p>
      <form class="upload" method="post" action="/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <label>${t('import.file')} <input type="file" name="file" accept=".zip,application/zip" required /></label>
        <button type="submit">${t('import.submit')}</button>
      </form>`,
  );
}
