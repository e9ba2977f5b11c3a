import type ExcelJS from 'exceljs';
import { newWorkbook } from '../spreadsheet/workbook';
import { chinaDateTime } from '../deadlines/calendar';
import { safeCellText } from '../spreadsheet/safeCell';
import type { ScoreSheet } from './scoreSheet';

/** A text of the shared catalog in the file's language. */
export type SheetTranslate = (key: string, params?: Record<string, string | number>) => string;

function cell(value: string | number): string | number {
  return typeof value === 'number' ? value : safeCellText(value);
}

function addTable(book: ExcelJS.Workbook, name: string, columns: { heading: string; width: number }[], rows: (string | number)[][]): void {
  const sheet = book.addWorksheet(safeCellText(name).slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: safeCellText(c.heading), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row.map(cell));
}

/**
 * The score sheet as a workbook: totals by staff member, by department, and every record. Every
 * text cell goes through safeCellText: a name typed as `=HYPERLINK(…)` is shown, never run.
 */
export async function scoreSheetWorkbook(sheet: ScoreSheet, t: SheetTranslate): Promise<Uint8Array> {
  const book = await newWorkbook();
  book.creator = 'Countersign';
  const dept = (d: string) => (d === '' ? t('forms.scoreSheet.noDepartment') : d);
  const who = (staffId: string, name: string) => (name ? `${name} (${staffId})` : staffId);
  const totalRow = [t('forms.scoreSheet.total'), sheet.total.records, sheet.total.points];
  addTable(
    book,
    t('forms.scoreSheet.byStaff'),
    [
      { heading: t('forms.scoreSheet.staff'), width: 20 },
      { heading: t('forms.scoreSheet.records'), width: 10 },
      { heading: t('forms.scoreSheet.points'), width: 10 },
    ],
    [...sheet.staff.map((s) => [who(s.staffId, s.staffName), s.records, s.points]), totalRow],
  );
  addTable(
    book,
    t('forms.scoreSheet.byDepartment'),
    [
      { heading: t('forms.scoreSheet.department'), width: 20 },
      { heading: t('forms.scoreSheet.records'), width: 10 },
      { heading: t('forms.scoreSheet.points'), width: 10 },
    ],
    [...sheet.departments.map((d) => [dept(d.department), d.records, d.points]), totalRow],
  );
  addTable(
    book,
    t('forms.scoreSheet.lines'),
    [
      { heading: t('forms.scoreSheet.at'), width: 17 },
      { heading: t('forms.scoreSheet.caseNo'), width: 22 },
      { heading: t('forms.scoreSheet.staff'), width: 14 },
      { heading: t('forms.scoreSheet.department'), width: 16 },
      { heading: t('forms.scoreSheet.kind'), width: 10 },
      { heading: t('forms.scoreSheet.measure'), width: 12 },
      { heading: t('forms.scoreSheet.points'), width: 8 },
      { heading: t('forms.scoreSheet.status'), width: 10 },
    ],
    sheet.lines.map((l) => [
      chinaDateTime(l.at),
      l.caseNo,
      who(l.staffId, l.staffName),
      dept(l.department),
      t(`accountability.kind.${l.kind}`),
      t(`accountability.measure.${l.measure}`),
      l.points,
      t(`forms.scoreSheet.status.${l.appeal}`),
    ]),
  );
  return new Uint8Array(await book.xlsx.writeBuffer());
}
