/**
 * 月度投诉情况报告: the monthly report for the operations department (R7.4) as a printed document,
 * in the page frame of the case documents (A4, title and branch in the margin, "page x / y").
 * Drawn from the report's data through reportView, like its spreadsheet, so both say the same.
 */
import { chinaDateTime } from '../deadlines/calendar';
import type { Locale } from '../i18n/translate';
import type { MonthReportData } from '../reports/data';
import { percent, reportView, type ReportView } from '../reports/view';
import type { FontSource } from './fonts';
import { h, html, listTable, NO_HTML, renderFramedPage, sectionHeading, type Html } from './layout';

export interface MonthlyReportInput {
  data: MonthReportData;
  language: Locale;
  /** The report's version at the branch (1 for the month's first). */
  version: number;
  /** When it is printed (epoch ms), in the bottom margin. */
  now: number;
  fonts: FontSource;
}

function summaryTable(view: ReportView): Html {
  const rows = view.summary.map((r) => [h(r.label), h(r.kind === 'rate' ? percent(r.value, view.language) : String(r.value))]);
  return listTable([view.t('report.column.item'), view.t('report.column.count')], rows, ['70%', '30%']);
}

function breakdownTables(view: ReportView): Html[] {
  return view.breakdowns.map((b) => {
    const rows = b.rows.length
      ? b.rows.map((r) => [h(r.label), h(String(r.count)), h(percent(r.share, view.language))])
      : [[h(view.t('report.none')), NO_HTML, NO_HTML]];
    return html`${sectionHeading(b.title)}${listTable(
      [view.t('report.column.item'), view.t('report.column.count'), view.t('report.column.share')],
      rows,
      ['60%', '20%', '20%'],
    )}`;
  });
}

function notableTable(view: ReportView): Html {
  if (view.notable.length === 0) return html`<p class="note">${h(view.t('report.notable.none'))}</p>`;
  const headers = ['caseNo', 'receivedAt', 'category', 'severity', 'state', 'reasons'].map((k) => view.t(`report.column.${k}`));
  const rows = view.notable.map((c) => [c.caseNo, c.received, c.category, c.severity, c.state, c.reasons].map((v) => h(v)));
  const note = view.notableNote ? html`<p class="note">${h(view.notableNote)}</p>` : NO_HTML;
  return html`${listTable(headers, rows, ['23%', '13%', '16%', '11%', '12%', '25%'])}${note}`;
}

/** The report's self-contained HTML (fonts inlined for its own characters), ready to print or save as PDF. */
export async function renderMonthlyReport(input: MonthlyReportInput): Promise<{ html: string; title: string }> {
  const view = reportView(input.data, input.language);
  const { t } = view;
  const title = view.title;
  const colon = input.language === 'en' ? ': ' : '：';
  const body = html`<header class="doc-header report-header">
      <h1>${h(title)}</h1>
      <div class="meta"><span>${h(view.to)}</span><span class="case-no">${h(view.monthTitle)}</span></div>
      <div class="meta">
        <span>${h(`${t('report.field.branch')}${colon}${view.branch}`)}</span>
        <span>${h(`${t('report.field.takenAt')}${colon}${view.takenAt} · ${t('report.field.version')} ${input.version}`)}</span>
      </div>
    </header>
    ${sectionHeading(t('report.section.summary'))}${summaryTable(view)} ${breakdownTables(view)}
    ${sectionHeading(t('report.section.notable'))}
    <p class="note">${h(view.notableIntro)}</p>
    ${notableTable(view)}
    <div class="stamp">
      <span>${h(t('report.sign.preparedBy') + colon)}________________</span><span>${h(t('report.sign.head') + colon)}________________</span>
    </div>`;
  const margins = {
    topLeft: `${title} · ${input.data.branch.name}`,
    topRight: input.data.month,
    bottomLeft: t('forms.printedAt', { time: chinaDateTime(input.now).replace('T', ' ') }),
  };
  const { html: page } = await renderFramedPage(
    { language: input.language, fonts: input.fonts },
    { title, body },
    margins,
    `${title} ${input.data.branch.code} ${input.data.month}`,
  );
  return { html: page, title };
}
