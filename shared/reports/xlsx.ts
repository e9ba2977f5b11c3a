import { newWorkbook } from '../spreadsheet/workbook';
import type { Locale } from '../i18n/translate';
import { safeCellText } from '../spreadsheet/safeCell';
import type { MonthReportData } from './data';
import { reportView } from './view';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(text: string): string {
  return safeCellText(text.replace(/[:\\/?*[\]]/g, ' ')).slice(0, 31);
}

/** Text cells go through safeCellText: a category label or case number typed as `=…` is shown, never run. */
const cell = (value: string) => safeCellText(value);

/**
 * The monthly report as a spreadsheet, in its language: a summary sheet (the figures, then each
 * breakdown with counts and shares) and the notable complaints, one row each. Rates are numbers
 * formatted as percentages, so head office can compute with them.
 */
export async function monthReportWorkbook(data: MonthReportData, language: Locale): Promise<Uint8Array> {
  const view = reportView(data, language);
  const { t } = view;
  const book = await newWorkbook();
  book.creator = 'Countersign';
  book.created = new Date(data.takenAt);
  book.modified = new Date(data.takenAt);

  const summary = book.addWorksheet(sheetName(t('report.sheet.summary')));
  summary.columns = [{ width: 30 }, { width: 14 }, { width: 12 }];
  summary.addRow([cell(`${view.title} · ${view.monthTitle}`)]).font = { bold: true, size: 14 };
  summary.addRow([cell(view.to)]);
  summary.addRow([cell(t('report.field.branch')), cell(view.branch)]);
  summary.addRow([cell(t('report.field.month')), cell(data.month)]);
  summary.addRow([cell(t('report.field.takenAt')), cell(view.takenAt)]);
  summary.addRow([]);
  summary.addRow([cell(t('report.section.summary'))]).font = { bold: true };
  for (const row of view.summary) {
    const added = summary.addRow([cell(row.label), row.value ?? cell(t('report.rate.none'))]);
    if (row.kind === 'rate' && row.value !== null) added.getCell(2).numFmt = '0.0%';
  }
  for (const b of view.breakdowns) {
    summary.addRow([]);
    summary.addRow([cell(b.title), cell(t('report.column.count')), cell(t('report.column.share'))]).font = { bold: true };
    if (b.rows.length === 0) summary.addRow([cell(t('report.none'))]);
    for (const r of b.rows) {
      const added = summary.addRow([cell(r.label), r.count, r.share ?? cell(t('report.rate.none'))]);
      if (r.share !== null) added.getCell(3).numFmt = '0.0%';
    }
  }

  const notable = book.addWorksheet(sheetName(t('report.sheet.notable')));
  notable.columns = [
    { header: cell(t('report.column.caseNo')), width: 22 },
    { header: cell(t('report.column.receivedAt')), width: 12 },
    { header: cell(t('report.column.category')), width: 16 },
    { header: cell(t('report.column.severity')), width: 10 },
    { header: cell(t('report.column.state')), width: 10 },
    { header: cell(t('report.column.reasons')), width: 30 },
  ];
  notable.getRow(1).font = { bold: true };
  notable.views = [{ state: 'frozen', ySplit: 1 }];
  for (const c of view.notable) notable.addRow([c.caseNo, c.received, c.category, c.severity, c.state, c.reasons].map(cell));
  if (view.notableNote) notable.addRow([cell(view.notableNote)]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
